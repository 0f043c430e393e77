package dev.bgcopy.cli.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Ctrl-C while a command follows a job. A shutdown hook (the only portable way to see SIGINT in Java)
 * marks the interruption, wakes the follower and runs the command's reaction (suspend the job, or
 * cancel a job that cannot outlive the process) under the same lock the command holds while it
 * completes the job, so the two never race. The JVM then exits with 130 (128 + SIGINT).
 *
 * <p>{@link #close()} removes the hook once the command is done, so a normal exit never runs it.
 */
public final class Interruption implements AutoCloseable {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final AtomicBoolean fired = new AtomicBoolean();
    private final Thread hook;

    private Interruption(Runnable reaction) {
        this.hook = new Thread(() -> {
            lock.lock();
            try {
                fired.set(true);
                wake.signalAll();
                reaction.run();
            } finally {
                lock.unlock();
            }
        }, "bgcopy-interrupt");
    }

    /** Runs {@code reaction} if the process is interrupted before {@link #close()}. */
    public static Interruption onInterrupt(Runnable reaction) {
        Interruption interruption = new Interruption(reaction);
        Runtime.getRuntime().addShutdownHook(interruption.hook);
        return interruption;
    }

    /** Whether the interruption happened. */
    public boolean fired() {
        return fired.get();
    }

    /** Waits up to {@code nanos}, returning early when interrupted. */
    public void pause(long nanos) {
        lock.lock();
        try {
            if (!fired.get()) {
                wake.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code action} unless the interruption already happened, holding off the reaction meanwhile.
     *
     * @return whether {@code action} ran
     */
    public boolean runUninterrupted(Runnable action) {
        lock.lock();
        try {
            if (fired.get()) {
                return false;
            }
            action.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Removes the hook (a no-op while the JVM is already shutting down). */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Shutdown in progress: the hook runs or ran; nothing to remove.
        }
    }
}
