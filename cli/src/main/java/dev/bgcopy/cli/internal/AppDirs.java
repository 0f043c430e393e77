package dev.bgcopy.cli.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The per-user application-data directory, the default {@code --store}: {@code $XDG_DATA_HOME/bgcopy}
 * or {@code ~/.local/share/bgcopy} on Linux and other Unixes, {@code ~/Library/Application Support/bgcopy}
 * on macOS, {@code %LOCALAPPDATA%\bgcopy} on Windows.
 */
public final class AppDirs {

    private AppDirs() {
    }

    /** The directory for this process's OS, environment and home. */
    public static Path defaultStore() {
        return defaultStore(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The directory for the given OS name ({@code os.name}), environment and home directory. */
    public static Path defaultStore(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            Path base = local != null && !local.isBlank() ? Path.of(local) : home.resolve("AppData").resolve("Local");
            return base.resolve("bgcopy");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return home.resolve("Library").resolve("Application Support").resolve("bgcopy");
        }
        String xdg = env.get("XDG_DATA_HOME");
        // The XDG spec says a relative value is invalid and must be ignored.
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg).resolve("bgcopy");
        }
        return home.resolve(".local").resolve("share").resolve("bgcopy");
    }
}
