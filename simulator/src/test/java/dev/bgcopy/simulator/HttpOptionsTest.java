package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgAuthCredentials;
import dev.bgcopy.api.BgAuthScheme;
import dev.bgcopy.api.BgAuthTarget;
import dev.bgcopy.api.BgBasicCredentials;
import dev.bgcopy.api.BgCertStoreLocation;
import dev.bgcopy.api.BgClientCertificate;
import dev.bgcopy.api.BgHttpRedirectPolicy;
import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.BgNotifyCmdLine;
import dev.bgcopy.api.BgProxySettings;
import dev.bgcopy.api.BgSslFlag;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob2;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BITS wire options in the simulator (docs/contract.md §4.11, §4.12): what the store keeps across a restart,
 * what it never keeps (credentials), the schema migration, and the PKCS#12 certificate directory. The setters'
 * codes are the kit's (R140-R179).
 */
class HttpOptionsTest {

    private static final String PASSWORD = "s3cret-Pa55word-\u00e9\u2603";

    @TempDir
    Path dir;

    private SimulatorConfig config() {
        return SimulatorConfig.deterministic().toBuilder().dialect(Dialect.BITS).store(dir.resolve("store"))
                .certificateDirectory(dir.resolve("certificates")).build();
    }

    private static IBackgroundCopyJob2 job2(SimulatorManager manager, UUID id) {
        return manager.getJob(id).queryInterface(IBackgroundCopyJob2.class).orElseThrow();
    }

    @Test
    @DisplayName("headers, flags, proxy, notify program, certificate and credentials survive a restart; the password and the user names never reach a store file in clear")
    void optionsAndSealedCredentialsSurviveARestart() throws Exception {
        BgClientCertificate certificate = writeCertificate("client.p12", "O=bgcopy, CN=tck client");
        UUID id;
        try (SimulatorManager first = Simulator.newManager(config())) {
            IBackgroundCopyJob2 job = first.createJob("options", BgJobType.DOWNLOAD).queryInterface(IBackgroundCopyJob2.class)
                    .orElseThrow();
            id = job.getId();
            IBackgroundCopyJobHttpOptions http = job.queryInterface(IBackgroundCopyJobHttpOptions.class).orElseThrow();
            job.setNotifyCmdLine("/usr/bin/true", "/usr/bin/true --job done");
            char[] password = PASSWORD.toCharArray();
            job.setCredentials(BgAuthCredentials.of(BgAuthTarget.SERVER, BgAuthScheme.BASIC, "alice", password));
            job.setCredentials(BgAuthCredentials.of(BgAuthTarget.PROXY, BgAuthScheme.DIGEST, "proxy-user", password));
            http.setCustomHeaders("X-Api-Key: abc123\r\nAccept: */*\r\n");
            http.setSecurityFlags(BgSslFlag.IGNORE_UNKNOWN_CA.nativeValue() | BgHttpRedirectPolicy.ALLOW_REPORT.nativeValue());
            job.setProxySettings(BgJobProxyUsage.OVERRIDE, "http://127.0.0.1:3128", "<local>");
            http.setClientCertificateByID(BgCertStoreLocation.CURRENT_USER, "MY", certificate.certHash());
            HttpOptions options = ((SimulatedJob) job).httpOptions();
            assertThat(options.credentials(BgAuthTarget.SERVER, BgAuthScheme.BASIC).orElseThrow().basic().password())
                    .containsExactly(PASSWORD.toCharArray());
            assertThat(options.headers()).containsExactly(new HttpOptions.Header("X-Api-Key", "abc123"),
                    new HttpOptions.Header("Accept", "*/*"));
            assertThat(options.toString()).doesNotContain(PASSWORD).doesNotContain("abc123").contains("X-Api-Key");
        }
        assertNoStoreFileContains(PASSWORD);
        assertNoStoreFileContains("proxy-user");
        try (SimulatorManager second = Simulator.newManager(config())) {
            IBackgroundCopyJob2 job = job2(second, id);
            IBackgroundCopyJobHttpOptions http = job.queryInterface(IBackgroundCopyJobHttpOptions.class).orElseThrow();
            assertThat(job.getNotifyCmdLine()).isEqualTo(new BgNotifyCmdLine("/usr/bin/true", "/usr/bin/true --job done"));
            assertThat(http.getCustomHeaders()).contains("X-Api-Key: abc123\r\nAccept: */*\r\n");
            assertThat(http.getSecurityFlags()).isEqualTo(0x0108);
            assertThat(job.getProxySettings()).isEqualTo(new BgProxySettings(BgJobProxyUsage.OVERRIDE, "http://127.0.0.1:3128", "<local>"));
            assertThat(http.getClientCertificate()).isEqualTo(certificate);
            HttpOptions options = ((SimulatedJob) job).httpOptions();
            assertThat(options.credentials()).as("kept, sealed, across the restart").hasSize(2);
            BgBasicCredentials server = options.credentials(BgAuthTarget.SERVER, BgAuthScheme.BASIC).orElseThrow().basic();
            assertThat(server.userName()).isEqualTo("alice");
            assertThat(server.password()).containsExactly(PASSWORD.toCharArray());
            BgBasicCredentials proxy = options.credentials(BgAuthTarget.PROXY, BgAuthScheme.DIGEST).orElseThrow().basic();
            assertThat(proxy.userName()).isEqualTo("proxy-user");
            assertThat(proxy.password()).containsExactly(PASSWORD.toCharArray());
            assertThat(job.removeCredentials(BgAuthTarget.SERVER, BgAuthScheme.BASIC)).isEqualTo(HResult.S_OK);
        }
        assertNoStoreFileContains(PASSWORD);
    }

