package dev.bgcopy.cli.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic pseudo-random content of any size, generated on demand at any offset and never held in
 * memory whole: byte {@code p} is byte {@code p % 8} (little-endian) of SplitMix64's output for the
 * counter {@code seed + p / 8}. Random access is what lets the demo server answer {@code Range}
 * requests straight from the generator.
 */
public final class DemoContent {

    /** The demo's default size: 256 MiB. */
    public static final long DEFAULT_SIZE = 256L << 20;

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final int CHUNK = 1 << 16;

    private final long size;
    private final long seed;

    /**
     * @param size bytes, at least 0
     * @param seed selects the content; the same seed gives the same bytes
     */
    public DemoContent(long size, long seed) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0: " + size);
        }
        this.size = size;
        this.seed = seed;
    }

    /** The size in bytes. */
    public long size() {
        return size;
    }

    /** Writes bytes {@code [offset, offset + length)} of the content into {@code buffer[0..length)}. */
    public void fill(long offset, byte[] buffer, int length) {
        if (offset < 0 || length < 0 || length > buffer.length || offset > size - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", size " + size);
        }
        int i = 0;
        long position = offset;
        while (i < length) {
            long word = word(position >>> 3);
            int shift = (int) (position & 7);
            int take = Math.min(8 - shift, length - i);
            for (int k = 0; k < take; k++) {
                buffer[i + k] = (byte) (word >>> (8 * (shift + k)));
            }
            i += take;
            position += take;
        }
    }

    /** SHA-256 of the whole content, generated chunk by chunk. */
    public byte[] sha256() {
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[CHUNK];
        for (long offset = 0; offset < size; offset += CHUNK) {
            int length = (int) Math.min(CHUNK, size - offset);
            fill(offset, buffer, length);
            digest.update(buffer, 0, length);
        }
        return digest.digest();
    }

    /** Lower-case hex of a digest. */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** A SHA-256 digest (every JDK has one). */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private long word(long counter) {
        long z = seed + (counter + 1) * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
