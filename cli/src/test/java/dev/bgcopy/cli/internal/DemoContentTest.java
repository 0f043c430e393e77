package dev.bgcopy.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DemoContentTest {

    private static final long SEED = 20261121L;

    @Test
    void fill_atAnyOffset_equalsTheSameSliceOfTheWhole() {
        DemoContent content = new DemoContent(10_000, DemoRun.SEED);
        byte[] whole = new byte[10_000];
        content.fill(0, whole, whole.length);
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 500; i++) {
            int offset = random.nextInt(10_000);
            int length = random.nextInt(10_000 - offset + 1);
            byte[] part = new byte[length];
            content.fill(offset, part, length);
            assertThat(part).as("seed %d, offset %d, length %d", SEED, offset, length)
                    .isEqualTo(Arrays.copyOfRange(whole, offset, offset + length));
        }
    }

    @Test
    void content_isDeterministicAndSeedDependent() {
        assertThat(new DemoContent(4096, 1).sha256()).isEqualTo(new DemoContent(4096, 1).sha256());
        assertThat(new DemoContent(4096, 1).sha256()).isNotEqualTo(new DemoContent(4096, 2).sha256());
    }

    @Test
    void sha256_equalsTheDigestOfTheBytes() {
        DemoContent content = new DemoContent(200_003, SEED);
        byte[] whole = new byte[200_003];
        content.fill(0, whole, whole.length);
        assertThat(content.sha256()).isEqualTo(DemoContent.newSha256().digest(whole));
        assertThat(DemoContent.hex(new DemoContent(0, SEED).sha256()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void bytes_lookRandom() {
        DemoContent content = new DemoContent(1 << 16, DemoRun.SEED);
        byte[] b = new byte[1 << 16];
        content.fill(0, b, b.length);
        int[] counts = new int[256];
        for (byte x : b) {
            counts[x & 0xFF]++;
        }
        // 256 expected per value; a broken generator (zeros, a short cycle) is far outside this band.
        assertThat(Arrays.stream(counts).min().orElseThrow()).isGreaterThan(150);
        assertThat(Arrays.stream(counts).max().orElseThrow()).isLessThan(380);
    }

    @Test
    void fill_outsideTheContent_fails() {
        DemoContent content = new DemoContent(100, SEED);
        assertThatThrownBy(() -> content.fill(95, new byte[10], 10)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> content.fill(-1, new byte[1], 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
