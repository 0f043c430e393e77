package dev.bgcopy.windows.internal;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.Union;

import java.lang.reflect.Field;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Windows (MSVC default packing) layout of a {@link Structs} declaration for a chosen pointer
 * size, so the x86 layout can be checked on an x64 machine. Rules (docs/contract.md §6): {@code int} 4/4,
 * {@code long} (UINT64) 8/8 on x86 and x64 alike, pointers 4/4 or 8/8, a nested struct aligned to its
 * strictest member; each field at the next multiple of its alignment; the size rounded up to the
 * struct's alignment; a byte array is its length, alignment 1; a union puts every member at 0 and is as large as
 * its largest member, rounded up to its strictest alignment. (An i386 System V layout would align UINT64 to 4;
 * that is not Windows.)
 *
 * @param size total size in bytes, tail padding included
 * @param alignment the struct's alignment
 * @param offsets every field's byte offset, in declaration order
 */
public record WindowsLayout(int size, int alignment, Map<String, Integer> offsets) {

    /** x64 pointer size. */
    public static final int X64 = 8;
    /** x86 pointer size. */
    public static final int X86 = 4;

    /** The layout of {@code type} in a process with {@code pointerSize}-byte pointers. */
    public static WindowsLayout of(Class<? extends Structure> type, int pointerSize) {
        FieldOrder order = type.getAnnotation(FieldOrder.class);
        if (order == null) {
            throw new IllegalArgumentException(type + " declares no @FieldOrder");
        }
        Map<String, Integer> offsets = new LinkedHashMap<>();
        boolean union = Union.class.isAssignableFrom(type);
        int offset = 0;
        int end = 0;
        int alignment = 1;
        for (String name : order.value()) {
            Class<?> fieldType = fieldType(type, name);
            int fieldSize;
            int fieldAlign;
            if (fieldType == long.class) {
                fieldSize = 8;
                fieldAlign = 8;
            } else if (fieldType == int.class) {
                fieldSize = 4;
                fieldAlign = 4;
            } else if (fieldType == short.class) {
                fieldSize = 2;
                fieldAlign = 2;
            } else if (fieldType == Pointer.class) {
                fieldSize = pointerSize;
                fieldAlign = pointerSize;
            } else if (fieldType == byte[].class) {
                fieldSize = byteArrayLength(type, name);
                fieldAlign = 1;
            } else if (Structure.class.isAssignableFrom(fieldType)) {
                @SuppressWarnings("unchecked")
                WindowsLayout nested = of((Class<? extends Structure>) fieldType, pointerSize);
                fieldSize = nested.size;
                fieldAlign = nested.alignment;
            } else {
                throw new IllegalArgumentException(type.getSimpleName() + "." + name + " has no native mapping: " + fieldType);
            }
            offset = union ? 0 : roundUp(offset, fieldAlign);
            offsets.put(name, offset);
            end = Math.max(end, offset + fieldSize);
            offset += fieldSize;
            alignment = Math.max(alignment, fieldAlign);
        }
        return new WindowsLayout(roundUp(end, alignment), alignment, Collections.unmodifiableMap(offsets));
    }

    /** A fixed-size array's length is in its initialiser, so a new instance tells it. */
    private static int byteArrayLength(Class<?> type, String name) {
        try {
            return ((byte[]) type.getField(name).get(type.getConstructor().newInstance())).length;
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type.getSimpleName() + "." + name + ": cannot read the array's length", e);
        }
    }

    private static Class<?> fieldType(Class<?> type, String name) {
        try {
            Field field = type.getField(name);
            return field.getType();
        } catch (NoSuchFieldException e) {
            throw new IllegalArgumentException(type.getSimpleName() + " has no public field " + name, e);
        }
    }

    private static int roundUp(int value, int alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }
}
