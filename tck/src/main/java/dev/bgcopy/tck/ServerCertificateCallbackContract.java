package dev.bgcopy.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgError;
import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgSslFlag;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions3;
import dev.bgcopy.api.IBackgroundCopyServerCertificateValidationCallback;
import dev.bgcopy.mockwebserver.Content;
import dev.bgcopy.mockwebserver.MockWebServer;
import dev.bgcopy.mockwebserver.RecordedRequest;
import dev.bgcopy.mockwebserver.SelfSignedTls;
import dev.bgcopy.tck.internal.TckSession;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.Tag;

/**
 * docs/contract.md §9 "IBackgroundCopyJobHttpOptions2 and IBackgroundCopyJobHttpOptions3", R231-R234: the job's
 * server-certificate callback asked on real TLS servers on 127.0.0.1 (self-signed certificates made in the test,
 * so every job waives the unknown CA with {@code BG_SSL_IGNORE_UNKNOWN_CA} and the callback is the check left).
 */
public interface ServerCertificateCallbackContract extends TckContract {

    /** {@code CERT_E_UNTRUSTEDROOT}: the code the refusing callback answers, reported unchanged. */
    HResult REFUSAL = HResult.of(0x800B0109);

    private static byte[] body() {
        return TckSession.bytes(9_000, 231);
    }

    private static MockWebServer serving(SelfSignedTls tls) {
        MockWebServer server = MockWebServer.startTls(tls);
        server.serve("/a.bin", Content.of(body()));
        server.serve("/b.bin", Content.of(body()));
        return server;
    }

    /** One question a callback received: the job's id, the file's remote name, the certificate and its encoding. */
    record Question(UUID job, String remoteName, byte[] certificate, int encoding) {
    }

    /** A callback that records what it is asked and answers {@code answer}. */
    final class Recording implements IBackgroundCopyServerCertificateValidationCallback {
        final List<Question> asked = new CopyOnWriteArrayList<>();
        private final HResult answer;

        Recording(HResult answer) {
            this.answer = answer;
        }

        @Override
        public HResult validateServerCertificate(IBackgroundCopyJob job, IBackgroundCopyFile file, byte[] certData,
                                                 int certEncodingType, byte[] certStore) {
            asked.add(new Question(job.getId(), file.getRemoteName(), certData.clone(), certEncodingType));
            return answer;
        }
    }

    /** A job downloading {@code names} from {@code server} with {@code flags} and {@code callback} (when not null). */
    private static IBackgroundCopyJob job(TckSession s, MockWebServer server, int flags,
                                         IBackgroundCopyServerCertificateValidationCallback callback, String... names) {
        IBackgroundCopyJob job = s.newJob(names[0]);
        IBackgroundCopyJobHttpOptions3 http = job.queryInterface(IBackgroundCopyJobHttpOptions3.class).orElseThrow(() ->
                new AssertionError("QueryInterface(IID_IBackgroundCopyJobHttpOptions3) failed on a service that declares HTTP_OPTIONS_10"));
        http.setSecurityFlags(flags);
        if (callback != null) {
            http.setServerCertificateValidationInterface(callback);
        }
        for (String name : names) {
            s.addUrl(job, name, server.url("/" + name.substring(name.lastIndexOf('-') + 1)));
        }
        return job;
    }

    private static int unknownCa() {
        return BgSslFlag.IGNORE_UNKNOWN_CA.nativeValue();
    }

    @Example
    @Tag("R231")
    @Label("R231 callbackApproves_jobTransfers_askedWithTheServerCertificate")
    @Requires(Feature.HTTP_OPTIONS_10)
    default void callbackApproves_jobTransfers_askedWithTheServerCertificate() throws Exception {
        SelfSignedTls tls = SelfSignedTls.selfSigned();
        Recording callback = new Recording(HResult.S_OK);
        try (TckSession s = TckSession.open(fixture()); MockWebServer server = serving(tls)) {
            IBackgroundCopyJob job = job(s, server, unknownCa(), callback, "r231-a.bin", "r231-b.bin");
            job.resume();
            assertThat(s.driveTo(job, BgJobState.TRANSFERRED, BgJobState.ERROR, BgJobState.TRANSIENT_ERROR))
                    .isEqualTo(BgJobState.TRANSFERRED);
            assertThat(job.complete().isSuccess()).isTrue();
            assertThat(Files.readAllBytes(s.local("r231-a.bin"))).isEqualTo(body());
            assertThat(callback.asked).as("asked once for one server and certificate in one job").hasSize(1);
            Question asked = callback.asked.get(0);
            assertThat(asked.job()).isEqualTo(job.getId());
            assertThat(asked.remoteName()).isEqualTo(server.url("/a.bin").toString());
            assertThat(asked.certificate()).as("certData: the server certificate's DER bytes").isEqualTo(tls.certificate().getEncoded());
            assertThat(asked.encoding()).as("X509_ASN_ENCODING | PKCS_7_ASN_ENCODING").isEqualTo(0x00010001);
        }
    }

