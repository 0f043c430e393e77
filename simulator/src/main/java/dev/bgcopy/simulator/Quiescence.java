package dev.bgcopy.simulator;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * When the engine has settled, for {@link SimulatorManager#runUntilIdle()}: the dispatcher has nothing
 * left at the current instant and every transfer has ended or is parked on the virtual clock
 * (scripted latency or stall). Transfers run on the workers even in deterministic mode, so that the
 * engine path is exactly the production one; this class counts the "active" transfers (running and not
 * parked) to know when everything has settled, and is the one lock and condition the dispatcher, the
 * transfers and {@code runUntilIdle} wait on.
 */
final class Quiescence {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final boolean manualScheduling;
    private final boolean virtualTime;
    private final Supplier<Instant> clock;
    private final BooleanSupplier open;
    // Guarded by lock.
    private boolean dirty = true;
    private boolean stepping;
    private int runningTransfers;
    private int activeTransfers;
    private long generation;
    private Instant nextDeadline;
    private int drivers;
    private final Set<Parked> parked = new HashSet<>();

    /** A transfer waiting on the virtual clock: not active until released by the clock or a stop. */
    private static final class Parked {
        final Instant deadline;
        final TransferTask task;
        boolean released;

        Parked(Instant deadline, TransferTask task) {
            this.deadline = deadline;
            this.task = task;
        }
    }

    Quiescence(boolean manualScheduling, boolean virtualTime, Supplier<Instant> clock, BooleanSupplier open) {
        this.manualScheduling = manualScheduling;
        this.virtualTime = virtualTime;
        this.clock = clock;
        this.open = open;
    }

    /** Waits until everything has settled (see the class comment), delivering due callbacks too. */
    void runUntilIdle(Notifier notifier, long stuckNanos) {
        lock.lock();
        try {
            drivers++;
        } finally {
            lock.unlock();
        }
        try {
            while (true) {
                long seen;
                lock.lock();
                try {
                    dirty = true;
                    changed.signalAll();
                    while (open.getAsBoolean() && (dirty || stepping || activeTransfers > 0)) {
                        changed.await();
                    }
                    seen = generation;
                } finally {
                    lock.unlock();
                }
                notifier.awaitIdle(stuckNanos);
                lock.lock();
                try {
                    if (!open.getAsBoolean() || (generation == seen && !dirty && !stepping && activeTransfers == 0)) {
                        return;
                    }
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.lock();
            try {
                drivers--;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Something changed: the dispatcher looks again, and stopped transfers leave their parking. */
    void wake() {
        lock.lock();
        try {
            for (Parked p : parked) {
                if (p.task.stopRequested()) {
                    releaseLocked(p);
                }
            }
            changedLocked();
        } finally {
            lock.unlock();
        }
    }

    /** The virtual clock moved: parked transfers whose time came are released. */
    void clockAdvanced() {
        lock.lock();
        try {
            Instant now = clock.get();
            for (Parked p : parked) {
                if (!now.isBefore(p.deadline)) {
                    releaseLocked(p);
                }
            }
            changedLocked();
        } finally {
            lock.unlock();
        }
    }

    /** The manager closed: every waiter wakes up. */
    void closed() {
        lock.lock();
        try {
            parked.forEach(this::releaseLocked);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void changedLocked() {
        dirty = true;
        generation++;
        changed.signalAll();
    }

    // ---- transfers ----

    boolean hasFreeSlot(int maxConcurrentTransfers) {
        lock.lock();
        try {
            return runningTransfers < maxConcurrentTransfers;
        } finally {
            lock.unlock();
        }
    }

    void transferStarted() {
        lock.lock();
        try {
            runningTransfers++;
            activeTransfers++;
        } finally {
            lock.unlock();
        }
    }

    void transferExited() {
        lock.lock();
        try {
            runningTransfers--;
            activeTransfers--;
            changedLocked();
        } finally {
            lock.unlock();
        }
    }

    private void releaseLocked(Parked p) {
        if (!p.released) {
            p.released = true;
            activeTransfers++;
            changed.signalAll();
        }
    }

    /** Blocks a transfer until {@code deadline} on the engine clock, or until it is stopped. */
    void parkUntil(Instant deadline, TransferTask task) throws InterruptedIOException {
        lock.lock();
        try {
            if (!virtualTime) {
                while (!task.stopRequested() && open.getAsBoolean()) {
                    long nanos = Duration.between(clock.get(), deadline).toNanos();
                    if (nanos <= 0) {
                        return;
                    }
                    changed.awaitNanos(nanos);
                }
            } else {
                Parked p = new Parked(deadline, task);
                parked.add(p);
                activeTransfers--;
                generation++;
                changed.signalAll();
                try {
                    while (!p.released) {
                        if (task.stopRequested() || !open.getAsBoolean() || !clock.get().isBefore(deadline)) {
                            releaseLocked(p);
                            break;
                        }
                        changed.await();
                    }
                } finally {
                    releaseLocked(p);
                    parked.remove(p);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Transport.StoppedException();
        } finally {
            lock.unlock();
        }
        if (task.stopRequested() || !open.getAsBoolean()) {
            throw new Transport.StoppedException();
        }
    }

    // ---- the dispatcher ----

    /**
     * Blocks the dispatcher until there is something to look at: a change, the next deadline on the
     * real clock, or (with manual scheduling) a {@code runUntilIdle} driving it. False once closed.
     */
    boolean awaitStep() {
        lock.lock();
        try {
            while ((!dirty || (manualScheduling && drivers == 0)) && open.getAsBoolean()) {
                if (manualScheduling && drivers == 0) {
                    changed.await();
                } else if (!virtualTime && nextDeadline != null) {
                    long nanos = Duration.between(clock.get(), nextDeadline).toNanos();
                    if (nanos <= 0) {
                        dirty = true;
                        break;
                    }
                    changed.awaitNanos(nanos);
                } else {
                    changed.await();
                }
            }
            if (!open.getAsBoolean()) {
                return false;
            }
            dirty = false;
            stepping = true;
            return true;
        } catch (InterruptedException e) {
            return open.getAsBoolean() && awaitStep();
        } finally {
            lock.unlock();
        }
    }

    /** The dispatcher's pass ended; {@code next} is when something is next due, or null. */
    void stepEnded(Instant next) {
        lock.lock();
        try {
            stepping = false;
            nextDeadline = next;
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
