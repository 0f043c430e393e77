package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.mockwebserver.Content;
import dev.bgcopy.mockwebserver.MockWebServer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trusting a private CA without JVM system properties (docs/contract.md §5.5 "Server input"): the provider
 * options {@code trustStore}/{@code trustStorePassword} and {@link SimulatorConfig.Builder#trustStore}, with
 * the MockWebServer's certificate made at its start, written as PKCS#12, JKS and PEM files by the test.
 */
@Timeout(60)
class TrustStoreTest {

    private static final String PASSWORD = "pa55-w0rd-never-printed";
    private static final byte[] CONTENT = SimFixture.bytes(20_000, 7);

    private static MockWebServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = MockWebServer.startTls();
        server.serve("/s.bin", Content.of(CONTENT));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private Path keyStore(String type, String password) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        store.setCertificateEntry("private-ca", server.certificate());
        Path file = dir.resolve("trust." + type.toLowerCase());
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    private Path pem() throws Exception {
        return Files.writeString(dir.resolve("ca.pem"), server.certificatePem());
    }

    private void downloads(IBackgroundCopyManager manager) throws Exception {
        IBackgroundCopyJob job = manager.createJob("private CA", BgJobType.DOWNLOAD);
        Path dest = dir.resolve("s.bin");
        job.addFile(server.url("/s.bin").toString(), dest.toString());
        job.resume();
        ((SimulatorManager) manager).runUntilIdle();
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
        job.complete();
        assertThat(Files.readAllBytes(dest)).isEqualTo(CONTENT);
    }

    private static SimulatorConfig.Builder config() {
        return SimulatorConfig.builder().dialect(Dialect.BITS).virtualClock(VirtualClock.create())
                .readTimeout(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("provider options trustStore + trustStorePassword with a PKCS#12 file: https to the private CA's server works")
    void pkcs12ThroughProviderOptions() throws Exception {
        Path store = keyStore("PKCS12", PASSWORD);
        try (IBackgroundCopyManager manager = BackgroundCopy.open(SimulatorProvider.NAME, Map.of(
                "dialect", "bits", "trustStore", store.toString(), "trustStorePassword", PASSWORD))) {
            downloads(manager);
        }
    }

    @Test
    @DisplayName("SimulatorConfig.Builder.trustStore with a JKS file and with PEM certificates")
    void jksAndPemThroughTheBuilder() throws Exception {
        for (Path store : List.of(keyStore("JKS", PASSWORD), pem())) {
            char[] password = store.toString().endsWith(".pem") ? null : PASSWORD.toCharArray();
            try (SimulatorManager manager = Simulator.newManager(config().trustStore(store, password).build())) {
                downloads(manager);
            }
            Files.deleteIfExists(dir.resolve("s.bin"));
        }
    }

    @Test
    @DisplayName("without a trust store the self-signed server stays untrusted (the file is what changes it)")
    void withoutTheStoreTheServerIsUntrusted() {
        try (SimulatorManager manager = Simulator.newManager(config().build())) {
            IBackgroundCopyJob job = manager.createJob("no CA", BgJobType.DOWNLOAD);
            job.addFile(server.url("/s.bin").toString(), dir.resolve("s.bin").toString());
            job.resume();
            manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
            assertThat(job.getError().getError().code()).isEqualTo(dev.bgcopy.api.HResult.ERROR_WINHTTP_SECURE_INVALID_CA);
        }
    }

    private static BackgroundCopyException refused(Map<String, String> options) {
        BackgroundCopyException e = catchThrowableOfType(BackgroundCopyException.class,
                () -> BackgroundCopy.open(SimulatorProvider.NAME, options).close());
        assertThat(e).as("open is refused").isNotNull();
        assertThat(e.hresult()).isEqualTo(HResult.E_INVALIDARG);
        assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain("\n");
        return e;
    }

    private static Map<String, String> options(Path store, String password) {
        Map<String, String> options = new HashMap<>();
        options.put("trustStore", store.toString());
        if (password != null) {
            options.put("trustStorePassword", password);
        }
        return options;
    }

    @Test
    @DisplayName("a missing file, a wrong password, a file that is no key store, a password alone: E_INVALIDARG, the password never printed")
    void badTrustStoresAreRefused() throws Exception {
        assertThat(refused(options(dir.resolve("missing.p12"), PASSWORD)).getMessage()).contains("not a readable file");
        Path store = keyStore("PKCS12", PASSWORD);
        assertThat(refused(options(store, PASSWORD + "x")).getMessage()).contains("password does not open");
        Path garbage = dir.resolve("garbage.p12");
        Files.write(garbage, SimFixture.bytes(4096, 1));
        assertThat(refused(options(garbage, PASSWORD)).getMessage()).contains("neither a PKCS#12 or JKS key store nor PEM");
        Path empty = dir.resolve("empty.pem");
        Files.writeString(empty, "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        refused(options(empty, null));
        assertThat(refused(Map.of("trustStorePassword", PASSWORD)).getMessage()).contains("needs trustStore");
    }
}
