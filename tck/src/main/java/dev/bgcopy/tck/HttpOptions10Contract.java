package dev.bgcopy.tck;

import static dev.bgcopy.tck.internal.TckSession.bytes;
import static dev.bgcopy.tck.internal.TckSession.expectOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BitsJobPropertyId;
import dev.bgcopy.api.BitsJobPropertyValue;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions2;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions3;
import dev.bgcopy.mockwebserver.Fault;
import dev.bgcopy.mockwebserver.RecordedRequest;
import dev.bgcopy.tck.internal.TckSession;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.Tag;

/**
 * docs/contract.md §9 "IBackgroundCopyJobHttpOptions2 and IBackgroundCopyJobHttpOptions3" (R224-R229): the HTTP
 * method, write-only custom headers and the server-certificate callback's registration, where the service has them
 * ({@link Feature#HTTP_OPTIONS_10}), and {@code E_NOINTERFACE} in Delivery Optimization.
 */
public interface HttpOptions10Contract extends TckContract {

    private static IBackgroundCopyJobHttpOptions3 http3(IBackgroundCopyJob job) {
        return job.queryInterface(IBackgroundCopyJobHttpOptions3.class).orElseThrow(() -> new AssertionError(
                "QueryInterface(IID_IBackgroundCopyJobHttpOptions3) failed on a service that declares HTTP_OPTIONS_10"));
    }

