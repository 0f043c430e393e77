package dev.bgcopy.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SizesTest {

    @Test
    void parse_binaryUnits() {
        assertThat(Sizes.parse("1048576")).isEqualTo(1 << 20);
        assertThat(Sizes.parse("64k")).isEqualTo(64 << 10);
        assertThat(Sizes.parse("8M")).isEqualTo(8 << 20);
        assertThat(Sizes.parse("256MiB")).isEqualTo(DemoRun.DEFAULT_SIZE);
        assertThat(Sizes.parse("1G")).isEqualTo(1L << 30);
    }

    @Test
    void sizesAndRatesReadEveryUnitAlike() {
        for (String unit : new String[] {"", "B", "k", "kB", "KiB", "M", "MB", "MiB", "G", "GB", "GiB"}) {
            assertThat(Sizes.parse("3" + unit)).as(unit).isEqualTo(Rates.parse("3" + unit + "/s"));
        }
        assertThat(Sizes.parse("1MB")).as("decimal, as in --max-rate").isEqualTo(1_000_000L);
        assertThat(Sizes.parse("1.5MiB")).isEqualTo(3L << 19);
    }

    @Test
    void parse_malformedOrTooLarge_fails() {
        assertThatThrownBy(() -> Sizes.parse("8 parsecs")).isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> Sizes.parse("99999999999G")).isInstanceOf(CommandLine.TypeConversionException.class);
    }
}
