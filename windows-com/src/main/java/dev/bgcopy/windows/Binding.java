package dev.bgcopy.windows;

import com.sun.jna.ptr.PointerByReference;

import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.windows.internal.BindingAccess;
import dev.bgcopy.windows.internal.ComObject;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.ComRuntime;
import dev.bgcopy.windows.internal.Guids;
import dev.bgcopy.windows.internal.Hr;
import dev.bgcopy.windows.internal.ServiceKind;

import java.util.Optional;
import java.lang.System.Logger.Level;

/**
 * One service reached through one runtime: what every wrapper of that service shares. Opening a
 * manager is {@code CoCreateInstance(clsid, NULL, CLSCTX_LOCAL_SERVER, IID_IBackgroundCopyManager)}.
 */
final class Binding {

    private static final System.Logger LOG = System.getLogger(Binding.class.getPackageName());

    static {
        BindingAccess.register(new Access());
    }

    private final ComRuntime runtime;
    private final ServiceKind kind;

    Binding(ComRuntime runtime, ServiceKind kind) {
        this.runtime = runtime;
        this.kind = kind;
    }

    ComRuntime runtime() {
        return runtime;
    }

    ServiceKind kind() {
        return kind;
    }

    /** {@code CoCreateInstance} of the service's manager, as its raw HRESULT and (on success) pointer. */
    int activate(PointerByReference out) {
        return runtime.thread().call(() -> runtime.coCreateInstance(kind.clsid(), ComRuntime.CLSCTX_LOCAL_SERVER,
                Guids.IID_IBACKGROUND_COPY_MANAGER, out));
    }

    /**
     * A new manager of {@code kind} through {@code runtime}.
     *
     * @throws dev.bgcopy.api.BackgroundCopyException with the activation HRESULT (e.g.
     *         {@code REGDB_E_CLASSNOTREG})
     */
    static IBackgroundCopyManager openManager(ComRuntime runtime, ServiceKind kind) {
        Binding binding = new Binding(runtime, kind);
        PointerByReference out = new PointerByReference();
        String activation = "CoCreateInstance(" + kind.clsidName() + ")";
        int hr = binding.activate(out);
        LOG.log(Level.DEBUG, () -> activation + " through " + runtime.name() + ": " + HResult.of(hr));
        Hr.check(activation, hr);
        return new WindowsBackgroundCopyManager(binding,
                ComPtr.adopt(runtime, out.getValue(), "IBackgroundCopyManager"));
    }

    /** The entry points {@link BindingAccess} documents, for the loopback, its tests and the benchmarks. */
    private static final class Access extends BindingAccess {
        @Override
        public IBackgroundCopyManager openManager(ComRuntime runtime, ServiceKind kind) {
            return Binding.openManager(runtime, kind);
        }

        @Override
        public IBackgroundCopyManager adoptManager(ServiceKind kind, ComPtr manager) {
            return new WindowsBackgroundCopyManager(new Binding(manager.runtime(), kind), manager);
        }

        @Override
        public IBackgroundCopyJob adoptJob(ServiceKind kind, ComPtr job) {
            return new WindowsBackgroundCopyJob(new Binding(job.runtime(), kind), job);
        }

        @Override
        public ComObject exportCallback(ComRuntime runtime, ServiceKind kind, IBackgroundCopyCallback callback) {
            return CallbackExport.export(new Binding(runtime, kind), callback);
        }

        @Override
        public Optional<ComPtr> reference(Object wrapper) {
            return wrapper instanceof ComBacked backed ? Optional.of(backed.com) : Optional.empty();
        }

        @Override
        public HResult call(Object wrapper, String name, int slot, Object... args) {
            if (!(wrapper instanceof ComBacked backed)) {
                throw new IllegalArgumentException("not one of the binding's wrappers: " + wrapper);
            }
            return backed.call(name, slot, args);
        }
    }
}
