package dev.bgcopy.simulator;

import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
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
 * <p>The retry interval is measured on the engine's {@link VirtualClock} when it has one, like every
 * other delay of a deterministic simulator, so a test sees a redelivery by advancing the clock rather
 * than by waiting; otherwise on the real monotonic clock. How long a callback has been running is
 * always real time: only a real thread can be stuck.
 */
final class Notifier {

    enum Kind { TRANSFERRED, ERROR, MODIFICATION, FILE_TRANSFERRED }

    private record Event(SimulatedJob job, Kind kind, SimulatedFile file, SimulatedError error, boolean redelivery,
                         long dueNanos, long sequence) {
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

    void post(SimulatedJob job, Kind kind, SimulatedFile file, SimulatedError error) {
        enqueue(new Event(job, kind, file, error, false, nowNanos(), 0));
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
            queue.add(new Event(event.job, event.kind, event.file, event.error, event.redelivery, event.dueNanos,
                    sequence++));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until no event is due and none is being delivered, or until the callback being delivered has
     * been running for longer than {@code stuckNanos}.
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
        SimulatedJob job = event.job;
        IBackgroundCopyCallback callback = job.callbackForDelivery();
        if (callback == null || job.getState() == BgJobState.CANCELLED) {
            return;
        }
        switch (event.kind) {
            case TRANSFERRED -> {
                if (event.redelivery && job.getState() != BgJobState.TRANSFERRED) {
                    return;
                }
                if (call(() -> callback.jobTransferred(job)).isFailure()) {
                    redeliver(event);
                }
            }
            case ERROR -> {
                if (event.redelivery && job.getState() != BgJobState.ERROR) {
                    return;
                }
                if (call(() -> callback.jobError(job, event.error)).isFailure()) {
                    redeliver(event);
                }
            }
            case MODIFICATION -> call(() -> callback.jobModification(job));
            case FILE_TRANSFERRED -> call(() -> callback.fileTransferred(job, event.file));
        }
    }

    private void redeliver(Event event) {
        enqueue(new Event(event.job, event.kind, event.file, event.error, true,
                nowNanos() + retryInterval.toNanos(), 0));
    }

    /** The callback's answer; an exception or null counts as {@code E_FAIL}. */
    private static HResult call(java.util.function.Supplier<HResult> callback) {
        try {
            HResult hr = callback.get();
            return hr == null ? HResult.E_FAIL : hr;
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vm) {
                throw vm;
            }
            return HResult.E_FAIL;
        }
    }
}
