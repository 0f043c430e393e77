package dev.bgcopy.windows;

import dev.bgcopy.api.IBackgroundCopyJobHttpOptions3;
import dev.bgcopy.api.IBackgroundCopyServerCertificateValidationCallback;
import dev.bgcopy.windows.internal.ComObject;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.Slots;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code IBackgroundCopyJobHttpOptions3} (docs/contract.md §3.22): the 13 slots of
 * {@code IBackgroundCopyJobHttpOptions2}, then two. The application's validation callback reaches the service as a
 * COM object of the binding's ({@link CallbackExport#exportValidation}), which the service AddRefs if it keeps it.
 * No native method reads a registration back, so the binding remembers, per job, the callback this process
 * registered last: like the registration itself, that ends with the process (§4.22).
 */
final class WindowsBackgroundCopyJobHttpOptions3 extends WindowsBackgroundCopyJobHttpOptions2 implements IBackgroundCopyJobHttpOptions3 {

    private static final Map<UUID, IBackgroundCopyServerCertificateValidationCallback> REGISTERED = new ConcurrentHashMap<>();

    WindowsBackgroundCopyJobHttpOptions3(Binding binding, ComPtr com) {
        super(binding, com);
    }

    @Override
    public void setServerCertificateValidationInterface(IBackgroundCopyServerCertificateValidationCallback callback) {
        UUID job = jobId();
        if (callback == null) {
            call("SetServerCertificateValidationInterface", Slots.HttpOptions3.SET_SERVER_CERTIFICATE_VALIDATION_INTERFACE,
                    (Object) null);
            REGISTERED.remove(job);
            return;
        }
        ComObject exported = CallbackExport.exportValidation(binding, callback);
        try {
            call("SetServerCertificateValidationInterface", Slots.HttpOptions3.SET_SERVER_CERTIFICATE_VALIDATION_INTERFACE,
                    exported.pointer());
            REGISTERED.put(job, callback);
        } finally {
            // [itf-in]: the service took its own reference if it kept the object.
            exported.release();
        }
    }

    @Override
    public Optional<IBackgroundCopyServerCertificateValidationCallback> serverCertificateValidationInterface() {
        return Optional.ofNullable(REGISTERED.get(jobId()));
    }

    @Override
    public void makeCustomHeadersWriteOnly() {
        call("MakeCustomHeadersWriteOnly", Slots.HttpOptions3.MAKE_CUSTOM_HEADERS_WRITE_ONLY);
    }

    /** The job this interface belongs to, asked of the job's own interface. */
    private UUID jobId() {
        return queryInterface(dev.bgcopy.api.IBackgroundCopyJob.class).map(job -> {
            try (job) {
                return job.getId();
            }
        }).orElseThrow(() -> new IllegalStateException(method("QueryInterface") + ": no IBackgroundCopyJob"));
    }
}
