package dev.bgcopy.windows.internal;

import java.util.Objects;

/**
 * One method of a COM object implemented in Java: its native parameter types after {@code this}
 * ({@code Pointer}, {@code int} for 32-bit values, {@code long} for UINT64) and its body. The body
 * returns the HRESULT; an exception it throws is mapped by {@link ComVtable} (a
 * {@link dev.bgcopy.api.BackgroundCopyException} keeps its code, bad arguments become
 * {@code E_INVALIDARG}, anything else {@code E_FAIL}), because an exception must never cross into
 * native code.
 *
 * @param name {@code Interface::Method}, for messages
 * @param parameterTypes native parameter types after {@code this}
 * @param body the implementation
 */
public record ComMethod(String name, Class<?>[] parameterTypes, Body body) {

    /** The implementation of a method. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param self the object called
         * @param args the arguments after {@code this}, typed as declared
         * @return the HRESULT
         */
        int invoke(ComObject self, Object[] args) throws Exception;
    }

    /** Checks the parts. */
    public ComMethod {
        Objects.requireNonNull(name, "name");
        parameterTypes = parameterTypes.clone();
        Objects.requireNonNull(body, "body");
    }

    /** A method taking {@code parameterTypes} after {@code this}. */
    public static ComMethod of(String name, Body body, Class<?>... parameterTypes) {
        return new ComMethod(name, parameterTypes, body);
    }
}
