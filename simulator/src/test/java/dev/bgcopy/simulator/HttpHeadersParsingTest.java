package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** The two response headers the transfer reads by hand: {@code Content-Range} (RFC 9110 §14.4) and {@code Retry-After} (§10.2.3). */
class HttpHeadersParsingTest {

    @Test
    void contentRangeOfASatisfiedRange() {
        assertThat(HttpTransport.parseContentRange("bytes 100-199/1000")).containsExactly(100, 1000, 100);
        assertThat(HttpTransport.parseContentRange("  BYTES 0-0/1 ")).containsExactly(0, 1, 1);
        assertThat(HttpTransport.parseContentRange("bytes 5-9/*")).containsExactly(5, -1, 5);
    }

    @Test
    void contentRangeOfAnUnsatisfiedRange() {
        assertThat(HttpTransport.parseContentRange("bytes */4096")).containsExactly(-1, 4096, -1);
    }

    @Test
    void contentRangeThatIsNotBytesOrNotWellFormed() {
        assertThat(HttpTransport.parseContentRange("items 1-2/3")).containsExactly(-1, -1, -1);
        assertThat(HttpTransport.parseContentRange("bytes 1-2")).containsExactly(-1, -1, -1);
        assertThat(HttpTransport.parseContentRange("bytes x-2/3")).containsExactly(-1, -1, -1);
        assertThat(HttpTransport.parseContentRange("bytes 1-2/many")).containsExactly(-1, -1, -1);
    }

    @Test
    void retryAfterInSeconds() {
        assertThat(HttpTransport.parseRetryAfter("120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(HttpTransport.parseRetryAfter(" 0 ")).isEqualTo(Duration.ZERO);
        assertThat(HttpTransport.parseRetryAfter("-5")).isNull();
    }

    @Test
    void retryAfterAsAnHttpDate() {
        String inAnHour = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusHours(1));
        assertThat(HttpTransport.parseRetryAfter(inAnHour))
                .isBetween(Duration.ofMinutes(58), Duration.ofMinutes(60));
        assertThat(HttpTransport.parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfterThatIsNeither() {
        assertThat(HttpTransport.parseRetryAfter("soon")).isNull();
        assertThat(HttpTransport.parseRetryAfter("")).isNull();
    }
}
