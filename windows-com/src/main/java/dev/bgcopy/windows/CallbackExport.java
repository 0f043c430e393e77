package dev.bgcopy.windows;

import com.sun.jna.Pointer;

import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.windows.internal.ComMethod;
import dev.bgcopy.windows.internal.ComObject;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.ComVtable;
import dev.bgcopy.windows.internal.Guids;
import dev.bgcopy.windows.internal.Slots;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The COM-callable wrapper of an application's {@link IBackgroundCopyCallback} (docs/contract.md §3.9): a
 * native object answering {@code IUnknown}, {@code IBackgroundCopyCallback} and
 * {@code IBackgroundCopyCallback2}, with a real reference count, {@code E_NOINTERFACE} for anything
 * else. Its vtable is built once; each exported object stays registered (and so reachable, with the
 * Java callback) while the service holds a reference. The job, error and file the service passes in
 * ([cb-param]) are wrapped with their own reference for the duration of the call and released after.
 */
final class CallbackExport {

    private static final System.Logger LOG = System.getLogger(CallbackExport.class.getPackageName());

    private static final String JOB_TRANSFERRED = "IBackgroundCopyCallback::JobTransferred";
    private static final String JOB_ERROR = "IBackgroundCopyCallback::JobError";
    private static final String JOB_MODIFICATION = "IBackgroundCopyCallback::JobModification";
    private static final String FILE_TRANSFERRED = "IBackgroundCopyCallback2::FileTransferred";

    private static final ComVtable VTABLE = ComVtable.of("IBackgroundCopyCallback2",
            Set.of(Guids.IID_IBACKGROUND_COPY_CALLBACK, Guids.IID_IBACKGROUND_COPY_CALLBACK2), List.of(
                    ComMethod.of(JOB_TRANSFERRED, (self, a) -> exported(self)
                            .withJob(JOB_TRANSFERRED, (Pointer) a[0], (cb, job) -> cb.jobTransferred(job)), Pointer.class),
                    ComMethod.of(JOB_ERROR, (self, a) -> exported(self)
                            .withJobAndError((Pointer) a[0], (Pointer) a[1]), Pointer.class, Pointer.class),
                    ComMethod.of(JOB_MODIFICATION, (self, a) -> exported(self)
                            .withJob(JOB_MODIFICATION, (Pointer) a[0], (cb, job) -> cb.jobModification(job)),
                            Pointer.class, int.class),
                    ComMethod.of(FILE_TRANSFERRED, (self, a) -> exported(self)
                            .withJobAndFile((Pointer) a[0], (Pointer) a[1]), Pointer.class, Pointer.class)));

    private CallbackExport() {
    }

    /** A new native object for {@code callback}, holding one reference owned by the caller. */
    static ComObject export(Binding binding, IBackgroundCopyCallback callback) {
        return ComObject.create(new Exported(binding, callback), List.of(VTABLE), null);
    }

    /**
     * The Java callback behind a pointer the service returned (R55: the very object that was
     * registered), releasing that reference; a callback registered by someone else is wrapped as a
     * {@link ForeignCallback} that owns it.
     */
    static IBackgroundCopyCallback unwrap(Binding binding, ComPtr returned) {
        ComObject own = ComObject.find(returned.pointer());
        if (own == null) {
            own = returned.queryInterface(Guids.IID_IUNKNOWN, "IUnknown").map(identity -> {
                try (identity) {
                    return ComObject.find(identity.pointer());
                }
            }).orElse(null);
        }
        if (own != null && own.target() instanceof Exported) {
            returned.close();
            return ((Exported) own.target()).callback;
        }
        return new ForeignCallback(binding, returned);
    }

    private static Exported exported(ComObject self) {
        return (Exported) self.target();
    }

    /** What an exported object stands for. */
    private static final class Exported {
        private final Binding binding;
        private final IBackgroundCopyCallback callback;

        Exported(Binding binding, IBackgroundCopyCallback callback) {
            this.binding = binding;
            this.callback = callback;
        }

