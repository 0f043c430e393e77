package dev.bgcopy.testing.loopback;

import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.windows.internal.BindingAccess;
import dev.bgcopy.windows.internal.ComObject;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.ServiceKind;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Java api implementation served through the in-process COM loopback and reached through the
 * binding: {@link #manager()} is the binding's own {@code IBackgroundCopyManager}, talking to native
 * vtables. {@link #close()} shuts the chain down and then proves nothing leaked: every COM object
 * created meanwhile destroyed, no call after a final Release, every {@code CoTaskMemAlloc} and
 * {@code SysAllocString} freed exactly once.
 */
public final class LoopbackService implements AutoCloseable {

    private static final Duration COLLECTION_DEADLINE = Duration.ofSeconds(20);

    private final LoopbackComRuntime runtime;
    private final IBackgroundCopyManager manager;
    private final long liveBefore;
    private final long strayBefore;
    private final ServiceKind kind;
    private final List<IBackgroundCopyManager> others = new CopyOnWriteArrayList<>();

    private LoopbackService(LoopbackComRuntime runtime, ServiceKind kind, IBackgroundCopyManager manager,
            long liveBefore, long strayBefore) {
        this.runtime = runtime;
        this.kind = kind;
        this.manager = manager;
        this.liveBefore = liveBefore;
        this.strayBefore = strayBefore;
    }

    /** Serves {@code service} under the coclass of its dialect and opens the binding on it. */
    public static LoopbackService open(IBackgroundCopyManager service) {
        long liveBefore = ComObject.liveCount();
        long strayBefore = ComObject.strayCalls();
        ServiceKind kind = service.dialect() == Dialect.DO ? ServiceKind.DELIVERY_OPTIMIZATION : ServiceKind.BITS;
        LoopbackComRuntime runtime = new LoopbackComRuntime().register(kind.clsid(), service);
        return new LoopbackService(runtime, kind, BindingAccess.get().openManager(runtime, kind), liveBefore, strayBefore);
    }

    /** The binding's manager. */
    public IBackgroundCopyManager manager() {
        return manager;
    }

    /**
     * A second binding manager on the same runtime, serving {@code view} (the same service seen by
     * another caller); closed with this service.
     */
    public IBackgroundCopyManager openAlso(IBackgroundCopyManager view) {
        IBackgroundCopyManager other = BindingAccess.get().adoptManager(kind,
                ComPtr.adopt(runtime, runtime.serve(view), "IBackgroundCopyManager"));
        others.add(other);
        return other;
    }

    /** The loopback runtime and its counters. */
    public LoopbackComRuntime runtime() {
        return runtime;
    }

    /**
     * Releases the manager and whatever the service still holds, proves nothing leaked, and stops the
     * runtime.
     *
     * @throws AssertionError naming every counter when anything leaked
     */
    @Override
    public void close() {
        try {
            shutdown();
            assertBalanced(COLLECTION_DEADLINE);
        } finally {
            runtime.close();
        }
    }

    /** Releases the binding's manager and every reference the service side still holds. */
    public void shutdown() {
        others.forEach(IBackgroundCopyManager::close);
        manager.close();
        runtime.releaseServiceReferences();
    }

    /**
     * Checks the counters, first letting the Cleaner release wrappers a test forgot: each round asks
     * for a collection and waits for the COM thread to run what it was handed (no sleeping; the
     * deadline only bounds a broken build).
     *
     * @throws AssertionError naming every counter when anything is still unbalanced at the deadline
     */
    public void assertBalanced(Duration deadline) {
        Instant end = Instant.now().plus(deadline);
        while (!balanced() && Instant.now().isBefore(end)) {
            System.gc();
            runtime.thread().drain();
            Thread.onSpinWait();
        }
        if (!balanced()) {
            throw new AssertionError("the COM loopback leaked: " + runtime.report()
                    + " (baseline live objects " + liveBefore + ", stray calls " + strayBefore + ")");
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
