package dev.bgcopy.mockwebserver;

import java.util.Objects;

/**
 * Deterministic pseudo-random content of any size (1 GiB and more), generated at any offset on demand
 * and never held in memory: byte {@code p} is byte {@code p % 8} (little-endian) of SplitMix64's output
 * for the counter {@code p / 8} from {@code seed}. The same size and seed always give the same bytes, and
 * reading from offset {@code p} costs the same as reading from 0, which is what lets a server answer
 * {@code Range} requests straight from the generator.
 */
public final class PseudoRandomContent implements Content {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long size;
    private final long seed;

    /**
     * @param size bytes, at least 0
     * @param seed selects the content; the same seed gives the same bytes
     */
    public PseudoRandomContent(long size, long seed) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0: " + size);
        }
        this.size = size;
        this.seed = seed;
    }

    @Override
    public long size() {
        return size;
    }

    /** The seed the bytes derive from. */
    public long seed() {
        return seed;
    }

    @Override
    public void read(long offset, byte[] buffer, int bufferOffset, int length) {
        Objects.checkFromIndexSize(bufferOffset, length, buffer.length);
        Objects.checkFromIndexSize(offset, length, size);
        int i = 0;
        long position = offset;
        while (i < length) {
            long word = word(position >>> 3);
            int shift = (int) (position & 7);
            int take = Math.min(8 - shift, length - i);
            for (int k = 0; k < take; k++) {
                buffer[bufferOffset + i + k] = (byte) (word >>> (8 * (shift + k)));
            }
            i += take;
            position += take;
        }
    }

    private long word(long counter) {
        long z = seed + (counter + 1) * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "PseudoRandomContent[size=" + size + ", seed=" + seed + "]";
    }
}
