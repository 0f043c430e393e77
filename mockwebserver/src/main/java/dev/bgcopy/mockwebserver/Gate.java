package dev.bgcopy.mockwebserver;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A hold on the bodies of one path at a byte offset of the content, made by
 * {@link MockWebServer#holdAt}: every request of the path that arrives while the gate is in place flushes
 * what precedes the offset and then waits at it until {@link #release()} (or the server closes). A
 * request captures the gate at arrival, so a later gate on the same path never trips an earlier request.
 * Used to crash or suspend a client at an exact byte.
 */
public final class Gate {

    private final long offset;
    private final Runnable onRelease;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    Gate(long offset, Runnable onRelease) {
        this.offset = offset;
        this.onRelease = onRelease;
    }

    /** The content offset at which bodies stop. */
    public long offset() {
        return offset;
    }

    /** Waits up to {@code timeout} until a body has stopped at the offset; whether one did. */
    public boolean awaitReached(Duration timeout) throws InterruptedException {
        return reached.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Whether a body has stopped at the offset. */
    public boolean reached() {
        return reached.getCount() == 0;
    }

    /** Lets held bodies go on and removes the gate from its path, so later requests pass. Idempotent. */
    public void release() {
        released.countDown();
        onRelease.run();
    }

    /** Called by the body writer at the offset; returns once released (closing the server releases every gate). */
    void hold() throws InterruptedException {
        reached.countDown();
        released.await();
    }
}
