package dev.bgcopy.api.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirsTest {

    private final Path home = Path.of("/home/ada");

    @Test
    void linux_xdgDataHome() {
        assertThat(AppDirs.dataDirectory("Linux", Map.of("XDG_DATA_HOME", "/data"), home)).isEqualTo(Path.of("/data/bgcopy"));
    }

    @Test
    void linux_withoutXdg_orWithARelativeOne_usesLocalShare() {
        Path expected = Path.of("/home/ada/.local/share/bgcopy");
        assertThat(AppDirs.dataDirectory("Linux", Map.of(), home)).isEqualTo(expected);
        assertThat(AppDirs.dataDirectory("Linux", Map.of("XDG_DATA_HOME", "relative"), home)).isEqualTo(expected);
    }

    @Test
    void macOs_applicationSupport() {
        assertThat(AppDirs.dataDirectory("Mac OS X", Map.of("XDG_DATA_HOME", "/data"), home))
                .isEqualTo(Path.of("/home/ada/Library/Application Support/bgcopy"));
    }

    @Test
    void windows_localAppData() {
        Path local = Path.of("/users/ada/AppData/Local");
        assertThat(AppDirs.dataDirectory("Windows 11", Map.of("LOCALAPPDATA", local.toString()), home))
                .isEqualTo(local.resolve("bgcopy"));
    }
}
