package dev.bgcopy.api;

import java.util.Optional;

/**
 * A Java enum that mirrors a native C enumeration: each constant knows its native number.
 *
 * <p>Lookups are tolerant: {@link #find(Class, int)} returns empty for a number the enum does not know
 * (a newer Windows may add values), and the caller decides what that means.
 */
public interface NativeEnum {

    /** The constant's value in the native enumeration. */
    int nativeValue();

    /** The constant of {@code type} whose {@link #nativeValue()} is {@code value}, if any. */
    static <E extends Enum<E> & NativeEnum> Optional<E> find(Class<E> type, int value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.nativeValue() == value) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