    @Example
    @Tag("R232")
    @Label("R232 callbackRefuses_transientErrorWithItsCode_nothingRequested")
    @Requires(Feature.HTTP_OPTIONS_10)
    default void callbackRefuses_transientErrorWithItsCode_nothingRequested() throws Exception {
        Recording callback = new Recording(REFUSAL);
        try (TckSession s = TckSession.open(fixture()); MockWebServer server = serving(SelfSignedTls.selfSigned())) {
            IBackgroundCopyJob job = job(s, server, unknownCa(), callback, "r232-a.bin");
            job.resume();
            assertThat(s.driveTo(job, BgJobState.TRANSIENT_ERROR, BgJobState.ERROR, BgJobState.TRANSFERRED))
                    .isEqualTo(BgJobState.TRANSIENT_ERROR);
            assertThat(job.getError().getError()).isEqualTo(new BgError(BgErrorContext.SERVER_CERTIFICATE_CALLBACK, REFUSAL));
            assertThat(server.drainRequests()).as("no HTTP request after a refused certificate").isEmpty();
            assertThat(Files.exists(s.local("r232-a.bin"))).as("nothing at the destination").isFalse();
            assertThat(callback.asked).isNotEmpty();
            job.cancel();
        }
    }

    @Example
    @Tag("R233")
    @Label("R233 engineRefusal_neverAsksTheCallback_approvedConnectionStaysWithItsJob")
    @Requires(Feature.HTTP_OPTIONS_10)
    default void engineRefusal_neverAsksTheCallback_approvedConnectionStaysWithItsJob() throws Exception {
        Recording callback = new Recording(HResult.S_OK);
        try (TckSession s = TckSession.open(fixture()); MockWebServer server = serving(SelfSignedTls.selfSigned())) {
            IBackgroundCopyJob strict = job(s, server, 0, callback, "r233-a.bin");
            strict.resume();
            assertThat(s.driveTo(strict, BgJobState.ERROR, BgJobState.TRANSFERRED)).isEqualTo(BgJobState.ERROR);
            if (s.strict()) {
                assertThat(strict.getError().getError().code()).isEqualTo(HResult.ERROR_WINHTTP_SECURE_INVALID_CA);
            }
            assertThat(callback.asked).as("a certificate the platform refused never reaches the callback").isEmpty();

            IBackgroundCopyJob checked = job(s, server, unknownCa(), callback, "r233-b.bin");
            checked.resume();
            assertThat(s.driveTo(checked, BgJobState.TRANSFERRED, BgJobState.ERROR, BgJobState.TRANSIENT_ERROR))
                    .isEqualTo(BgJobState.TRANSFERRED);
            List<Integer> approved = server.drainRequests().stream().map(RecordedRequest::connection).toList();
            IBackgroundCopyJob plain = job(s, server, unknownCa(), null, "r233-plain-a.bin");
            plain.resume();
            assertThat(s.driveTo(plain, BgJobState.TRANSFERRED, BgJobState.ERROR)).isEqualTo(BgJobState.TRANSFERRED);
            if (s.strict()) {
                assertThat(server.drainRequests()).extracting(RecordedRequest::connection)
                        .as("a job without the callback on a connection of its own").doesNotContainAnyElementsOf(approved);
            }
            assertThat(callback.asked).hasSize(1);
        }
    }

    @Example
    @Tag("R234")
    @Label("R234 restart_callbackGone_interfaceRequired_registeredAgainTransfers")
    @Requires(value = Feature.HTTP_OPTIONS_10, strictOnly = true, capabilities = Capability.RESTART)
    default void restart_callbackGone_interfaceRequired_registeredAgainTransfers() throws Exception {
        try (TckSession s = TckSession.open(fixture()); MockWebServer server = serving(SelfSignedTls.selfSigned())) {
            UUID id = job(s, server, unknownCa(), new Recording(HResult.S_OK), "r234-a.bin").getId();
            s.service().restart();
            IBackgroundCopyJob job = s.manager().getJob(id);
            job.resume();
            assertThat(s.driveTo(job, BgJobState.ERROR, BgJobState.TRANSFERRED, BgJobState.TRANSIENT_ERROR)).isEqualTo(BgJobState.ERROR);
            assertThat(job.getError().getError()).isEqualTo(new BgError(BgErrorContext.SERVER_CERTIFICATE_CALLBACK,
                    HResult.BG_E_SERVER_CERT_VALIDATION_INTERFACE_REQUIRED));
            assertThat(server.drainRequests()).isEmpty();

            Recording again = new Recording(HResult.S_OK);
            job.queryInterface(IBackgroundCopyJobHttpOptions3.class).orElseThrow().setServerCertificateValidationInterface(again);
            job.resume();
            assertThat(s.driveTo(job, BgJobState.TRANSFERRED, BgJobState.ERROR, BgJobState.TRANSIENT_ERROR))
                    .isEqualTo(BgJobState.TRANSFERRED);
            assertThat(again.asked).hasSize(1);
        }
    }
}
