package dev.bgcopy.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetTest {

    @TempDir
    Path dir;

    @Test
    void valid_urlAndFile_giveAnAbsolutePath() {
        Target t = Target.of("http://127.0.0.1:8080/a.bin", dir.resolve("a.bin").toString());
        assertThat(t.file()).isEqualTo(dir.resolve("a.bin").toAbsolutePath());
        assertThat(Target.of("file:///etc/hostname", dir.resolve("h").toString()).url()).isEqualTo("file:///etc/hostname");
    }

    @Test
    void malformedOrUnsupportedUrls_areUsageErrors() {
        String file = dir.resolve("a.bin").toString();
        for (String url : new String[] {"not a url", "example.com/a.bin", "ftp://example.com/a", "http:///a", "http://"}) {
            assertThatThrownBy(() -> Target.of(url, file)).as(url)
                    .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE));
        }
    }

    @Test
    void missingDirectory_orADirectoryAsFile_areUsageErrors() throws Exception {
        assertThatThrownBy(() -> Target.of("http://h/a", dir.resolve("no/such/a.bin").toString()))
                .isInstanceOf(CliException.class).hasMessageContaining("does not exist");
        Files.createDirectory(dir.resolve("sub"));
        assertThatThrownBy(() -> Target.of("http://h/a", dir.resolve("sub").toString()))
                .isInstanceOf(CliException.class).hasMessageContaining("is a directory");
    }

    @Test
    void dotDotAfterALinkedDirectoryIsTheRealDirectorysParent() throws IOException {
        Path real = Files.createDirectories(dir.resolve("a/real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);

        Target target = Target.of("https://example.test/x", link + "/../out.bin");

        assertThat(target.file()).isEqualTo(dir.toRealPath().resolve("a/out.bin"));
    }

    @Test
    void aFileNameTheJvmCouldNotDecodeIsRefusedNotRenamed() {
        CliException refused = catchThrowableOfType(
                () -> Target.of("https://example.test/x", dir.resolve("a\uFFFDb.bin").toString()), CliException.class);

        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.getMessage()).contains("U+FFFD");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void theAutomaticDisplayNameOfALongValidFileNameFitsTheServicesLimit() {
        String name = "n".repeat(250);

        String displayName = Target.of("https://example.test/x", dir.resolve(name).toString()).automaticDisplayName();

        assertThat(displayName).hasSize(256).startsWith("bgcopy nnn").endsWith("n\u2026");
        assertThat(Target.of("https://example.test/x", dir.resolve("short.bin").toString()).automaticDisplayName())
                .isEqualTo("bgcopy short.bin");
    }
}
