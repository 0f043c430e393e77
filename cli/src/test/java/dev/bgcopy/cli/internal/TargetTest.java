package dev.bgcopy.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
