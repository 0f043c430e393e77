package dev.bgcopy.tck.internal;

import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A callback that records every event (and the job's state during the call), answers with scripted
 * results, and lets a test wait for a count without sleeping (monitor wait/notify).
 */
public final class RecordingCallback implements IBackgroundCopyCallback {

    /** Which callback method. */
    public enum Kind { TRANSFERRED, ERROR, MODIFICATION, FILE_TRANSFERRED }

    /** One delivered event. */
    public record Event(Kind kind, BgJobState stateDuringCall) {
    }

    private final List<Event> events = new ArrayList<>();
    private final List<HResult> jobErrorResults = new ArrayList<>();

    /** The results {@code jobError} returns, in order; S_OK once they run out. */
    public synchronized RecordingCallback jobErrorReturns(HResult... results) {
        jobErrorResults.addAll(List.of(results));
        return this;
    }

    private synchronized HResult record(Kind kind, IBackgroundCopyJob job) {
        events.add(new Event(kind, job.getState()));
        notifyAll();
        if (kind == Kind.ERROR && !jobErrorResults.isEmpty()) {
            return jobErrorResults.remove(0);
        }
        return HResult.S_OK;
    }

    @Override
    public HResult jobTransferred(IBackgroundCopyJob job) {
        return record(Kind.TRANSFERRED, job);
    }

    @Override
    public HResult jobError(IBackgroundCopyJob job, IBackgroundCopyError error) {
        return record(Kind.ERROR, job);
    }

    @Override
    public HResult jobModification(IBackgroundCopyJob job) {
        return record(Kind.MODIFICATION, job);
    }

    @Override
    public HResult fileTransferred(IBackgroundCopyJob job, IBackgroundCopyFile file) {
        return record(Kind.FILE_TRANSFERRED, job);
    }

    /** Every event so far. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** How many events of {@code kind} arrived. */
    public synchronized int count(Kind kind) {
        return (int) events.stream().filter(e -> e.kind() == kind).count();
    }

    /**
     * Waits until at least {@code n} events of {@code kind} arrived, letting the session's scheduler
     * run; at most {@code seconds} of real time.
     *
     * <p>With a virtual clock the answer is known after one scheduler step, because
     * {@link dev.bgcopy.tck.TckService#runUntilIdle()} returns only once every due callback has
     * been delivered: a test that expects no event then costs no real time. Without one, an absent
     * event can only be observed as a quiet window of {@code seconds}.
     *
     * @return whether they arrived
     */
    public boolean await(TckSession s, Kind kind, int n, int seconds) {
        if (s.hasVirtualClock()) {
            s.settle();
            return count(kind) >= n;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            s.settle();
            synchronized (this) {
                if (count(kind) >= n) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }
}
