package dev.bgcopy.windows;

import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.windows.internal.ComObject;
import dev.bgcopy.windows.internal.ServiceKind;
import dev.bgcopy.windows.loopback.LoopbackComRuntime;

import java.time.Duration;
import java.time.Instant;

/**
 * A Java api implementation served through the in-process COM loopback and reached through the
 * binding: {@link #manager()} is the binding's own {@code IBackgroundCopyManager}, talking to native
 * vtables. {@link #close()} shuts the chain down and then proves nothing leaked: every COM object
 * created meanwhile destroyed, no call after a final Release, every {@code CoTaskMemAlloc} and
 * {@code SysAllocString} freed exactly once.
 */
final class LoopbackService implements AutoCloseable {

    private static final Duration COLLECTION_DEADLINE = Duration.ofSeconds(20);

    private final LoopbackComRuntime runtime;
    private final IBackgroundCopyManager manager;
    private final long liveBefore;
    private final long strayBefore;

    private LoopbackService(LoopbackComRuntime runtime, IBackgroundCopyManager manager, long liveBefore,
            long strayBefore) {
        this.runtime = runtime;
        this.manager = manager;
        this.liveBefore = liveBefore;
        this.strayBefore = strayBefore;
    }

    /** Serves {@code service} under the coclass of its dialect and opens the binding on it. */
    static LoopbackService open(IBackgroundCopyManager service) {
        long liveBefore = ComObject.liveCount();
        long strayBefore = ComObject.strayCalls();
        ServiceKind kind = service.dialect() == Dialect.DO ? ServiceKind.DELIVERY_OPTIMIZATION : ServiceKind.BITS;
        LoopbackComRuntime runtime = new LoopbackComRuntime().register(kind.clsid(), service);
        return new LoopbackService(runtime, Binding.openManager(runtime, kind), liveBefore, strayBefore);
    }

    /** The binding's manager. */
    IBackgroundCopyManager manager() {
        return manager;
    }

    /** The loopback runtime and its counters. */
    LoopbackComRuntime runtime() {
        return runtime;
    }

    /**
     * Releases the manager and whatever the service still holds, lets the Cleaner release wrappers the
     * test forgot, then checks the counters.
     *
     * @throws AssertionError naming every counter when anything leaked
     */
    @Override
    public void close() {
        manager.close();
        runtime.releaseServiceReferences();
        Instant deadline = Instant.now().plus(COLLECTION_DEADLINE);
        // Forgotten wrappers are released by the Cleaner after a collection; each round waits for the
        // COM thread to run what it was handed. No sleeping: the deadline only bounds a broken build.
        while (!balanced() && Instant.now().isBefore(deadline)) {
            System.gc();
            runtime.thread().drain();
            Thread.onSpinWait();
        }
        try {
            if (!balanced()) {
                throw new AssertionError("the COM loopback leaked: " + runtime.report()
                        + " (baseline live objects " + liveBefore + ", stray calls " + strayBefore + ")");
            }
        } finally {
            runtime.close();
        }
    }

    private boolean balanced() {
        return ComObject.liveCount() == liveBefore
                && ComObject.strayCalls() == strayBefore
                && runtime.taskAllocations() == runtime.taskFrees()
                && runtime.bstrAllocations() == runtime.bstrFrees()
                && runtime.invalidFrees() == 0;
    }
}
