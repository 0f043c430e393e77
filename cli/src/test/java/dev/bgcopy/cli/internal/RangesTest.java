package dev.bgcopy.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bgcopy.api.BgFileRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RangesTest {

    @Test
    void parse_offsetAndLength() {
        assertThat(Ranges.parse("0:1048576")).isEqualTo(new BgFileRange(0, 1_048_576));
    }

    @Test
    void parse_eofIsLengthToEof() {
        assertThat(Ranges.parse("4096:eof")).isEqualTo(new BgFileRange(4096, BgFileRange.BG_LENGTH_TO_EOF));
        assertThat(Ranges.parse("4096:EOF").isToEndOfFile()).isTrue();
    }

    @Test
    void parse_uint64AboveLongMaxKeepsItsBits() {
        BgFileRange r = Ranges.parse("18446744073709551614:1");
        assertThat(r.initialOffset()).isEqualTo(-2L);
        assertThat(Long.toUnsignedString(r.initialOffset())).isEqualTo("18446744073709551614");
    }

    @Test
    void parse_zeroLengthIsLeftToTheService() {
        // Syntax only: INVALID_RANGE for a zero length is the service's rule (docs/contract.md §4.3).
        assertThat(Ranges.parse("10:0")).isEqualTo(new BgFileRange(10, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", ":5", "5:", "a:b", "1:2:3", "-1:5", "5:-1", "0x10:5", "1 :5", "18446744073709551616:1"})
    void parse_malformed_fails(String text) {
        assertThatThrownBy(() -> Ranges.parse(text))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("is not a range")
                .hasMessageNotContaining("\n");
    }
}
