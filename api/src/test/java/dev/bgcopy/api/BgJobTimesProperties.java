package dev.bgcopy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class BgJobTimesProperties {

    /** FILETIME ticks of 1970-01-01T00:00Z (docs/contract.md §6.2). */
    private static final long UNIX_EPOCH_TICKS = 116_444_736_000_000_000L;

    @Property
    void everyFileTimeRoundTripsThroughInstant(@ForAll long ticks) {
        assertThat(BgJobTimes.fileTimeOf(BgJobTimes.instantOf(ticks))).isEqualTo(ticks);
    }

    @Property
    void everyTickAlignedInstantInRangeRoundTrips(@ForAll("tickAlignedInstants") Instant instant) {
        assertThat(BgJobTimes.instantOf(BgJobTimes.fileTimeOf(instant))).isEqualTo(instant);
    }

    @Property
    void instantsRoundDownToTheTick(@ForAll("tickAlignedInstants") Instant instant, @ForAll("subTickNanos") int extra) {
        assertThat(BgJobTimes.fileTimeOf(instant.plusNanos(extra))).isEqualTo(BgJobTimes.fileTimeOf(instant));
    }

    @Property
    void lowAndHighDwordsCombineUnsigned(@ForAll long ticks) {
        int low = (int) ticks;
        int high = (int) (ticks >>> 32);
        assertThat(BgJobTimes.fileTimeOf(low, high)).isEqualTo(ticks);
    }

    @Property
    void orderIsPreservedUnsigned(@ForAll long a, @ForAll long b) {
        int ticks = Integer.signum(Long.compareUnsigned(a, b));
        int instants = Integer.signum(BgJobTimes.instantOf(a).compareTo(BgJobTimes.instantOf(b)));
        assertThat(instants).isEqualTo(ticks);
    }

    @Provide
    Arbitrary<Instant> tickAlignedInstants() {
        return Arbitraries.longs().map(BgJobTimes::instantOf);
    }

    @Provide
    Arbitrary<Integer> subTickNanos() {
        return Arbitraries.integers().between(0, 99);
    }

    @Example
    void anchorsOfTheFileTimeScale() {
        assertThat(BgJobTimes.instantOf(0)).isEqualTo(BgJobTimes.FILETIME_ZERO).isEqualTo(Instant.parse("1601-01-01T00:00:00Z"));
        assertThat(BgJobTimes.instantOf(UNIX_EPOCH_TICKS)).isEqualTo(Instant.EPOCH);
        assertThat(BgJobTimes.fileTimeOf(Instant.parse("2026-11-21T00:00:00.0000001Z")))
                .isEqualTo(UNIX_EPOCH_TICKS + 1_795_219_200L * 10_000_000L + 1);
        assertThat(BgJobTimes.instantOf(-1L)).isEqualTo(Instant.parse("+60056-05-28T05:36:10.955161500Z"));
    }

    @Example
    void instantsOutsideTheFileTimeRangeAreRefused() {
        assertThatThrownBy(() -> BgJobTimes.fileTimeOf(Instant.parse("1600-12-31T23:59:59.9999999Z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BgJobTimes.fileTimeOf(BgJobTimes.instantOf(-1L).plusNanos(100)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BgJobTimes.fileTimeOf(Instant.MAX)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BgJobTimes.fileTimeOf(Instant.MIN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void transferCompletedIsEmptyForTheZeroFileTime() {
        Instant now = Instant.parse("2026-11-21T10:15:30Z");
        assertThat(new BgJobTimes(now, now, BgJobTimes.FILETIME_ZERO).transferCompleted()).isEmpty();
        assertThat(BgJobTimes.ofFileTimes(1, 2, 3).transferCompleted()).contains(BgJobTimes.instantOf(3));
        assertThat(BgJobTimes.ofFileTimes(1, 2, 0).transferCompletionFileTime()).isZero();
    }
}
