package dev.bgcopy.tck;

import static dev.bgcopy.tck.internal.TckSession.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BitsJobPropertyId;
import dev.bgcopy.api.BitsJobPropertyValue;
import dev.bgcopy.api.BitsJobTransferPolicy;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJob5;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions3;
import dev.bgcopy.tck.internal.TckSession;
import java.util.UUID;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.Tag;

/**
 * docs/contract.md §9 R230: the BITS 5.0-10.3 settings of a job across a restart of the service
 * ({@link Capability#RESTART}); the certificate-validation callback, a registration of the process, does not survive.
 */
public interface JobPropertiesRestartContract extends TckContract {

    @Example
    @Tag("R230")
    @Label("R230 restart_jobPropertiesSurvive_validationCallbackDoesNot")
    @Requires(value = Feature.JOB_PROPERTIES, strictOnly = true, capabilities = Capability.RESTART)
    default void restart_jobPropertiesSurvive_validationCallbackDoesNot() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            IBackgroundCopyJob5 job5 = JobPropertiesContract.job5(job);
            BitsJobPropertyValue cost = new BitsJobPropertyValue.Dword(BitsJobTransferPolicy.STANDARD.nativeValue());
            BitsJobPropertyValue clsid = new BitsJobPropertyValue.ClsId(UUID.fromString("6A1B2C3D-4E5F-4071-8293-A4B5C6D7E8F9"));
            job5.setProperty(BitsJobPropertyId.COST_FLAGS, cost);
            job5.setProperty(BitsJobPropertyId.NOTIFICATION_CLSID, clsid);
            boolean bits = s.has(Feature.HTTP_OPTIONS_10);
            if (bits) {
                job5.setProperty(BitsJobPropertyId.MAX_DOWNLOAD_SIZE, new BitsJobPropertyValue.Uint64(1L << 33));
                IBackgroundCopyJobHttpOptions3 http = job.queryInterface(IBackgroundCopyJobHttpOptions3.class).orElseThrow();
                http.setHttpMethod("PUT");
                http.setCustomHeaders("X-Secret: s\r\n");
                http.makeCustomHeadersWriteOnly();
                http.setServerCertificateValidationInterface((j, f, cert, encoding, store) -> HResult.S_OK);
                s.addFile(job, "kept.bin", bytes(1000, 31));
                job.resume();
                job.suspend();
            }
            UUID id = job.getId();
            s.service().restart();
            IBackgroundCopyJob again = s.manager().getJob(id);
            IBackgroundCopyJob5 again5 = JobPropertiesContract.job5(again);
            assertThat(again5.getProperty(BitsJobPropertyId.COST_FLAGS)).isEqualTo(cost);
            assertThat(again5.getProperty(BitsJobPropertyId.NOTIFICATION_CLSID)).isEqualTo(clsid);
            if (bits) {
                assertThat(again5.getProperty(BitsJobPropertyId.MAX_DOWNLOAD_SIZE)).isEqualTo(new BitsJobPropertyValue.Uint64(1L << 33));
                IBackgroundCopyJobHttpOptions3 http = again.queryInterface(IBackgroundCopyJobHttpOptions3.class).orElseThrow();
                assertThat(http.getHttpMethod()).isEqualTo("PUT");
                s.expectFailsExactly(HResult.E_ACCESSDENIED, "GetCustomHeaders of write-only headers after a restart",
                        http::getCustomHeaders);
                assertThat(http.serverCertificateValidationInterface()).as("the process's callback").isEmpty();
                s.expectFailsExactly(HResult.BG_E_READ_ONLY_PROPERTY_AFTER_RESUME, "SetProperty(MAX_DOWNLOAD_SIZE) after a restart",
                        () -> again5.setProperty(BitsJobPropertyId.MAX_DOWNLOAD_SIZE, new BitsJobPropertyValue.Uint64(5)));
            }
        }
    }
}
