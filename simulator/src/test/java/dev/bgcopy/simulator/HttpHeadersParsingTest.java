package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The two response headers the transfer reads by hand: {@code Content-Range} (RFC 9110 §14.4) and {@code Retry-After} (§10.2.3). */
class HttpHeadersParsingTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

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
        assertThat(HttpTransport.parseRetryAfter("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(HttpTransport.parseRetryAfter(" 0 ", NOW)).isEqualTo(Duration.ZERO);
        assertThat(HttpTransport.parseRetryAfter("-5", NOW)).isNull();
    }

    @Test
    void retryAfterAsAnHttpDate() {
        String inAnHour = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusHours(1));
        assertThat(HttpTransport.parseRetryAfter(inAnHour, Instant.now()))
                .isBetween(Duration.ofMinutes(58), Duration.ofMinutes(60));
        assertThat(HttpTransport.parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfterThatIsNeither() {
        assertThat(HttpTransport.parseRetryAfter("soon", NOW)).isNull();
        assertThat(HttpTransport.parseRetryAfter("", NOW)).isNull();
    }

    @Test
    void contentRangeThatIsEmptyReversedPastItsTotalOrTooLarge() {
        assertThat(HttpTransport.parseContentRange("bytes 9-5/100")).containsExactly(-1, -1, -1);
        assertThat(HttpTransport.parseContentRange("bytes 0-100/100")).containsExactly(-1, -1, -1);
        assertThat(HttpTransport.parseContentRange("bytes 0-9223372036854775807/*")).containsExactly(-1, -1, -1);
        assertThat(HttpTransport.parseContentRange("bytes 0-99999999999999999999/*")).containsExactly(-1, -1, -1);
        assertThat(HttpTransport.parseContentRange("bytes -5-9/100")).containsExactly(-1, -1, -1);
        assertThat(HttpTransport.parseContentRange("bytes */*")).containsExactly(-1, -1, -1);
    }

    @Test
    @DisplayName("a Retry-After past any sane wait, as seconds or as a date, is clamped to a day; it never overflows")
    void retryAfterIsClamped() {
        assertThat(HttpTransport.parseRetryAfter("9223372036854775807", NOW)).isEqualTo(HttpTransport.MAX_RETRY_AFTER);
        assertThat(HttpTransport.parseRetryAfter("99999999999999999999999999", NOW)).isEqualTo(HttpTransport.MAX_RETRY_AFTER);
        assertThat(HttpTransport.parseRetryAfter("86401", NOW)).isEqualTo(Duration.ofDays(1));
        assertThat(HttpTransport.parseRetryAfter("000120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(HttpTransport.parseRetryAfter("Fri, 31 Dec 9999 23:59:59 GMT", NOW)).isEqualTo(Duration.ofDays(1));
        assertThat(HttpTransport.parseRetryAfter("Fri, 04 Dec 2026 12:10:00 GMT", NOW)).isEqualTo(Duration.ofMinutes(10));
        assertThat(Duration.ofDays(1)).isEqualTo(HttpTransport.MAX_RETRY_AFTER);
    }
}
