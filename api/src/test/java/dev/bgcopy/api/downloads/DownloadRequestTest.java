package dev.bgcopy.api.downloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bgcopy.api.BgJobPriority;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DownloadRequestTest {

    private static final URI URL = URI.create("https://example.com/app.zip");
    private static final Path DESTINATION = Path.of("/opt/app/app.zip").toAbsolutePath();
    private static final String SHA = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";

    @Test
    void defaults_nameIsTheFileName_normalPriority_serviceTimeout() {
        DownloadRequest request = DownloadRequest.builder(URL, DESTINATION).sha256(SHA).build();

        assertThat(request.name()).isEqualTo("app.zip");
        assertThat(request.priority()).isEqualTo(BgJobPriority.NORMAL);
        assertThat(request.noProgressTimeout()).isEmpty();
        assertThat(request.files()).containsExactly(new DownloadRequest.DownloadFile(URL, DESTINATION, Optional.of(SHA.toLowerCase())));
    }

    @Test
    void nullArguments_failInBuild_namingTheArgument() {
        assertThatThrownBy(() -> DownloadRequest.builder(null, DESTINATION).build()).isInstanceOf(NullPointerException.class).hasMessage("source");
        assertThatThrownBy(() -> DownloadRequest.builder(URL, null).build()).isInstanceOf(NullPointerException.class).hasMessage("destination");
        assertThatThrownBy(() -> DownloadRequest.builder(URL, DESTINATION).priority(null).build())
                .isInstanceOf(NullPointerException.class).hasMessage("priority");
    }

    @Test
    void malformedArguments_failInBuild_namingTheArgument() {
        assertThatThrownBy(() -> DownloadRequest.builder(URL, DESTINATION).sha256("abc").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("sha256 ");
        assertThatThrownBy(() -> DownloadRequest.builder(URL, DESTINATION).sha256(SHA.replace('F', 'G')).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("sha256 ");
        assertThatThrownBy(() -> DownloadRequest.builder(URL, Path.of("relative.zip")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("destination ");
        assertThatThrownBy(() -> DownloadRequest.builder(URI.create("app.zip"), DESTINATION).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("source ");
        assertThatThrownBy(() -> DownloadRequest.builder(URL, DESTINATION).name("").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("name ");
        assertThatThrownBy(() -> DownloadRequest.builder(URL, DESTINATION).noProgressTimeout(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("noProgressTimeout ");
        assertThatThrownBy(() -> DownloadRequest.builder(URL, DESTINATION).file(URL, DESTINATION, null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("destination ");
    }
}
