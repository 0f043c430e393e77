package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgError;
import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions3;
import dev.bgcopy.api.IBackgroundCopyServerCertificateValidationCallback;
import dev.bgcopy.mockwebserver.Content;
import dev.bgcopy.mockwebserver.MockWebServer;
import dev.bgcopy.mockwebserver.RecordedRequest;
import dev.bgcopy.mockwebserver.SelfSignedTls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's own server-certificate check on real TLS servers (docs/contract.md §4.22 "On the wire (SIM)"): asked
 * during the handshake after the engine's checks accepted the certificate, with the certificate's exact DER bytes
 * and the chain as a serialized store; a decline fails the request before a byte is asked for; an approved
 * connection serves no other job. A job whose callback ended with its process (a restart) is the kit's R234, run
 * on the durable simulator.
 */
@Timeout(60)
class CertificateValidationCallbackTest {

    private static final byte[] CONTENT = SimFixture.bytes(30_000, 83);
    /** {@code CERT_E_UNTRUSTEDROOT}: any failure code the application picks is reported unchanged. */
    private static final HResult APPLICATION_REFUSAL = HResult.of(0x800B0109);

    @TempDir
    Path dir;

    /** One question the callback received. */
    record Asked(IBackgroundCopyJob job, String remoteName, byte[] certificate, int encoding, byte[] store) {
    }

    /** A callback that records each question and answers {@code answer}. */
    static final class Recording implements IBackgroundCopyServerCertificateValidationCallback {
        final List<Asked> asked = new CopyOnWriteArrayList<>();
        private final HResult answer;

        Recording(HResult answer) {
            this.answer = answer;
        }

        @Override
        public HResult validateServerCertificate(IBackgroundCopyJob job, IBackgroundCopyFile file,
                                                 byte[] certData, int certEncodingType, byte[] certStore) {
            // Calls into the job and the file from the callback's thread must not wait for the transfer.
            asked.add(new Asked(job, file.getRemoteName(), certData, certEncodingType, certStore));
            job.getState();
            return answer;
        }
    }

    private SimulatorConfig.Builder config(SelfSignedTls tls) throws Exception {
        Path pem = Files.writeString(dir.resolve("trust-" + UUID.randomUUID() + ".pem"), tls.trustAnchorPem(), StandardCharsets.US_ASCII);
        return SimulatorConfig.builder().dialect(Dialect.BITS).virtualClock(VirtualClock.create())
                .readTimeout(Duration.ofSeconds(10)).trustStore(pem, null).store(dir.resolve("store"));
    }

    private static MockWebServer serving(SelfSignedTls tls) {
        MockWebServer server = MockWebServer.startTls(tls);
        server.serve("/a.bin", Content.of(CONTENT));
        server.serve("/b.bin", Content.of(CONTENT));
        return server;
    }

    /** A suspended job of {@code files} on {@code server}, with {@code callback} registered when not null. */
    private IBackgroundCopyJob job(SimulatorManager manager, MockWebServer server,
                                   IBackgroundCopyServerCertificateValidationCallback callback, String... files) {
        IBackgroundCopyJob job = manager.createJob("checked", BgJobType.DOWNLOAD);
        if (callback != null) {
            job.queryInterface(IBackgroundCopyJobHttpOptions3.class).orElseThrow().setServerCertificateValidationInterface(callback);
        }
        for (String file : files) {
            job.addFile(server.url(file).toString(), dir.resolve("out-" + UUID.randomUUID() + ".bin").toString());
        }
        return job;
    }

    private static Path destination(IBackgroundCopyJob job, int index) {
        return Path.of(job.enumFiles().next(index + 1).get(index).getLocalName());
    }

    /** The DER certificates of a serialized store, as CertOpenStore(CERT_STORE_PROV_SERIALIZED) reads them. */
    private static List<byte[]> certificatesIn(byte[] store) {
        ByteBuffer in = ByteBuffer.wrap(store).order(ByteOrder.LITTLE_ENDIAN);
        byte[] header = new byte[8];
        in.get(header);
        assertThat(header).as("the serialized store's header").containsExactly(0, 0, 0, 0, 'C', 'E', 'R', 'T');
        List<byte[]> certificates = new ArrayList<>();
        for (;;) {
            int id = in.getInt();
            int encoding = in.getInt();
            int length = in.getInt();
            if (id == 0) {
                assertThat(encoding).isZero();
                assertThat(length).isZero();
                assertThat(in.remaining()).as("nothing after the end element").isZero();
                return certificates;
            }
            assertThat(id).as("CERT_CERT_PROP_ID").isEqualTo(32);
            assertThat(encoding).as("X509_ASN_ENCODING").isEqualTo(1);
            byte[] der = new byte[length];
            in.get(der);
            certificates.add(der);
        }
    }