        interface JobEvent {
            HResult deliver(IBackgroundCopyCallback callback, IBackgroundCopyJob job);
        }

        int withJob(String method, Pointer job, JobEvent event) {
            try (IBackgroundCopyJob j = job(job)) {
                return deliver(method, () -> event.deliver(callback, j));
            }
        }

        int withJobAndError(Pointer job, Pointer error) {
            try (IBackgroundCopyJob j = job(job);
                    IBackgroundCopyError e = new WindowsBackgroundCopyError(binding,
                            ComPtr.addRef(binding.runtime(), error, "IBackgroundCopyError"))) {
                return deliver(JOB_ERROR, () -> callback.jobError(j, e));
            }
        }

        int withJobAndFile(Pointer job, Pointer file) {
            try (IBackgroundCopyJob j = job(job);
                    IBackgroundCopyFile f = new WindowsBackgroundCopyFile(binding,
                            ComPtr.addRef(binding.runtime(), file, "IBackgroundCopyFile"))) {
                return deliver(FILE_TRANSFERRED, () -> callback.fileTransferred(j, f));
            }
        }

        /**
         * Calls the application's callback and answers the service with its HRESULT. A callback that
         * returns nothing has not failed: only a failure code (or an exception, mapped as at every native
         * boundary) asks for redelivery, and either is logged, since the service keeps only the code.
         */
        private int deliver(String method, Supplier<HResult> call) {
            HResult result;
            try {
                result = call.get();
            } catch (RuntimeException | Error e) {
                int hr = ComVtable.hresultOf(e);
                LOG.log(Level.WARNING, () -> method + ": the application's callback " + callback.getClass().getName()
                        + " threw; answered " + HResult.of(hr), e);
                return hr;
            }
            if (result == null) {
                return HResult.S_OK.value();
            }
            if (result.isFailure()) {
                LOG.log(Level.WARNING, () -> method + ": the application's callback " + callback.getClass().getName()
                        + " returned " + result);
            }
            return result.value();
        }

        private IBackgroundCopyJob job(Pointer job) {
            return new WindowsBackgroundCopyJob(binding, ComPtr.addRef(binding.runtime(), job, "IBackgroundCopyJob"));
        }
    }

    /**
     * A callback object that is not ours (registered by another component): calling it passes the
     * native pointers of the binding's own wrappers.
     */
    static final class ForeignCallback extends ComBacked implements IBackgroundCopyCallback {

        ForeignCallback(Binding binding, ComPtr com) {
            super(binding, com);
        }

        @Override
        public HResult jobTransferred(IBackgroundCopyJob job) {
            return call("JobTransferred", Slots.Callback.JOB_TRANSFERRED, pointerOf(job));
        }

        @Override
        public HResult jobError(IBackgroundCopyJob job, IBackgroundCopyError error) {
            return call("JobError", Slots.Callback.JOB_ERROR, pointerOf(job), pointerOf(error));
        }

        @Override
        public HResult jobModification(IBackgroundCopyJob job) {
            return call("JobModification", Slots.Callback.JOB_MODIFICATION, pointerOf(job), 0);
        }

        @Override
        public HResult fileTransferred(IBackgroundCopyJob job, IBackgroundCopyFile file) {
            return com.queryInterface(Guids.IID_IBACKGROUND_COPY_CALLBACK2, "IBackgroundCopyCallback2")
                    .map(cb2 -> {
                        try (cb2) {
                            return dev.bgcopy.windows.internal.Hr.check("IBackgroundCopyCallback2::FileTransferred",
                                    cb2.invoke(Slots.Callback.FILE_TRANSFERRED, pointerOf(job), pointerOf(file)));
                        }
                    }).orElse(HResult.S_OK);
        }

        private static Pointer pointerOf(Object wrapper) {
            if (!(wrapper instanceof ComBacked)) {
                throw new IllegalArgumentException("a foreign callback accepts only objects of this binding: " + wrapper);
            }
            return ((ComBacked) wrapper).pointer();
        }
    }
}
