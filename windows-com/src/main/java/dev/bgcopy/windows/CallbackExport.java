package dev.bgcopy.windows;

import com.sun.jna.Pointer;

import dev.bgcopy.api.HResult;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyCallback3;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyServerCertificateValidationCallback;
import dev.bgcopy.windows.internal.ComMethod;
import dev.bgcopy.windows.internal.ComObject;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.ComVtable;
import dev.bgcopy.windows.internal.Guids;
import dev.bgcopy.windows.internal.Slots;
import dev.bgcopy.windows.internal.Structs;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The COM-callable wrapper of an application's {@link IBackgroundCopyCallback} (docs/contract.md §3.9): a
 * native object answering {@code IUnknown}, {@code IBackgroundCopyCallback} and
 * {@code IBackgroundCopyCallback2} (and {@code IBackgroundCopyCallback3} when the Java callback implements
 * {@link IBackgroundCopyCallback3}, so a service asks only such a callback about ranges), with a real reference count, {@code E_NOINTERFACE} for anything
 * else. Its vtable is built once; each exported object stays registered (and so reachable, with the
 * Java callback) while the service holds a reference. The job, error and file the service passes in
 * ([cb-param]) are wrapped with their own reference for the duration of the call and released after. The
 * application's {@link IBackgroundCopyServerCertificateValidationCallback} is exported the same way, as an object
 * answering its one IID.
 */
final class CallbackExport {

    private static final System.Logger LOG = System.getLogger(CallbackExport.class.getPackageName());

    private static final String JOB_TRANSFERRED = "IBackgroundCopyCallback::JobTransferred";
    private static final String JOB_ERROR = "IBackgroundCopyCallback::JobError";
    private static final String JOB_MODIFICATION = "IBackgroundCopyCallback::JobModification";
    private static final String FILE_TRANSFERRED = "IBackgroundCopyCallback2::FileTransferred";

    private static final String FILE_RANGES_TRANSFERRED = "IBackgroundCopyCallback3::FileRangesTransferred";

    private static final ComVtable VTABLE = ComVtable.of("IBackgroundCopyCallback2",
            Set.of(Guids.IID_IBACKGROUND_COPY_CALLBACK, Guids.IID_IBACKGROUND_COPY_CALLBACK2), callback2Methods());

    /** For a Java callback that implements {@link IBackgroundCopyCallback3}: the same slots, then slot 7. */
    private static final ComVtable VTABLE3 = ComVtable.of("IBackgroundCopyCallback3", Set.of(Guids.IID_IBACKGROUND_COPY_CALLBACK,
            Guids.IID_IBACKGROUND_COPY_CALLBACK2, Guids.IID_IBACKGROUND_COPY_CALLBACK3), callback3Methods());

    private static List<ComMethod> callback2Methods() {
        return List.of(
                ComMethod.of(JOB_TRANSFERRED, (self, a) -> exported(self)
                        .withJob(JOB_TRANSFERRED, (Pointer) a[0], (cb, job) -> cb.jobTransferred(job)), Pointer.class),
                ComMethod.of(JOB_ERROR, (self, a) -> exported(self)
                        .withJobAndError((Pointer) a[0], (Pointer) a[1]), Pointer.class, Pointer.class),
                ComMethod.of(JOB_MODIFICATION, (self, a) -> exported(self)
                        .withJob(JOB_MODIFICATION, (Pointer) a[0], (cb, job) -> cb.jobModification(job)),
                        Pointer.class, int.class),
                ComMethod.of(FILE_TRANSFERRED, (self, a) -> exported(self)
                        .withJobAndFile(FILE_TRANSFERRED, (Pointer) a[0], (Pointer) a[1], IBackgroundCopyCallback::fileTransferred),
                        Pointer.class, Pointer.class));
    }

    private static List<ComMethod> callback3Methods() {
        List<ComMethod> m = new java.util.ArrayList<>(callback2Methods());
        // The ranges are the service's array, valid during the call only: copied before the callback runs.
        m.add(ComMethod.of(FILE_RANGES_TRANSFERRED, (self, a) -> {
            List<BgFileRange> ranges = (Integer) a[2] == 0 || a[3] == null ? List.of()
                    : List.copyOf(Structs.FileRange.read((Pointer) a[3], (Integer) a[2]));
            return exported(self).withJobAndFile(FILE_RANGES_TRANSFERRED, (Pointer) a[0], (Pointer) a[1],
                    (cb, job, file) -> ((IBackgroundCopyCallback3) cb).fileRangesTransferred(job, file, ranges));
        }, Pointer.class, Pointer.class, int.class, Pointer.class));
        return m;
    }