    private void assertNoStoreFileContains(String secret) throws Exception {
        List<byte[]> encodings = List.of(secret.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_16LE),
                secret.getBytes(StandardCharsets.UTF_16BE));
        try (Stream<Path> files = Files.walk(dir.resolve("store"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(file);
                for (byte[] encoding : encodings) {
                    assertThat(indexOf(content, encoding)).as("%s holds the password", file).isEqualTo(-1);
                }
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    @DisplayName("a store of schema version 1 is migrated: its jobs come back with the default options")
    void versionOneStoreIsMigrated() throws Exception {
        UUID id;
        try (SimulatorManager first = Simulator.newManager(config())) {
            id = first.createJob("old", BgJobType.DOWNLOAD).getId();
        }
        VersionOneStore.downgrade(dir.resolve("store").resolve(SqliteJobStore.DATABASE));
        try (SimulatorManager second = Simulator.newManager(config())) {
            IBackgroundCopyJob2 job = job2(second, id);
            assertThat(job.getNotifyCmdLine()).isEqualTo(BgNotifyCmdLine.NONE);
            assertThat(job.queryInterface(IBackgroundCopyJobHttpOptions.class).orElseThrow().getSecurityFlags()).isZero();
            job.setNotifyCmdLine("/bin/echo", null);
        }
        try (SimulatorManager third = Simulator.newManager(config())) {
            assertThat(job2(third, id).getNotifyCmdLine().program()).isEqualTo("/bin/echo");
        }
    }

    @Test
    @DisplayName("certificates by name (reversed RDNs, substring) and by ID; a missing store or certificate has its documented code")
    void certificateDirectoryLookups() throws Exception {
        BgClientCertificate written = writeCertificate("a.p12", "O=bgcopy, OU=ci, CN=build agent");
        try (SimulatorManager manager = Simulator.newManager(config())) {
            IBackgroundCopyJobHttpOptions http = manager.createJob("certs", BgJobType.DOWNLOAD)
                    .queryInterface(IBackgroundCopyJobHttpOptions.class).orElseThrow();
            assertThat(written.subjectName()).isEqualTo("bgcopy, ci, build agent");
            http.setClientCertificateByName(BgCertStoreLocation.CURRENT_USER, "MY", "ci, build");
            assertThat(http.getClientCertificate()).isEqualTo(written);
            assertThat(((SimulatedJob) http).httpOptions().clientCertificate().file())
                    .isEqualTo(dir.resolve("certificates/current-user/MY/a.p12"));
            assertThatThrownBy(() -> http.setClientCertificateByName(BgCertStoreLocation.CURRENT_USER, "MY", "nobody"))
                    .isInstanceOfSatisfying(BackgroundCopyException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.CRYPT_E_NOT_FOUND));
            assertThatThrownBy(() -> http.setClientCertificateByID(BgCertStoreLocation.LOCAL_MACHINE, "MY", new byte[20]))
                    .isInstanceOfSatisfying(BackgroundCopyException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.ERROR_FILE_NOT_FOUND));
            assertThatThrownBy(() -> http.setClientCertificateByID(BgCertStoreLocation.CURRENT_USER, "../MY", written.certHash()))
                    .isInstanceOfSatisfying(BackgroundCopyException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.ERROR_FILE_NOT_FOUND));
            assertThat(http.getClientCertificate()).as("unchanged by the refusals").isEqualTo(written);
            assertThat(http.removeClientCertificate()).isEqualTo(HResult.S_OK);
            assertThat(http.removeClientCertificate()).isEqualTo(HResult.S_FALSE);
        }
    }

    /** A self-signed client certificate (subject in ASN.1 order, most general first) with its key, as a PKCS#12 file with an empty password in current-user/MY. */
    private BgClientCertificate writeCertificate(String fileName, String subject) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.now();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                new X500Name(subject), BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(1, ChronoUnit.DAYS)),
                Date.from(now.plus(1, ChronoUnit.DAYS)), new X500Name(subject), pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", pair.getPrivate(), new char[0], new X509Certificate[] {certificate});
        Path file = dir.resolve("certificates/current-user/MY").resolve(fileName);
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, new char[0]);
        }
        byte[] thumbprint = MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
        return new BgClientCertificate(BgCertStoreLocation.CURRENT_USER, "MY", thumbprint,
                ClientCertificates.simpleSubject(certificate));
    }
}
