package dev.bgcopy.mockwebserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class PseudoRandomContentTest {

    private static final long SEED = Long.getLong("content.seed", 20261121L);

    @Test
    void read_atAnyOffset_equalsTheSameSliceOfTheWhole() {
        PseudoRandomContent content = new PseudoRandomContent(10_000, SEED);
        byte[] whole = content.bytes();
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 500; i++) {
            int offset = random.nextInt(10_000);
            int length = random.nextInt(10_000 - offset + 1);
            int into = random.nextInt(8);
            byte[] part = new byte[into + length];
            content.read(offset, part, into, length);
            assertThat(Arrays.copyOfRange(part, into, into + length))
                    .as("seed %d (rerun with -Dcontent.seed=%d), offset %d, length %d", SEED, SEED, offset, length)
                    .isEqualTo(Arrays.copyOfRange(whole, offset, offset + length));
        }
    }

    @Test
    void content_isDeterministicAndSeedDependent() {
        assertThat(new PseudoRandomContent(4096, 1).sha256()).isEqualTo(new PseudoRandomContent(4096, 1).sha256());
        assertThat(new PseudoRandomContent(4096, 1).sha256()).isNotEqualTo(new PseudoRandomContent(4096, 2).sha256());
    }

    @Test
    void knownBytes_pinTheGenerator() {
        // SplitMix64's first two outputs from state 0, little-endian: the demo prints an ETag made of the
        // content's SHA-256, so the generator must never change silently.
        assertThat(HexFormat.of().formatHex(new PseudoRandomContent(16, 0).bytes()))
                .isEqualTo("afcd1d7b39a820e2" + "f465b9a16a9e786e");
    }

    @Test
    void sha256_equalsTheDigestOfTheBytesAndOfTheirFile(@TempDir Path dir) throws Exception {
        PseudoRandomContent content = new PseudoRandomContent(200_003, SEED);
        byte[] whole = content.bytes();
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(whole));
        assertThat(content.sha256()).isEqualTo(expected);
        Path file = Files.write(dir.resolve("c.bin"), whole);
        assertThat(Content.sha256(file)).isEqualTo(expected);
        assertThat(new PseudoRandomContent(0, SEED).sha256())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void bytes_lookRandom() {
        byte[] b = new PseudoRandomContent(1 << 16, SEED).bytes();
        int[] counts = new int[256];
        for (byte x : b) {
            counts[x & 0xFF]++;
        }
        // 256 expected per value; a broken generator (zeros, a short cycle) is far outside this band.
        assertThat(Arrays.stream(counts).min().orElseThrow()).isGreaterThan(150);
        assertThat(Arrays.stream(counts).max().orElseThrow()).isLessThan(380);
    }

    @Test
    @Timeout(5)
    void oneGibibyte_isReadAtItsEndWithoutThePrefix() {
        long size = 1L << 30;
        PseudoRandomContent content = new PseudoRandomContent(size, SEED);
        byte[] tail = new byte[4096];
        content.read(size - tail.length, tail, 0, tail.length);
        byte[] again = new byte[4096];
        new PseudoRandomContent(size, SEED).read(size - tail.length, again, 0, again.length);
        assertThat(tail).isEqualTo(again);
        assertThatThrownBy(new PseudoRandomContent(1L << 32, SEED)::bytes).as("4 GiB fit no array")
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void read_outsideTheContentOrBuffer_fails() {
        PseudoRandomContent content = new PseudoRandomContent(100, SEED);
        assertThatThrownBy(() -> content.read(95, new byte[10], 0, 10)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> content.read(-1, new byte[1], 0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> content.read(0, new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new PseudoRandomContent(-1, SEED)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void contentOfBytes_servesACopy() {
        byte[] source = {1, 2, 3, 4};
        Content content = Content.of(source);
        source[0] = 9;
        byte[] part = new byte[2];
        content.read(1, part, 0, 2);
        assertThat(content.size()).isEqualTo(4);
        assertThat(part).containsExactly(2, 3);
        assertThat(content.bytes()).containsExactly(1, 2, 3, 4);
    }
}
