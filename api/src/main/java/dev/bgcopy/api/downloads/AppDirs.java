package dev.bgcopy.api.downloads;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;

/**
 * The per-user application-data directory of bgcopy, the Java counterpart of the Windows known folder
 * {@code FOLDERID_LocalAppData} ({@code SHGetKnownFolderPath}) and its Unix conventions:
 * {@code $XDG_DATA_HOME/bgcopy} or {@code ~/.local/share/bgcopy} on Linux and other Unixes,
 * {@code ~/Library/Application Support/bgcopy} on macOS, {@code %LOCALAPPDATA%\bgcopy} on Windows.
 * {@link Downloads} keeps each application's registry (and, on the simulator, its job store) below it.
 *
 * <p>What is kept there says what a user downloads, so {@link #createPrivateDirectories} and
 * {@link #createPrivateFile} make it readable by its owner only: {@code 0700} directories and
 * {@code 0600} files where the file system is POSIX; elsewhere (Windows) the per-user profile's ACL
 * already is.
 *
 * <pre>{@code
 * Path data = AppDirs.dataDirectory();                      // e.g. /home/ada/.local/share/bgcopy
 * Path same = AppDirs.dataDirectory("Linux", System.getenv(), Path.of("/home/ada"));
 * }</pre>
 */
public final class AppDirs {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private AppDirs() {
    }

    /** {@code Files.createDirectories}, each directory it creates {@code 0700}. */
    public static Path createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        return POSIX ? Files.createDirectories(dir, ownerOnly("rwx------")) : Files.createDirectories(dir);
    }

    /** Creates {@code file} as an empty {@code 0600} file unless it exists (its directories {@code 0700}). */
    public static Path createPrivateFile(Path file) throws IOException {
        createPrivateDirectories(file.toAbsolutePath().getParent());
        try {
            return POSIX ? Files.createFile(file, ownerOnly("rw-------")) : Files.createFile(file);
        } catch (FileAlreadyExistsException exists) {
            return file;
        }
    }

    private static FileAttribute<?> ownerOnly(String permissions) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
    }

    /** The directory for this process's OS, environment and home. */
    public static Path dataDirectory() {
        return dataDirectory(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The directory for the given OS name ({@code os.name}), environment and home directory. */
    public static Path dataDirectory(String osName, Map<String, String> env, Path home) {
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
