package dev.bgcopy.windows.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import java.nio.charset.StandardCharsets;

/**
 * Native wide strings ({@code LPCWSTR}/{@code LPWSTR}, {@code WCHAR} = 2 bytes UTF-16LE) on every
 * platform. JNA's {@code WString} is not used because it maps to the platform's {@code wchar_t},
 * which is 4 bytes on Linux: the loopback must see the same bytes Windows would.
 */
public final class Wide {

    private Wide() {
    }

    /** Bytes of {@code s} in UTF-16LE plus the 2-byte terminator. */
    public static byte[] bytes(String s) {
        byte[] text = s.getBytes(StandardCharsets.UTF_16LE);
        byte[] withNul = new byte[text.length + 2];
        System.arraycopy(text, 0, withNul, 0, text.length);
        return withNul;
    }

    /** A new native copy of {@code s}, or null for null (an optional {@code LPCWSTR}). */
    public static Memory toNative(String s) {
        if (s == null) {
            return null;
        }
        byte[] b = bytes(s);
        Memory m = new Memory(b.length);
        m.write(0, b, 0, b.length);
        return m;
    }

    /** Number of {@code WCHAR}s before the terminator at {@code p}. */
    public static int length(Pointer p) {
        int n = 0;
        while (p.getShort(2L * n) != 0) {
            n++;
        }
        return n;
    }

    /** The string at {@code p}, or null for a NULL pointer. */
    public static String read(Pointer p) {
        if (p == null) {
            return null;
        }
        int n = length(p);
        return new String(p.getByteArray(0, 2 * n), StandardCharsets.UTF_16LE);
    }

    /**
     * A new native UTF-16LE copy of a secret, or null for null: written from the {@code char[]} without a
     * {@code String}, so the caller can wipe both copies ({@code Memory.clear()}) after the call.
     */
    public static Memory secretToNative(char[] secret) {
        if (secret == null) {
            return null;
        }
        Memory m = new Memory(2L * secret.length + 2);
        for (int i = 0; i < secret.length; i++) {
            m.setShort(2L * i, (short) secret[i]);
        }
        m.setShort(2L * secret.length, (short) 0);
        return m;
    }

    /** The characters at {@code p}, or null for a NULL pointer: a secret read without a {@code String}. */
    public static char[] readSecret(Pointer p) {
        if (p == null) {
            return null;
        }
        char[] chars = new char[length(p)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) p.getShort(2L * i);
        }
        return chars;
    }
}
