package dev.bgcopy.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code BG_JOB_TIMES}: when a job was created, last modified and last finished transferring
 * (docs/contract.md §6.2, rules MT-1..MT-3 in §4.0).
 *
 * <p>Natively each time is a {@code FILETIME}: unsigned 100-ns ticks since 1601-01-01T00:00Z.
 * {@link #fileTimeOf(Instant)} and {@link #instantOf(long)} convert exactly; the zero
 * {@code FILETIME}, {@link #FILETIME_ZERO}, means "not set" (a job that never reached TRANSFERRED).
 *
 * @param creationTime {@code CreationTime}: written once by CreateJob
 * @param modificationTime {@code ModificationTime}: refreshed by every successful change
 * @param transferCompletionTime {@code TransferCompletionTime}, or {@link #FILETIME_ZERO} when never set
 */
public record BgJobTimes(Instant creationTime, Instant modificationTime, Instant transferCompletionTime) {

    /** The instant of the zero {@code FILETIME}: 1601-01-01T00:00:00Z. */
    public static final Instant FILETIME_ZERO = Instant.parse("1601-01-01T00:00:00Z");

    private static final long TICKS_PER_SECOND = 10_000_000L;
    private static final long NANOS_PER_TICK = 100L;
    /** Seconds from 1601-01-01 to 1970-01-01. */
    private static final long SECONDS_1601_TO_1970 = 11_644_473_600L;
    private static final long MAX_SECONDS_SINCE_1601 = Long.divideUnsigned(-1L, TICKS_PER_SECOND);
    private static final long MAX_TICKS_IN_LAST_SECOND = Long.remainderUnsigned(-1L, TICKS_PER_SECOND);

    /** All three instants are required; use {@link #FILETIME_ZERO} for "not set". */
    public BgJobTimes {
        Objects.requireNonNull(creationTime, "creationTime");
        Objects.requireNonNull(modificationTime, "modificationTime");
        Objects.requireNonNull(transferCompletionTime, "transferCompletionTime");
    }

    /** The times of a job from their three {@code FILETIME} tick counts. */
    public static BgJobTimes ofFileTimes(long creation, long modification, long transferCompletion) {
        return new BgJobTimes(instantOf(creation), instantOf(modification), instantOf(transferCompletion));
    }

    /** {@code TransferCompletionTime}, or empty while it is the zero FILETIME. */
    public Optional<Instant> transferCompleted() {
        return FILETIME_ZERO.equals(transferCompletionTime) ? Optional.empty() : Optional.of(transferCompletionTime);
    }

    /**
     * The instant of a {@code FILETIME}, read as unsigned 100-ns ticks since 1601 (every one of the 2^64
     * values has an instant). Exact: {@code fileTimeOf(instantOf(t)) == t} for every {@code t}.
     */
    public static Instant instantOf(long fileTimeTicks) {
        long secondsSince1601 = Long.divideUnsigned(fileTimeTicks, TICKS_PER_SECOND);
        long ticksInSecond = Long.remainderUnsigned(fileTimeTicks, TICKS_PER_SECOND);
        return Instant.ofEpochSecond(secondsSince1601 - SECONDS_1601_TO_1970, ticksInSecond * NANOS_PER_TICK);
    }

    /** {@code FILETIME} ticks of two {@code DWORD}s as the native struct stores them (low at offset 0). */
    public static long fileTimeOf(int lowDateTime, int highDateTime) {
        return ((long) highDateTime << 32) | (lowDateTime & 0xFFFF_FFFFL);
    }

    /**
     * The {@code FILETIME} ticks of {@code instant}, rounded down to the 100-ns tick.
     *
     * @throws IllegalArgumentException when {@code instant} lies before 1601 or after the last
     *         {@code FILETIME} (year 60056)
     */
    public static long fileTimeOf(Instant instant) {
        long secondsSince1601 = instant.getEpochSecond() + SECONDS_1601_TO_1970;
        long ticksInSecond = instant.getNano() / NANOS_PER_TICK;
        boolean beforeFirst = instant.getEpochSecond() < -SECONDS_1601_TO_1970;
        boolean afterLast = Long.compareUnsigned(secondsSince1601, MAX_SECONDS_SINCE_1601) > 0
                || (secondsSince1601 == MAX_SECONDS_SINCE_1601 && ticksInSecond > MAX_TICKS_IN_LAST_SECOND);
        if (beforeFirst || afterLast) {
            throw new IllegalArgumentException("outside the FILETIME range: " + instant);
        }
        return secondsSince1601 * TICKS_PER_SECOND + ticksInSecond;
    }

    /** {@code CreationTime} as FILETIME ticks. */
    public long creationFileTime() {
        return fileTimeOf(creationTime);
    }

    /** {@code ModificationTime} as FILETIME ticks. */
    public long modificationFileTime() {
        return fileTimeOf(modificationTime);
    }

    /** {@code TransferCompletionTime} as FILETIME ticks (0 when not set). */
    public long transferCompletionFileTime() {
        return fileTimeOf(transferCompletionTime);
    }
}