    @Example
    @Tag("R224")
    @Label("R224 queryInterface_httpOptions2And3_getMethodDefault")
    @Requires(Feature.HTTP_OPTIONS_10)
    default void queryInterface_httpOptions2And3_getMethodDefault() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            IBackgroundCopyJobHttpOptions2 http2 = job.queryInterface(IBackgroundCopyJobHttpOptions2.class).orElseThrow();
            assertThat(http2.getHttpMethod()).isEqualTo("GET");
            assertThat(http3(job).queryInterface(IBackgroundCopyJob.class).map(IBackgroundCopyJob::getId)).contains(job.getId());
        }
    }

    @Example
    @Tag("R224")
    @Label("R224 queryInterface_httpOptions2And3_absentWithoutTheFeature")
    @Requires(absent = Feature.HTTP_OPTIONS_10)
    default void queryInterface_httpOptions2And3_absentWithoutTheFeature() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            assertThat(job.queryInterface(IBackgroundCopyJobHttpOptions2.class)).as("IID_IBackgroundCopyJobHttpOptions2 without HTTP_OPTIONS_10").isEmpty();
            assertThat(job.queryInterface(IBackgroundCopyJobHttpOptions3.class)).as("IID_IBackgroundCopyJobHttpOptions3 without HTTP_OPTIONS_10").isEmpty();
        }
    }

    @Example
    @Tag("R225")
    @Label("R225 setHttpMethod_getKeepsPriority_postIsForegroundAndOnTheWire")
    @Requires(value = Feature.HTTP_OPTIONS_10, strictOnly = true)
    default void setHttpMethod_getKeepsPriority_postIsForegroundAndOnTheWire() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob plain = s.newJob();
            plain.setPriority(BgJobPriority.LOW);
            expectOk("SetHttpMethod(GET)", () -> http3(plain).setHttpMethod("GET"));
            assertThat(plain.getPriority()).isEqualTo(BgJobPriority.LOW);
            assertThat(http3(plain).getHttpMethod()).isEqualTo("GET");

            IBackgroundCopyJob job = s.newJob();
            IBackgroundCopyJobHttpOptions3 http = http3(job);
            expectOk("SetHttpMethod(POST)", () -> http.setHttpMethod("POST"));
            assertThat(http.getHttpMethod()).isEqualTo("POST");
            assertThat(job.getPriority()).isEqualTo(BgJobPriority.FOREGROUND);
            s.expectFailsExactly(HResult.BG_E_NOT_SUPPORTED_WITH_CUSTOM_HTTP_METHOD, "SetPriority(NORMAL) with POST",
                    () -> job.setPriority(BgJobPriority.NORMAL));
            expectOk("SetPriority(FOREGROUND) with POST", () -> job.setPriority(BgJobPriority.FOREGROUND));
            s.addFile(job, "post.bin", bytes(2000, 26));
            job.resume();
            s.driveTo(job, BgJobState.ERROR, BgJobState.TRANSFERRED);
            List<RecordedRequest> requests = s.content().requests();
            assertThat(requests).isNotEmpty().allSatisfy(r -> assertThat(r.method()).isEqualTo("POST"));
            assertThat(job.getError().getError().code()).as("the content server allows GET and HEAD only")
                    .isEqualTo(HResult.fromHttpStatus(405));
        }
    }

    @Example
    @Tag("R226")
    @Label("R226 setHttpMethod_badNameDynamicOrAfterResume_refused")
    @Requires(value = {Feature.HTTP_OPTIONS_10, Feature.JOB_PROPERTIES}, strictOnly = true)
    default void setHttpMethod_badNameDynamicOrAfterResume_refused() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            IBackgroundCopyJobHttpOptions3 http = http3(job);
            s.expectFailsExactly(HResult.E_INVALIDARG, "SetHttpMethod(\"\")", () -> http.setHttpMethod(""));
            s.expectFailsExactly(HResult.E_INVALIDARG, "SetHttpMethod(\"GE T\")", () -> http.setHttpMethod("GE T"));
            IBackgroundCopyJob dynamic = s.newJob();
            JobPropertiesContract.job5(dynamic).setProperty(BitsJobPropertyId.DYNAMIC_CONTENT, new BitsJobPropertyValue.Enable(true));
            s.expectFailsExactly(HResult.BG_E_UNSUPPORTED_JOB_CONFIGURATION, "SetHttpMethod(POST) on a dynamic job",
                    () -> http3(dynamic).setHttpMethod("POST"));
            s.addFile(job, "late.bin", bytes(1500, 27));
            job.resume();
            job.suspend();
            s.expectFailsExactly(HResult.BG_E_READ_ONLY_PROPERTY_AFTER_RESUME, "SetHttpMethod(POST) after Resume",
                    () -> http.setHttpMethod("POST"));
            assertThat(http.getHttpMethod()).isEqualTo("GET");
            assertThat(http3(dynamic).getHttpMethod()).isEqualTo("GET");
        }
    }

    @Example
    @Tag("R227")
    @Label("R227 customMethod_transientFailureIsError")
    @Requires(value = {Feature.HTTP_OPTIONS_10, Feature.CALLBACKS}, strictOnly = true)
    default void customMethod_transientFailureIsError() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            http3(job).setHttpMethod("POST");
            s.addFile(job, "busy.bin", bytes(1500, 28));
            s.content().scriptForever("/busy.bin", Fault.HTTP_503);
            job.resume();
            List<BgJobState> seen = new ArrayList<>();
            s.drive(job, st -> st == BgJobState.ERROR || st == BgJobState.TRANSFERRED, "ERROR", seen::add);
            assertThat(seen).as("states seen").doesNotContain(BgJobState.TRANSIENT_ERROR);
            assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
            assertThat(job.getError().getError().code()).isEqualTo(HResult.BG_E_HTTP_ERROR_503);
        }
    }

    @Example
    @Tag("R228")
    @Label("R228 makeCustomHeadersWriteOnly_hidesButStillSends")
    @Requires(Feature.HTTP_OPTIONS_10)
    default void makeCustomHeadersWriteOnly_hidesButStillSends() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            IBackgroundCopyJobHttpOptions3 http = http3(job);
            http.setCustomHeaders("X-Api-Token: first\r\n");
            expectOk("MakeCustomHeadersWriteOnly", http::makeCustomHeadersWriteOnly);
            expectOk("MakeCustomHeadersWriteOnly again", http::makeCustomHeadersWriteOnly);
            s.expectFailsExactly(HResult.E_ACCESSDENIED, "GetCustomHeaders after MakeCustomHeadersWriteOnly", http::getCustomHeaders);
            expectOk("SetCustomHeaders after MakeCustomHeadersWriteOnly", () -> http.setCustomHeaders("X-Api-Token: second\r\n"));
            s.expectFailsExactly(HResult.E_ACCESSDENIED, "GetCustomHeaders, still", http::getCustomHeaders);
            if (s.strict()) {
                s.addFile(job, "token.bin", bytes(1500, 29));
                job.resume();
                s.driveTo(job, BgJobState.TRANSFERRED, BgJobState.ERROR);
                assertThat(s.content().requests()).isNotEmpty()
                        .allSatisfy(r -> assertThat(r.header("X-Api-Token")).contains("second"));
            }
        }
    }

    @Example
    @Tag("R229")
    @Label("R229 validationInterface_onlyWhileTheJobIsPaused")
    @Requires(Feature.HTTP_OPTIONS_10)
    default void validationInterface_onlyWhileTheJobIsPaused() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            IBackgroundCopyJobHttpOptions3 http = http3(job);
            expectOk("SetServerCertificateValidationInterface on SUSPENDED", () -> http.setServerCertificateValidationInterface(
                    (j, f, cert, encoding, store) -> HResult.S_OK));
            expectOk("SetServerCertificateValidationInterface(NULL)", () -> http.setServerCertificateValidationInterface(null));
            s.addFile(job, "retry.bin", bytes(1500, 30));
            s.content().scriptForever("/retry.bin", Fault.HTTP_503);
            job.resume();
            s.driveTo(job, BgJobState.TRANSIENT_ERROR, BgJobState.ERROR);
            TckSession.assume(job.getState() == BgJobState.TRANSIENT_ERROR, "the job did not wait in TRANSIENT_ERROR");
            s.expectFailsExactly(HResult.BG_E_READ_ONLY_WHEN_JOB_ACTIVE, "SetServerCertificateValidationInterface on TRANSIENT_ERROR",
                    () -> http.setServerCertificateValidationInterface((j, f, cert, encoding, store) -> HResult.S_OK));
        }
    }
}
