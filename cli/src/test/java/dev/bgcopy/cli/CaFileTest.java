package dev.bgcopy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.cli.InProcess.Run;
import dev.bgcopy.mockwebserver.Content;
import dev.bgcopy.mockwebserver.MockWebServer;
import dev.bgcopy.mockwebserver.PseudoRandomContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --ca-file PEM}: an https server of a private CA (the MockWebServer's certificate, made at its
 * start and written as PEM by the test) is reachable with it and not without it; a bad file is a one-line
 * usage error (exit 2); the Windows backends refuse the option.
 */
@Timeout(60)
class CaFileTest {

    private static final PseudoRandomContent CONTENT = new PseudoRandomContent(300_000, 17);
    private static MockWebServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = MockWebServer.startTls();
        server.serve("/s.bin", CONTENT);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("--store", ":memory:"));
        all.addAll(List.of(args));
        return InProcess.run(all);
    }

    private static void oneLineUsageError(Run r, String says) {
        assertThat(r.exit()).as(String.join("\n", r.errLines())).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("bgcopy: ").contains(says).contains("hint: ");
    }

    private Path pem() throws Exception {
        return Files.writeString(dir.resolve("ca.pem"), server.certificatePem());
    }

    @Test
    void downloadWithTheCaFileTrustsThePrivateCa_andWithoutItFails() throws Exception {
        String url = server.url("/s.bin").toString();
        Path trusted = dir.resolve("trusted.bin");
        Run with = run("--ca-file", pem().toString(), "download", url, trusted.toString());
        assertThat(with.exit()).as(String.join("\n", with.errLines())).isZero();
        assertThat(Content.sha256(trusted)).isEqualTo(CONTENT.sha256());

        Path untrusted = dir.resolve("untrusted.bin");
        Run without = run("download", url, untrusted.toString());
        assertThat(without.exit()).isNotZero();
        assertThat(String.join("\n", without.errLines())).contains("ERROR_WINHTTP_SECURE_INVALID_CA");
        assertThat(untrusted).doesNotExist();
    }

    @Test
    void aMissingOrBadCaFile_isAOneLineUsageError() throws Exception {
        String url = server.url("/s.bin").toString();
        oneLineUsageError(run("--ca-file", dir.resolve("missing.pem").toString(), "download", url,
                dir.resolve("a.bin").toString()), "--ca-file cannot be used");
        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "not a certificate\n");
        oneLineUsageError(run("--ca-file", garbage.toString(), "download", url, dir.resolve("b.bin").toString()),
                "neither a PKCS#12 or JKS key store nor PEM");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("garbage.pem");
        }
    }

    @Test
    void theWindowsBackendsRefuseTheCaFile() {
        Run r = run("--backend", "bits", "--ca-file", "/any.pem", "info", "00000000-0000-0000-0000-000000000000");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("simulator backend only").contains("--ca-file");
    }
}
