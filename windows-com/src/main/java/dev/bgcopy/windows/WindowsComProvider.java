package dev.bgcopy.windows;

import com.sun.jna.Platform;
import com.sun.jna.ptr.PointerByReference;

import dev.bgcopy.api.BackgroundCopyProvider;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.ComRuntime;
import dev.bgcopy.windows.internal.Hr;
import dev.bgcopy.windows.internal.Ole32ComRuntime;
import dev.bgcopy.windows.internal.ServiceKind;

import java.lang.System.Logger.Level;
import java.util.Map;

/** What the two Windows providers share: activation of one coclass through {@code ole32}. */
abstract class WindowsComProvider implements BackgroundCopyProvider {

    private static final System.Logger LOG = System.getLogger(WindowsComProvider.class.getPackageName());

    private final ServiceKind kind;

    WindowsComProvider(ServiceKind kind) {
        this.kind = kind;
    }

    @Override
    public final String name() {
        return kind.providerName();
    }

    @Override
    public final int priority() {
        return kind.priority();
    }

    /**
     * Available when this is Windows and {@code CoCreateInstance} of the coclass succeeds; otherwise
     * the reason names the failing HRESULT (e.g. {@code REGDB_E_CLASSNOTREG} before Windows 10 1709).
     */
    @Override
    public final Availability availability() {
        Availability availability = probe();
        LOG.log(Level.DEBUG, () -> "provider " + name() + (availability.available() ? " is available"
                : " is unavailable: " + availability.reason()));
        return availability;
    }

    private Availability probe() {
        if (!Platform.isWindows()) {
            return Availability.no(kind.clsidName() + " needs Windows; this is " + System.getProperty("os.name"));
        }
        Binding binding = new Binding(Ole32Holder.RUNTIME, kind);
        PointerByReference out = new PointerByReference();
        int hr = binding.activate(out);
        if (hr < 0) {
            return Availability.no("CoCreateInstance(" + kind.clsidName() + ") failed: " + HResult.of(hr));
        }
        ComPtr.adopt(Ole32Holder.RUNTIME, out.getValue(), "IBackgroundCopyManager").close();
        return Availability.yes();
    }

    @Override
    public final IBackgroundCopyManager open(Map<String, String> options) {
        if (!options.isEmpty()) {
            throw Hr.fail("BackgroundCopy.open", HResult.E_INVALIDARG,
                    "provider '" + name() + "' takes no options: " + options.keySet());
        }
        if (!Platform.isWindows()) {
            throw Hr.fail("CoCreateInstance(" + kind.clsidName() + ")", HResult.REGDB_E_CLASSNOTREG,
                    "needs Windows; this is " + System.getProperty("os.name"));
        }
        return Binding.openManager(Ole32Holder.RUNTIME, kind);
    }

    /** The process's one ole32 runtime, started on first use, stopped at JVM exit. */
    private static final class Ole32Holder {
        static final ComRuntime RUNTIME = start();

        private static ComRuntime start() {
            ComRuntime runtime = new Ole32ComRuntime();
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "bgcopy-com-shutdown"));
            return runtime;
        }
    }
}