    private static final String VALIDATE_SERVER_CERTIFICATE =
            "IBackgroundCopyServerCertificateValidationCallback::ValidateServerCertificate";

    /** {@code ValidateServerCertificate(job, file, certLength, certData, certEncodingType, certStoreLength, certStore)}. */
    private static final ComVtable VALIDATION_VTABLE = ComVtable.of("IBackgroundCopyServerCertificateValidationCallback",
            Set.of(Guids.IID_IBACKGROUND_COPY_SERVER_CERTIFICATE_VALIDATION_CALLBACK), List.of(
                    ComMethod.of(VALIDATE_SERVER_CERTIFICATE, (self, a) -> ((ExportedValidation) self.target()).validate(a),
                            Pointer.class, Pointer.class, int.class, Pointer.class, int.class, int.class, Pointer.class)));

    private CallbackExport() {
    }

    /**
     * A new native object for an application's server-certificate check ({@code IBackgroundCopyJobHttpOptions3},
     * docs/contract.md §3.22), holding one reference owned by the caller.
     */
    static ComObject exportValidation(Binding binding, IBackgroundCopyServerCertificateValidationCallback callback) {
        return ComObject.create(new ExportedValidation(binding, callback), List.of(VALIDATION_VTABLE), null);
    }

    /** What an exported validation callback stands for; the job and file passed in are [cb-param]s. */
    private record ExportedValidation(Binding binding, IBackgroundCopyServerCertificateValidationCallback callback) {
        int validate(Object[] a) {
            byte[] cert = bytes((Integer) a[2], (Pointer) a[3]);
            int encoding = (Integer) a[4];
            byte[] store = bytes((Integer) a[5], (Pointer) a[6]);
            try (IBackgroundCopyJob job = new WindowsBackgroundCopyJob(binding,
                            ComPtr.addRef(binding.runtime(), (Pointer) a[0], "IBackgroundCopyJob"));
                    IBackgroundCopyFile file = new WindowsBackgroundCopyFile(binding,
                            ComPtr.addRef(binding.runtime(), (Pointer) a[1], "IBackgroundCopyFile"))) {
                return deliver(VALIDATE_SERVER_CERTIFICATE, callback,
                        () -> callback.validateServerCertificate(job, file, cert, encoding, store));
            }
        }

        private static byte[] bytes(int length, Pointer data) {
            return length == 0 || data == null ? new byte[0] : data.getByteArray(0, length);
        }
    }

    /** A new native object for {@code callback}, holding one reference owned by the caller. */
    static ComObject export(Binding binding, IBackgroundCopyCallback callback) {
        return ComObject.create(new Exported(binding, callback),
                List.of(callback instanceof IBackgroundCopyCallback3 ? VTABLE3 : VTABLE), null);
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

    /**
     * Calls the application's callback and answers the service with its HRESULT. A callback that
     * returns nothing has not failed: only a failure code (or an exception, mapped as at every native
     * boundary) asks for redelivery, and either is logged, since the service keeps only the code.
     */
    private static int deliver(String method, Object callback, Supplier<HResult> call) {
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
                return deliver(method, callback, () -> event.deliver(callback, j));
            }
        }

        int withJobAndError(Pointer job, Pointer error) {
            try (IBackgroundCopyJob j = job(job);
                    IBackgroundCopyError e = new WindowsBackgroundCopyError(binding,
                            ComPtr.addRef(binding.runtime(), error, "IBackgroundCopyError"))) {
                return deliver(JOB_ERROR, callback, () -> callback.jobError(j, e));
            }
        }

        interface FileEvent {
            HResult deliver(IBackgroundCopyCallback callback, IBackgroundCopyJob job, IBackgroundCopyFile file);
        }

        int withJobAndFile(String method, Pointer job, Pointer file, FileEvent event) {
            try (IBackgroundCopyJob j = job(job);
                    IBackgroundCopyFile f = new WindowsBackgroundCopyFile(binding,
                            ComPtr.addRef(binding.runtime(), file, "IBackgroundCopyFile"))) {
                return deliver(method, callback, () -> event.deliver(callback, j, f));
            }
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
