package dev.bgcopy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --verbose} as a process: the bgcopy modules' log reaches stderr, never stdout, and without the
 * option nothing of it is printed. The download reads a {@code file:} URL, so no server is involved.
 */
@Timeout(120)
class VerboseIT {

    @TempDir
    Path home;
    @TempDir
    Path files;

    private BgcopyProcess bgcopy;
    private byte[] content;
    private Path source;

    @BeforeEach
    void start() throws Exception {
        bgcopy = new BgcopyProcess(home);
        content = new byte[1 << 20];
        new Random(3).nextBytes(content);
        source = Files.write(files.resolve("source.bin"), content);
    }

    @Test
    void verboseDownload_logsOnStderr_andStdoutHasOnlyTheResult() throws Exception {
        Path copy = files.resolve("copy.bin");
        BgcopyProcess.Result r = bgcopy.run("--verbose", "download", source.toUri().toString(), copy.toString());
        assertThat(r.exitCode()).as("stderr: %s", r.stderr()).isZero();
        assertThat(r.stderrLines()).as("the provider probe of windows-com")
                .anySatisfy(line -> assertThat(line).startsWith("bgcopy: DEBUG [dev.bgcopy.windows] provider windows-do is "));
        assertThat(r.stdout().lines()).singleElement().asString().startsWith("downloaded 1.0 MiB (1048576 bytes) to " + copy);
        assertThat(Files.readAllBytes(copy)).isEqualTo(content);
    }

    @Test
    void withoutVerbose_nothingIsLogged() throws Exception {
        Path copy = files.resolve("copy.bin");
        BgcopyProcess.Result r = bgcopy.run("download", source.toUri().toString(), copy.toString());
        assertThat(r.exitCode()).as("stderr: %s", r.stderr()).isZero();
        assertThat(r.stderrLines()).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("copy.bin: "));
        assertThat(r.stdout()).doesNotContain("dev.bgcopy");
    }
}
