package dev.bgcopy.mockwebserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The test-made TLS identities over real loopback sockets: each fails a verifying client for its own reason
 * only, and the trusting side gets what it needs as PEM and PKCS#12.
 */
@Timeout(60)
class SelfSignedTlsTest {

    private static final Content BODY = Content.of("secure".getBytes(StandardCharsets.US_ASCII));
    private static final char[] PASSWORD = "changeit".toCharArray();

    private static HttpResponse<String> get(SSLContext context, MockWebServer server) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context).build();
        return client.send(HttpRequest.newBuilder(server.url("/s.bin")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static MockWebServer serving(SelfSignedTls tls) {
        MockWebServer server = MockWebServer.startTls(tls);
        server.serve("/s.bin", BODY);
        return server;
    }

    private static SSLContext trusting(KeyStore trustStore, KeyStore clientKeys) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        KeyManagerFactory keys = null;
        if (clientKeys != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(clientKeys, PASSWORD);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore pkcs12(byte[] file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(file), PASSWORD);
        return store;
    }

    /** A bare TLS handshake with {@code context}, without the host name check an HTTP client adds. */
    private static void handshake(SSLContext context, MockWebServer server) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                server.port())) {
            socket.startHandshake();
            // TLS 1.3 sends the server's verdict on a client certificate after the handshake: read to see it.
            socket.getOutputStream().write("HEAD /s.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200 ");
        }
    }

    private static boolean causedBy(Throwable thrown, Class<? extends Throwable> type) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void unknownCa_refusedByTheDefaultTrust_acceptedWithItsPemOrPkcs12() throws Exception {
        try (MockWebServer server = serving(SelfSignedTls.signedByUnknownCa())) {
            SelfSignedTls tls = server.tls();
            X509Certificate ca = tls.trustAnchor();
            assertThat(tls.certificate().getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
            assertThat(ca.getBasicConstraints()).as("a CA").isGreaterThanOrEqualTo(0);
            tls.certificate().verify(ca.getPublicKey());
            assertThatThrownBy(() -> get(SSLContext.getDefault(), server)).isInstanceOf(SSLHandshakeException.class);

            assertThat(get(server.clientSslContext(), server).body()).isEqualTo("secure");
            KeyStore fromFile = pkcs12(tls.trustStorePkcs12(PASSWORD));
            assertThat(Collections.list(fromFile.aliases())).containsExactly("mockwebserver");
            assertThat(fromFile.getCertificate("mockwebserver")).isEqualTo(ca);
            assertThat(get(trusting(fromFile, null), server).statusCode()).isEqualTo(200);

            String pem = tls.trustAnchorPem();
            assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("\n-----END CERTIFICATE-----\n");
            X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            assertThat(parsed).isEqualTo(ca);
        }
    }

    @Test
    void selfSigned_isItsOwnAnchor_theDefaultOfStartTls() throws Exception {
        SelfSignedTls tls = SelfSignedTls.selfSigned();
        assertThat(tls.trustAnchor()).isEqualTo(tls.certificate());
        assertThat(tls.certificate().getIssuerX500Principal()).isEqualTo(tls.certificate().getSubjectX500Principal());
        assertThat(tls.requiresClientCertificate()).isFalse();
        try (MockWebServer server = MockWebServer.startTls()) {
            assertThat(server.tls().trustAnchor()).isEqualTo(server.certificate());
            assertThat(server.tls().certificate().getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
                    .containsExactly((Object) "127.0.0.1", "0:0:0:0:0:0:0:1", "localhost");
        }
    }

    @Test
    void expired_failsOnTheDateAlone_forAClientTrustingItsCa() throws Exception {
        try (MockWebServer server = serving(SelfSignedTls.expired())) {
            assertThat(server.certificate().getNotAfter().toInstant()).isBefore(Instant.now());
            assertThatThrownBy(() -> get(server.clientSslContext(), server))
                    .isInstanceOf(SSLHandshakeException.class)
                    .satisfies(thrown -> assertThat(causedBy(thrown, CertificateExpiredException.class)).isTrue());
            assertThatThrownBy(() -> handshake(server.clientSslContext(), server)).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void wrongHost_failsOnTheNameAlone_forAClientTrustingItsCa() throws Exception {
        try (MockWebServer server = serving(SelfSignedTls.wrongHost())) {
            assertThat(server.certificate().getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
                    .containsExactly((Object) SelfSignedTls.WRONG_HOST);
            assertThatThrownBy(() -> get(server.clientSslContext(), server)).isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("127.0.0.1");
            handshake(server.clientSslContext(), server); // without the host check the chain is fine
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void wrongUsage_failsOnTheExtendedKeyUsageAlone_forAClientTrustingItsCa() throws Exception {
        try (MockWebServer server = serving(SelfSignedTls.wrongUsage())) {
            assertThat(server.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2"); // clientAuth
            assertThatThrownBy(() -> get(server.clientSslContext(), server)).isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("TLS server authentication");
        }
    }

    /** Validates the certificate as a revocation-checking client does: the CRL fetched from where the certificate says. */
    private static void validateWithCrl(SelfSignedTls tls) throws Exception {
        X509Certificate certificate = tls.certificate();
        CRLDistPoint points = CRLDistPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                certificate.getExtensionValue(Extension.cRLDistributionPoints.getId())));
        DistributionPoint point = points.getDistributionPoints()[0];
        GeneralName name = GeneralNames.getInstance(point.getDistributionPoint().getName()).getNames()[0];
        URI location = URI.create(name.getName().toString());
        byte[] crlBytes = HttpClient.newHttpClient().send(HttpRequest.newBuilder(location).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        X509CRL crl = (X509CRL) factory.generateCRL(new ByteArrayInputStream(crlBytes));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(tls.trustAnchor(), null)));
        parameters.setRevocationEnabled(true);
        parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(crl))));
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(List.of(certificate)), parameters);
    }

    @Test
    void revoked_listedInTheCrlItNames_servedOnLoopback_failsARevocationCheckAlone() throws Exception {
        try (MockWebServer crls = MockWebServer.start()) {
            SelfSignedTls revoked = SelfSignedTls.revoked(crls.url("/revoked.crl"));
            SelfSignedTls good = SelfSignedTls.signedByUnknownCa(crls.url("/good.crl"));
            crls.serve("/revoked.crl", Content.of(revoked.crl()));
            crls.serve("/good.crl", Content.of(good.crl()));
            try (MockWebServer server = serving(revoked)) {
                assertThat(get(server.clientSslContext(), server).body()).as("without a revocation check").isEqualTo("secure");
            }
            assertThatThrownBy(() -> validateWithCrl(revoked)).isInstanceOfSatisfying(CertPathValidatorException.class,
                    e -> assertThat(e.getReason()).isEqualTo(CertPathValidatorException.BasicReason.REVOKED));
            validateWithCrl(good);
            assertThat(crls.requests()).extracting(RecordedRequest::path).containsExactly("/revoked.crl", "/good.crl");
        }
        assertThatThrownBy(() -> SelfSignedTls.signedByUnknownCa().crl()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void clientCertificate_required_aValidOneFromPkcs12Passes_noneOrAStrangerFails() throws Exception {
        SelfSignedTls tls = SelfSignedTls.signedByUnknownCa().requiringClientCertificate();
        assertThat(tls.requiresClientCertificate()).isTrue();
        try (MockWebServer server = serving(tls)) {
            assertThat(get(server.clientSslContext(), server).body()).as("the server's own client context").isEqualTo("secure");

            KeyStore clientFile = pkcs12(tls.clientCertificatePkcs12(PASSWORD));
            assertThat(clientFile.isKeyEntry("client")).isTrue();
            assertThat(clientFile.getCertificateChain("client")).hasSize(2);
            KeyStore trust = pkcs12(tls.trustStorePkcs12(PASSWORD));
            handshake(trusting(trust, clientFile), server);

            assertThatThrownBy(() -> handshake(trusting(trust, null), server)).as("no client certificate")
                    .isInstanceOf(IOException.class);
            SelfSignedTls stranger = SelfSignedTls.selfSigned().requiringClientCertificate();
            assertThatThrownBy(() -> handshake(trusting(trust, pkcs12(stranger.clientCertificatePkcs12(PASSWORD))), server))
                    .as("a client certificate from another CA").isInstanceOf(IOException.class);
        }
        assertThatThrownBy(() -> SelfSignedTls.selfSigned().clientCertificatePkcs12(PASSWORD))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyIdentity_isNew_andToStringShowsNoKey() {
        SelfSignedTls first = SelfSignedTls.signedByUnknownCa();
        SelfSignedTls second = SelfSignedTls.signedByUnknownCa();
        assertThat(first.trustAnchor()).isNotEqualTo(second.trustAnchor());
        assertThat(first.certificate().getSerialNumber()).isNotEqualTo(second.certificate().getSerialNumber());
        assertThat(first.toString()).startsWith("SelfSignedTls[CN=127.0.0.1 by CN=bgcopy mockwebserver CA ");
    }
}
