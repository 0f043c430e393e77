package dev.bgcopy.windows.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The few {@code VARIANT}s the DO property methods use (docs/contract.md §3.5, §3.10, §6.5): {@code VT_EMPTY},
 * {@code VT_I4} (Integer), {@code VT_BSTR} (String), {@code VT_BOOL} (Boolean), {@code VT_UI8} (Long,
 * raw bits). Layout: {@code vt} (u16) at 0, value at 8; 24 bytes on x64, 16 on x86. A BSTR inside
 * belongs to the VARIANT and is freed by {@link #clear} (the {@code VariantClear} contract).
 */
public final class Variant {

    /** {@code VT_EMPTY}. */
    public static final short VT_EMPTY = 0;
    /** {@code VT_I4}. */
    public static final short VT_I4 = 3;
    /** {@code VT_BSTR}. */
    public static final short VT_BSTR = 8;
    /** {@code VT_BOOL}: VARIANT_TRUE is -1. */
    public static final short VT_BOOL = 11;
    /** {@code VT_UI8}. */
    public static final short VT_UI8 = 21;
    /** Size of a VARIANT in this process. */
    public static final int SIZE = Native.POINTER_SIZE == 8 ? 24 : 16;

    private static final long VALUE = 8;

    private Variant() {
    }

    /** A new VT_EMPTY variant. */
    public static Memory allocate() {
        Memory m = new Memory(SIZE);
        m.clear();
        return m;
    }

    /**
     * Stores {@code value} (a BSTR is allocated through {@code runtime}).
     *
     * @throws IllegalArgumentException for a Java type with no VARIANT mapping here
     */
    public static void write(Pointer v, Object value, ComRuntime runtime) {
        if (value == null) {
            v.setShort(0, VT_EMPTY);
        } else if (value instanceof String) {
            v.setShort(0, VT_BSTR);
            v.setPointer(VALUE, runtime.sysAllocString((String) value));
        } else if (value instanceof Boolean) {
            v.setShort(0, VT_BOOL);
            v.setShort(VALUE, (Boolean) value ? (short) -1 : 0);
        } else if (value instanceof Long) {
            v.setShort(0, VT_UI8);
            v.setLong(VALUE, (Long) value);
        } else if (value instanceof Integer) {
            v.setShort(0, VT_I4);
            v.setInt(VALUE, (Integer) value);
        } else {
            throw new IllegalArgumentException("no VARIANT type for " + value.getClass().getName());
        }
    }

    /**
     * The Java value of the variant at {@code v}.
     *
     * @throws IllegalArgumentException for a VARIANT type not mapped here
     */
    public static Object read(Pointer v) {
        short vt = v.getShort(0);
        switch (vt) {
            case VT_EMPTY:
                return null;
            case VT_BSTR:
                Pointer bstr = v.getPointer(VALUE);
                return bstr == null ? "" : Wide.read(bstr);
            case VT_BOOL:
                return v.getShort(VALUE) != 0;
            case VT_UI8:
                return v.getLong(VALUE);
            case VT_I4:
                return v.getInt(VALUE);
            default:
                throw new IllegalArgumentException("unsupported VARIANT type " + vt);
        }
    }

    /** {@code VariantClear}: frees what the variant owns and leaves it VT_EMPTY. */
    public static void clear(Pointer v, ComRuntime runtime) {
        if (v.getShort(0) == VT_BSTR) {
            runtime.sysFreeString(v.getPointer(VALUE));
        }
        v.clear(SIZE);
    }
}
