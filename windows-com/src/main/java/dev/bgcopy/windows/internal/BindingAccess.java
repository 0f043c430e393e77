package dev.bgcopy.windows.internal;

import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;

import java.util.Optional;

/**
 * The binding's package-private entry points for code that stands where Windows stands: the in-process
 * COM loopback in {@code bgcopy-testing-support}, the tests that drive the binding's internals over it,
 * and the benchmarks that time it against the bare JNA call. It has no Windows counterpart: on Windows,
 * ole32 and the services play the loopback's part.
 *
 * <p>Why a registered implementation rather than public classes: the façades live in
 * {@code dev.bgcopy.windows}, whose public types are the binding's API, so what these callers need
 * cannot become public there. The binding registers the one implementation when its {@code Binding}
 * class initialises (the JDK's {@code SharedSecrets} pattern), and {@code module-info} exports this
 * package only to {@code dev.bgcopy.testing}: applications never see it.
 */
public abstract class BindingAccess {

    private static final String REGISTRAR = "dev.bgcopy.windows.Binding";
    private static volatile BindingAccess registered;

    /** For the binding's one implementation. */
    protected BindingAccess() {
    }

    /**
     * Called once, by the binding, when it initialises.
     *
     * @throws IllegalStateException if an implementation is already registered
     */
    public static synchronized void register(BindingAccess access) {
        if (registered != null) {
            throw new IllegalStateException("the binding's access is already registered");
        }
        registered = access;
    }

    /** The binding's implementation, initialising the binding if nothing has used it yet. */
    public static BindingAccess get() {
        if (registered == null) {
            try {
                Class.forName(REGISTRAR, true, BindingAccess.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the binding is missing: " + REGISTRAR, e);
            }
        }
        return registered;
    }

    /**
     * The binding's manager of {@code kind} through {@code runtime}: {@code CoCreateInstance} of its
     * coclass, exactly as the {@code windows-do} and {@code windows-bits} providers open it on ole32.
     *
     * @throws dev.bgcopy.api.BackgroundCopyException with the activation HRESULT
     */
    public abstract IBackgroundCopyManager openManager(ComRuntime runtime, ServiceKind kind);

    /** The binding's manager over a reference obtained elsewhere; the wrapper owns (and releases) it. */
    public abstract IBackgroundCopyManager adoptManager(ServiceKind kind, ComPtr manager);

    /** The binding's job over a reference obtained elsewhere; the wrapper owns (and releases) it. */
    public abstract IBackgroundCopyJob adoptJob(ServiceKind kind, ComPtr job);

    /**
     * The binding's COM-callable wrapper of an application callback: a native
     * {@code IBackgroundCopyCallback2} holding one reference owned by the caller.
     */
    public abstract ComObject exportCallback(ComRuntime runtime, ServiceKind kind, IBackgroundCopyCallback callback);

    /**
     * The native reference a binding wrapper owns, still owned by the wrapper; empty for an object that
     * is not one of the binding's wrappers.
     */
    public abstract Optional<ComPtr> reference(Object wrapper);

    /**
     * A raw vtable call through a binding wrapper's own reference, its HRESULT checked as the façade
     * checks its own calls: the way to reach what the Java API cannot express (an out-of-range
     * {@code SetPriority}, {@code Next} with a NULL fetched count).
     *
     * @throws IllegalArgumentException if {@code wrapper} is not one of the binding's wrappers
     * @throws dev.bgcopy.api.BackgroundCopyException for a failure code, naming {@code Interface::name}
     */
    public abstract HResult call(Object wrapper, String name, int slot, Object... args);
}
