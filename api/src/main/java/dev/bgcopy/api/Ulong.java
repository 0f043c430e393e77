package dev.bgcopy.api;

/** Checks for native {@code ULONG}/{@code DWORD} values carried in a Java {@code long}. */
public final class Ulong {

    /** The largest {@code ULONG}: 2^32 - 1. */
    public static final long MAX = 0xFFFF_FFFFL;

    private Ulong() {
    }

    /** {@code value} when it fits a {@code ULONG}; otherwise IllegalArgumentException naming {@code what}. */
    static long check(long value, String what) {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException(what + " is a ULONG (0.." + MAX + "): " + value);
        }
        return value;
    }

    /** A UINT64 held in a long, printed unsigned, or "unknown" for the all-ones value. */
    static String sizeOrUnknown(long value) {
        return value == BgJobProgress.BG_SIZE_UNKNOWN ? "unknown" : Long.toUnsignedString(value);
    }
}