    @Test
    @DisplayName("S_OK: the job downloads; the callback got its job, its file, the server certificate's exact DER bytes, 0x10001 and the chain; once per server and certificate")
    void acceptedCertificate() throws Exception {
        SelfSignedTls tls = SelfSignedTls.signedByUnknownCa();
        Recording callback = new Recording(HResult.S_OK);
        try (MockWebServer server = serving(tls); SimulatorManager manager = Simulator.newManager(config(tls).build())) {
            IBackgroundCopyJob job = job(manager, server, callback, "/a.bin", "/b.bin");
            job.resume();
            manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            job.complete();
            assertThat(Files.readAllBytes(destination(job, 0))).isEqualTo(CONTENT);
            assertThat(Files.readAllBytes(destination(job, 1))).isEqualTo(CONTENT);

            assertThat(callback.asked).as("approved once for this server and certificate").hasSize(1);
            Asked asked = callback.asked.get(0);
            assertThat(asked.job().getId()).isEqualTo(job.getId());
            assertThat(asked.remoteName()).isEqualTo(server.url("/a.bin").toString());
            assertThat(asked.certificate()).isEqualTo(tls.certificate().getEncoded());
            assertThat(asked.encoding()).isEqualTo(0x00010001);
            List<byte[]> chain = certificatesIn(asked.store());
            assertThat(chain).isNotEmpty();
            assertThat(chain.get(0)).isEqualTo(tls.certificate().getEncoded());
        }
    }

    @Test
    @DisplayName("a failure code: TRANSIENT_ERROR with context SERVER_CERTIFICATE_CALLBACK and exactly that code, no request reached the server, no byte the destination; the retry asks again")
    void declinedCertificate() throws Exception {
        SelfSignedTls tls = SelfSignedTls.signedByUnknownCa();
        Recording callback = new Recording(APPLICATION_REFUSAL);
        try (MockWebServer server = serving(tls); SimulatorManager manager = Simulator.newManager(config(tls).build())) {
            IBackgroundCopyJob job = job(manager, server, callback, "/a.bin");
            job.resume();
            manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
            assertThat(job.getError().getError()).isEqualTo(new BgError(BgErrorContext.SERVER_CERTIFICATE_CALLBACK, APPLICATION_REFUSAL));
            assertThat(server.drainRequests()).as("no HTTP request after a declined certificate").isEmpty();
            assertThat(destination(job, 0)).doesNotExist();
            assertThat(job.getProgress().bytesTransferred()).isZero();
            assertThat(callback.asked).hasSize(1);

            job.suspend();
            job.resume();
            manager.runUntilIdle();
            assertThat(callback.asked).as("a declined certificate is not remembered").hasSize(2);
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
        }
    }

    @Test
    @DisplayName("a certificate the engine refuses never reaches the callback")
    void engineChecksFirst() throws Exception {
        SelfSignedTls tls = SelfSignedTls.signedByUnknownCa();
        Recording callback = new Recording(HResult.S_OK);
        try (MockWebServer server = serving(tls);
             SimulatorManager manager = Simulator.newManager(SimulatorConfig.builder().dialect(Dialect.BITS)
                     .virtualClock(VirtualClock.create()).readTimeout(Duration.ofSeconds(10)).build())) {
            IBackgroundCopyJob job = job(manager, server, callback, "/a.bin");
            job.resume();
            manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
            assertThat(job.getError().getError()).isEqualTo(new BgError(BgErrorContext.GENERAL_TRANSPORT,
                    HResult.ERROR_WINHTTP_SECURE_INVALID_CA));
            assertThat(callback.asked).isEmpty();
        }
    }

    @Test
    @DisplayName("a job without a callback never reuses the connection another job's callback approved")
    void approvedConnectionStaysWithItsJob() throws Exception {
        SelfSignedTls tls = SelfSignedTls.signedByUnknownCa();
        Recording callback = new Recording(HResult.S_OK);
        try (MockWebServer server = serving(tls); SimulatorManager manager = Simulator.newManager(config(tls).build())) {
            IBackgroundCopyJob checked = job(manager, server, callback, "/a.bin");
            checked.resume();
            manager.runUntilIdle();
            assertThat(checked.getState()).isEqualTo(BgJobState.TRANSFERRED);
            List<RecordedRequest> first = server.drainRequests();

            IBackgroundCopyJob plain = job(manager, server, null, "/b.bin");
            plain.resume();
            manager.runUntilIdle();
            assertThat(plain.getState()).isEqualTo(BgJobState.TRANSFERRED);
            List<RecordedRequest> second = server.drainRequests();
            assertThat(second).extracting(RecordedRequest::connection)
                    .doesNotContainAnyElementsOf(first.stream().map(RecordedRequest::connection).toList());
            assertThat(callback.asked).hasSize(1);
        }
    }

    @Test
    @DisplayName("a callback that suspends its job while the handshake waits: the job is SUSPENDED and nothing was requested")
    void callbackSuspendsItsJob() throws Exception {
        SelfSignedTls tls = SelfSignedTls.signedByUnknownCa();
        try (MockWebServer server = serving(tls); SimulatorManager manager = Simulator.newManager(config(tls).build())) {
            IBackgroundCopyJob job = job(manager, server, (j, f, cert, encoding, store) -> {
                j.suspend();
                return HResult.S_OK;
            }, "/a.bin");
            job.resume();
            manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.SUSPENDED);
            assertThat(server.drainRequests()).as("the stopped handshake sent no request").isEmpty();
            assertThat(destination(job, 0)).doesNotExist();
        }
    }
}
