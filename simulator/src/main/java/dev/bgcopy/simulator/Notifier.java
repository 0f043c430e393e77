package dev.bgcopy.simulator;

import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgNotifyCmdLine;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyCallback3;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Delivers {@link IBackgroundCopyCallback} events on one dedicated thread (docs/contract.md §4.7): never inside
 * the API call that caused them, never under an engine or job lock, in event order per job. Events
 * are posted under the job lock (the notifier's own lock is a leaf) and delivered later. A JobError or
 * JobTransferred whose callback fails (or throws) is delivered again after the retry interval while
 * the job is still in that state (R59). A blocked callback delays other callbacks but never a transfer.
 *
 * <p>The job's notify command line (docs/contract.md §4.11 "Notify command line (SIM)") is the other receiver of
 * JobTransferred and JobError, as in BITS: its program runs ({@link NotifyProgram}) when the job has no callback,
 * or when the callback failed; a program that fails (or cannot start) runs again, after the job's minimum retry
 * delay, while the job is still in that state, and so does a callback that failed alongside it. Programs run
 * beside the notifier thread: a slow one delays nothing.
 *
 * <p>The retry interval is measured on the engine's {@link VirtualClock} when it has one, like every
 * other delay of a deterministic simulator, so a test sees a redelivery by advancing the clock rather
 * than by waiting; otherwise on the real monotonic clock. How long a callback has been running is
 * always real time: only a real thread can be stuck.
 */
final class Notifier {

    private static final System.Logger LOG = System.getLogger(Notifier.class.getPackageName());

    enum Kind { TRANSFERRED, ERROR, MODIFICATION, FILE_TRANSFERRED, FILE_RANGES_TRANSFERRED }

    /** A job as the notifier sees it when an event is due. */
    interface Subscriber {
        /** The job handed to the callback. */
        IBackgroundCopyJob job();

        /** The registration now, or null. */
        IBackgroundCopyCallback callback();

        /** The state now. */
        BgJobState state();

        /** The notify command line now ({@link BgNotifyCmdLine#NONE} when none is set). */
        default BgNotifyCmdLine notifyCmdLine() {
            return BgNotifyCmdLine.NONE;
        }

        /** The job's minimum retry delay now: how long a failed notify program waits before it runs again. */
        default Duration minimumRetryDelay() {
            return Duration.ZERO;
        }
    }

    /**
     * How long (real time) {@link #awaitIdle} waits for notify programs still running: a program is the user's
     * and may never end, but a test's program ends within seconds even on a loaded machine.
     */
    private static final long PROGRAM_WAIT_NANOS = Duration.ofSeconds(30).toNanos();

    private record Event(Subscriber subscriber, Kind kind, IBackgroundCopyFile file, IBackgroundCopyError error,
                         boolean redelivery, long dueNanos, long sequence, List<BgFileRange> ranges) {

        Event(Subscriber subscriber, Kind kind, IBackgroundCopyFile file, IBackgroundCopyError error,
              boolean redelivery, long dueNanos, long sequence) {
            this(subscriber, kind, file, error, redelivery, dueNanos, sequence, List.of());
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Event> queue = new PriorityQueue<>(
            Comparator.comparingLong(Event::dueNanos).thenComparingLong(Event::sequence));
    private final Duration retryInterval;
    private final VirtualClock virtualClock;
    private final Runnable wakeOnAdvance = this::wake;
    private final Thread thread;
    private long sequence;
    private boolean delivering;
    private long deliveringSince;
    private int programsRunning;
    private long programStartedAt;
    private boolean closed;

    /** @param virtualClock the clock retry times are measured on, or null for the real clock */
    Notifier(String name, Duration retryInterval, VirtualClock virtualClock) {
        this.retryInterval = retryInterval;
        this.virtualClock = virtualClock;
        if (virtualClock != null) {
            virtualClock.addListener(wakeOnAdvance);
        }
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void post(Subscriber subscriber, Kind kind, IBackgroundCopyFile file, IBackgroundCopyError error) {
        enqueue(new Event(subscriber, kind, file, error, false, nowNanos(), 0));
    }

    /**
     * {@code IBackgroundCopyCallback3::FileRangesTransferred} with the ranges of {@code file} that arrived (docs/contract.md
     * §4.20): delivered only to a callback that implements {@link IBackgroundCopyCallback3}.
     */
    void postRanges(Subscriber subscriber, IBackgroundCopyFile file, List<BgFileRange> ranges) {
        enqueue(new Event(subscriber, Kind.FILE_RANGES_TRANSFERRED, file, null, false, nowNanos(), 0, List.copyOf(ranges)));
    }

    /** Now on the clock that due times are measured on; only differences between two values mean anything. */
    private long nowNanos() {
        if (virtualClock == null) {
            return System.nanoTime();
        }
        Instant now = virtualClock.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void enqueue(Event event) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            queue.add(new Event(event.subscriber, event.kind, event.file, event.error, event.redelivery, event.dueNanos,
                    sequence++, event.ranges));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until no event is due, none is being delivered and no notify program is running, or until the
     * callback being delivered has been running for longer than {@code stuckNanos}, or the programs for longer than
     * {@link #PROGRAM_WAIT_NANOS}.
     */
    void awaitIdle(long stuckNanos) throws InterruptedException {
        lock.lock();
        try {
            while (!closed) {
                boolean due = !queue.isEmpty() && queue.peek().dueNanos - nowNanos() <= 0;
                if (delivering) {
                    long stuckFor = System.nanoTime() - deliveringSince;
                    if (stuckFor >= stuckNanos) {
                        return;
                    }
                    changed.awaitNanos(stuckNanos - stuckFor);
                } else if (due) {
                    changed.await();
                } else if (programsRunning > 0) {
                    long runningFor = System.nanoTime() - programStartedAt;
                    if (runningFor >= PROGRAM_WAIT_NANOS) {
                        return;
                    }
                    changed.awaitNanos(PROGRAM_WAIT_NANOS - runningFor);
                } else {
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (virtualClock != null) {
            virtualClock.removeListener(wakeOnAdvance);
        }
        thread.interrupt();
    }

    private void run() {
        while (true) {
            Event event;
            lock.lock();
            try {
                while (true) {
                    if (closed) {
                        return;
                    }
                    Event head = queue.peek();
                    long now = nowNanos();
                    if (head != null && head.dueNanos - now <= 0) {
                        event = queue.poll();
                        delivering = true;
                        deliveringSince = System.nanoTime();
                        break;
                    }
                    try {
                        if (head == null || virtualClock != null) {
                            // A virtual due time passes only when the clock is advanced, which wakes us.
                            changed.await();
                        } else {
                            changed.awaitNanos(head.dueNanos - now);
                        }
                    } catch (InterruptedException e) {
                        if (closed) {
                            return;
                        }
                    }
                }
            } finally {
                lock.unlock();
            }
            try {
                deliver(event);
            } finally {
                lock.lock();
                try {
                    delivering = false;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private void deliver(Event event) {
        Subscriber subscriber = event.subscriber;
        IBackgroundCopyJob job = subscriber.job();
        IBackgroundCopyCallback callback = subscriber.callback();
        if (subscriber.state() == BgJobState.CANCELLED) {
            return;
        }
        switch (event.kind) {
            case TRANSFERRED -> {
                if (event.redelivery && subscriber.state() != BgJobState.TRANSFERRED) {
                    return;
                }
                deliverJobEvent(event, callback, () -> callback.jobTransferred(job));
            }
            case ERROR -> {
                if (event.redelivery && subscriber.state() != BgJobState.ERROR) {
                    return;
                }
                deliverJobEvent(event, callback, () -> callback.jobError(job, event.error));
            }
            case MODIFICATION -> {
                if (callback != null) {
                    call(event, () -> callback.jobModification(job));
                }
            }
            case FILE_TRANSFERRED -> {
                if (callback != null) {
                    call(event, () -> callback.fileTransferred(job, event.file));
                }
            }
            case FILE_RANGES_TRANSFERRED -> {
                if (callback instanceof IBackgroundCopyCallback3 withRanges) {
                    call(event, () -> withRanges.fileRangesTransferred(job, event.file, event.ranges));
                }
            }
        }
    }

    /**
     * JobTransferred or JobError: the callback first; the notify program only when there is no callback or it
     * failed (the SetNotifyCmdLine page). Without a program a failed callback comes again after the retry
     * interval (R59); with one, whatever failed comes again after the job's minimum retry delay.
     */
    private void deliverJobEvent(Event event, IBackgroundCopyCallback callback, java.util.function.Supplier<HResult> method) {
        if (callback != null && call(event, method).isSuccess()) {
            return;
        }
        BgNotifyCmdLine commandLine = event.subscriber.notifyCmdLine();
        if (!commandLine.isSet()) {
            if (callback != null) {
                redeliver(event, retryInterval);
            }
            return;
        }
        programStarted();
        NotifyProgram.run(event.subscriber.job().getId(), commandLine).whenComplete((succeeded, impossible) -> {
            try {
                if (!Boolean.TRUE.equals(succeeded)) {
                    redeliver(event, event.subscriber.minimumRetryDelay());
                }
            } finally {
                programEnded();
            }
        });
    }

    private void programStarted() {
        lock.lock();
        try {
            programsRunning++;
            programStartedAt = System.nanoTime();
        } finally {
            lock.unlock();
        }
    }

    private void programEnded() {
        lock.lock();
        try {
            programsRunning--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void redeliver(Event event, Duration after) {
        enqueue(new Event(event.subscriber, event.kind, event.file, event.error, true,
                nowNanos() + after.toNanos(), 0));
    }

    /** The callback's answer; an exception or null counts as {@code E_FAIL}, and a failure is logged. */
    private static HResult call(Event event, java.util.function.Supplier<HResult> callback) {
        HResult hr;
        try {
            hr = callback.get();
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vm) {
                throw vm;
            }
            LOG.log(System.Logger.Level.WARNING, "the " + event.kind + " callback of job "
                    + event.subscriber.job().getId() + " threw; counted as E_FAIL", e);
            return HResult.E_FAIL;
        }
        if (hr == null || hr.isFailure()) {
            LOG.log(System.Logger.Level.WARNING, "the {0} callback of job {1} returned {2}", event.kind,
                    event.subscriber.job().getId(), hr == null ? "null (counted as E_FAIL)" : hr);
        }
        return hr == null ? HResult.E_FAIL : hr;
    }
}
