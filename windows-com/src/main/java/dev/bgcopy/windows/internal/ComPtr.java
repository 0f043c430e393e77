package dev.bgcopy.windows.internal;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import dev.bgcopy.api.HResult;

import java.lang.ref.Cleaner;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Exactly one reference to a native COM interface, and the way to call its vtable. {@link #close()}
 * calls {@code Release} once (idempotent); a {@link Cleaner} does it for a wrapper that was forgotten.
 * Every call goes through the runtime's {@link ComThread} (inline on a thread of the MTA, hopping from
 * any other), so a {@code ComPtr} may be used from any thread.
 *
 * <p>A reference received from a service ({@link #adopt}, {@link #addRef}) gets the binding's proxy
 * blanket ({@link ProxyBlanket#FOR_SERVICES}) before anything else is called on it: a blanket belongs
 * to one interface proxy, and Microsoft's BITS pages ask for it on each interface pointer received
 * from the service (jobs from {@code CreateJob}, enumerators, files, errors, {@code QueryInterface}
 * results), since nothing set on the manager is inherited. An object of this process is no proxy and
 * answers {@code E_NOINTERFACE}, which is fine; any other failure is logged and the pointer used as it
 * is, so the service's own answer ({@code E_ACCESSDENIED} when the level really is too low) reaches the
 * caller with its method's name.
 */
public final class ComPtr implements AutoCloseable {

    private static final Cleaner CLEANER = Cleaner.create();
    private static final System.Logger LOG = System.getLogger(ComPtr.class.getPackageName());
    private static final AtomicBoolean BLANKET_FAILURE_REPORTED = new AtomicBoolean();

    private final ComRuntime runtime;
    private final Pointer pointer;
    private final String interfaceName;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Cleaner.Cleanable cleanable;

    private ComPtr(ComRuntime runtime, Pointer pointer, String interfaceName) {
        this.runtime = runtime;
        this.pointer = pointer;
        this.interfaceName = interfaceName;
        this.cleanable = CLEANER.register(this, new Releaser(runtime, pointer));
    }

    /**
     * Takes over the reference a callee returned through an out-parameter ([itf-out]); null when the
     * callee returned NULL.
     */
    public static ComPtr adopt(ComRuntime runtime, Pointer pointer, String interfaceName) {
        return pointer == null ? null : new ComPtr(runtime, pointer, interfaceName).withBlanket();
    }

    /** A new reference ({@code AddRef}) to a pointer someone else owns, e.g. a callback parameter ([cb-param]). */
    public static ComPtr addRef(ComRuntime runtime, Pointer pointer, String interfaceName) {
        return addRefOnly(runtime, pointer, interfaceName).withBlanket();
    }

    private static ComPtr addRefOnly(ComRuntime runtime, Pointer pointer, String interfaceName) {
        runtime.thread().call(() -> callSlot(pointer, Slots.Unknown.ADD_REF));
        return new ComPtr(runtime, pointer, interfaceName);
    }

    private ComPtr withBlanket() {
        int hr = runtime.thread().call(() -> runtime.coSetProxyBlanket(pointer, ProxyBlanket.FOR_SERVICES));
        if (hr < 0 && hr != HResult.E_NOINTERFACE.value()) {
            System.Logger.Level level = BLANKET_FAILURE_REPORTED.compareAndSet(false, true)
                    ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG;
            LOG.log(level, () -> "CoSetProxyBlanket on " + interfaceName + " failed: " + HResult.of(hr)
                    + "; its calls use the process's security");
        }
        return this;
    }

    /** The interface pointer; valid while this reference is open. */
    public Pointer pointer() {
        checkOpen();
        return pointer;
    }

    /** The runtime this reference belongs to. */
    public ComRuntime runtime() {
        return runtime;
    }

    /** The native interface name, for messages ({@code IBackgroundCopyJob}). */
    public String interfaceName() {
        return interfaceName;
    }

    /** Calls vtable {@code slot} with {@code args} through the {@link ComThread}; returns the raw HRESULT (or ULONG). */
    public int invoke(int slot, Object... args) {
        Pointer self = pointer();
        return runtime.thread().call(() -> callSlot(self, slot, args));
    }

    /**
     * {@code QueryInterface(iid)}: a new reference, or empty for {@code E_NOINTERFACE}.
     *
     * @throws dev.bgcopy.api.BackgroundCopyException for any other failure
     */
    public Optional<ComPtr> queryInterface(UUID iid, String name) {
        // The [itf-out] pointer first, then the IID the callee reads.
        try (OutBuffer out = OutBuffer.acquire(Native.POINTER_SIZE)) {
            Pointer riid = out.at(Native.POINTER_SIZE);
            Guids.write(riid, iid);
            int hr = invoke(Slots.Unknown.QUERY_INTERFACE, riid, out.pointer());
            if (hr == HResult.E_NOINTERFACE.value()) {
                return Optional.empty();
            }
            Hr.check("IUnknown::QueryInterface", hr);
            return Optional.ofNullable(adopt(runtime, out.pointer().getPointer(0), name));
        }
    }

    /** A second, independent reference to the same interface (whose blanket is already set). */
    public ComPtr duplicate() {
        return addRefOnly(runtime, pointer(), interfaceName);
    }

    /** Whether {@link #close()} ran. */
    public boolean isClosed() {
        return closed.get();
    }

    /** {@code Release} of this reference, exactly once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            cleanable.clean();
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException(interfaceName + " wrapper used after close()");
        }
    }

    /**
     * Calls vtable slot {@code slot} of {@code self} on the current thread: {@code (*self)->vtbl[slot](self, args...)}.
     * The caller must be in the apartment (a thread of the MTA, or a foreign server's own thread).
     */
    public static int callSlot(Pointer self, int slot, Object... args) {
        Pointer vtable = self.getPointer(0);
        Pointer function = vtable.getPointer(Slots.offset(slot));
        Object[] withThis = new Object[args.length + 1];
        withThis[0] = self;
        System.arraycopy(args, 0, withThis, 1, args.length);
        return Function.getFunction(function, CallingConvention.COM).invokeInt(withThis);
    }

    /** The cleaning action: holds no reference to the wrapper, only what Release needs. */
    private static final class Releaser implements Runnable {
        private final ComRuntime runtime;
        private final Pointer pointer;

        Releaser(ComRuntime runtime, Pointer pointer) {
            this.runtime = runtime;
            this.pointer = pointer;
        }

        @Override
        public void run() {
            try {
                runtime.thread().call(() -> callSlot(pointer, Slots.Unknown.RELEASE));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // The runtime was shut down first; its objects went with it.
            }
        }
    }
}
