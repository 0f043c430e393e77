package dev.bgcopy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class BgJobProgressTest {

    private static final long TWO_TO_THE_63 = Long.MIN_VALUE;
    private static final long MAX_UINT64_BELOW_UNKNOWN = -2L;

    @Test
    void printsUint64FieldsUnsigned() {
        assertThat(new BgJobProgress(0, 0, 0, 0)).hasToString("BgJobProgress[bytes 0/0, files 0/0]");
        assertThat(new BgJobProgress(TWO_TO_THE_63, TWO_TO_THE_63, 1, 1))
                .hasToString("BgJobProgress[bytes 9223372036854775808/9223372036854775808, files 1/1]");
        assertThat(new BgJobProgress(MAX_UINT64_BELOW_UNKNOWN, 5, 2, 0))
                .hasToString("BgJobProgress[bytes 5/18446744073709551614, files 0/2]");
        assertThat(new BgJobProgress(BgJobProgress.BG_SIZE_UNKNOWN, -1L, 4_294_967_295L, 0))
                .hasToString("BgJobProgress[bytes 18446744073709551615/unknown, files 0/4294967295]");
    }

    @Test
    void unknownTotalHasNoFraction() {
        BgJobProgress unknown = new BgJobProgress(BgJobProgress.BG_SIZE_UNKNOWN, 10, 1, 0);
        assertThat(unknown.isBytesTotalKnown()).isFalse();
        assertThat(unknown.fractionComplete()).isEmpty();
    }

    @Test
    void fractionUsesUnsignedArithmetic() {
        assertThat(new BgJobProgress(TWO_TO_THE_63, TWO_TO_THE_63 >>> 1, 1, 0).fractionComplete()).hasValue(0.5);
        assertThat(new BgJobProgress(MAX_UINT64_BELOW_UNKNOWN, MAX_UINT64_BELOW_UNKNOWN, 1, 1).fractionComplete()).hasValue(1.0);
        assertThat(BgJobProgress.EMPTY.fractionComplete()).hasValue(1.0);
        assertThat(new BgJobProgress(100, 250, 1, 0).fractionComplete()).as("clamped").hasValue(1.0);
    }

    @Property
    void fractionOfSignedRangeMatchesPlainDivision(@ForAll @LongRange(min = 1) long total, @ForAll @LongRange(min = 0) long done) {
        long transferred = Math.min(done, total);
        assertThat(new BgJobProgress(total, transferred, 1, 0).fractionComplete().orElseThrow())
                .isCloseTo((double) transferred / total, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void fileCountsMustBeUlongs() {
        assertThatThrownBy(() -> new BgJobProgress(0, 0, -1, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("filesTotal");
        assertThatThrownBy(() -> new BgJobProgress(0, 0, 0, 1L << 32)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("filesTransferred");
        assertThat(new BgJobProgress(0, 0, 0xFFFF_FFFFL, 0xFFFF_FFFFL).filesTotal()).isEqualTo(4_294_967_295L);
    }

    @Test
    void fileProgressAndRangesPrintUnsignedToo() {
        assertThat(new BgFileProgress(BgJobProgress.BG_SIZE_UNKNOWN, 0, false)).hasToString("BgFileProgress[bytes 0/unknown]");
        assertThat(new BgFileProgress(TWO_TO_THE_63, TWO_TO_THE_63, true)).hasToString("BgFileProgress[bytes 9223372036854775808/9223372036854775808, completed]");
        assertThat(new BgFileProgress(10, 10, false).isFullyTransferred()).isTrue();
        assertThat(new BgFileProgress(BgJobProgress.BG_SIZE_UNKNOWN, BgJobProgress.BG_SIZE_UNKNOWN, false).isFullyTransferred()).isFalse();
        assertThat(new BgFileRange(TWO_TO_THE_63, BgFileRange.BG_LENGTH_TO_EOF)).hasToString("9223372036854775808:EOF");
        assertThat(new BgFileRange(0, 100).isToEndOfFile()).isFalse();
    }
}
