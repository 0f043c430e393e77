package dev.bgcopy.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RatesTest {

    @Test
    void parse_decimalAndBinaryUnits() {
        assertThat(Rates.parse("20MiB/s")).isEqualTo(20L << 20);
        assertThat(Rates.parse("500KiB/s")).isEqualTo(500L << 10);
        assertThat(Rates.parse("1.5MB/s")).isEqualTo(1_500_000L);
        assertThat(Rates.parse("1.5MiB/s")).isEqualTo(3L << 19);
        assertThat(Rates.parse("2kB/s")).isEqualTo(2000L);
        assertThat(Rates.parse("1GB")).isEqualTo(1_000_000_000L);
        assertThat(Rates.parse("1GiB/s")).isEqualTo(1L << 30);
        assertThat(Rates.parse("125000")).isEqualTo(125_000L);
        assertThat(Rates.parse("125000B/s")).isEqualTo(125_000L);
        assertThat(Rates.parse("0")).as("no cap").isZero();
        assertThat(Rates.parse("0.5")).as("fractions of a byte are dropped").isZero();
        assertThat(Rates.parse(" 20 mib/s ")).isEqualTo(20L << 20);
        assertThat(Rates.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(Rates.parse("500k")).as("single letters are binary, as curl's --limit-rate reads them").isEqualTo(500L << 10);
    }

    @Test
    void parse_negativeMalformedOrTooLarge_fails() {
        for (String bad : new String[] {"-1", "-20MiB/s", "fast", "20 parsecs/s", "MiB/s", "1e6", "", "20MiB/h", "1,5MB/s"}) {
            assertThatThrownBy(() -> Rates.parse(bad)).as(bad).isInstanceOf(CommandLine.TypeConversionException.class)
                    .hasMessageContaining("is not a rate");
        }
        assertThatThrownBy(() -> Rates.parse("9223372036854775808")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> Rates.parse("9000000000GiB/s")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("too large");
    }
}
