package dev.bgcopy.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class DurationsTest {

    @Test
    void parse_unitsAndCombinations() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse("1m500ms")).isEqualTo(Duration.ofMillis(60_500));
    }

    @Test
    void parse_bareNumberIsSeconds() {
        assertThat(Durations.parse("42")).isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void parse_iso8601() {
        assertThat(Durations.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "5x", "5 m", "m5", "-5s", "PT-5S", "P", "1h 30m", "99999999999999999999s"})
    void parse_malformed_fails(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("is not a duration");
    }
}
