package dev.bgcopy.cli.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * A download's {@code URL FILE} pair, checked before any job is created so that bad input leaves
 * nothing behind: the URL must be absolute with a scheme the services know (http, https, file) and a
 * host for http(s); FILE's directory must exist and FILE must not be a directory. The service checks
 * again (E_INVALIDARG) and stays the judge of what it supports.
 *
 * <p>FILE's directory is resolved by the file system (links and {@code ..} as the kernel resolves
 * them, never lexically), and a FILE holding U+FFFD is refused: that is what the JVM makes of bytes of
 * an argument that are not in the platform's encoding, so the name asked for could not be kept exactly.
 *
 * @param url the URL as given
 * @param file FILE as an absolute path in its directory's real location
 */
public record Target(String url, Path file) {

    private static final Set<String> SCHEMES = Set.of("http", "https", "file");
    /** Longest display name the services accept (256 UTF-16 units). */
    private static final int MAX_DISPLAY_NAME = 256;
    private static final String AUTOMATIC_NAME_PREFIX = "bgcopy ";

    /** Checks {@code url} and {@code file}; a usage error (exit 2) names what is wrong. */
    public static Target of(String url, String file) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw CliException.usage("malformed URL '" + url + "': " + e.getReason(),
                    "give an absolute http, https or file URL");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || !uri.isAbsolute()) {
            throw CliException.usage("malformed URL '" + url + "': no scheme", "give an absolute http, https or file URL");
        }
        if (!SCHEMES.contains(scheme)) {
            throw CliException.usage("unsupported URL scheme '" + scheme + "' in '" + url + "'",
                    "give an http, https or file URL");
        }
        if (!scheme.equals("file") && (uri.getHost() == null || uri.getHost().isEmpty())) {
            throw CliException.usage("malformed URL '" + url + "': no host", "give a URL like https://host/path");
        }
        if (file.indexOf('\uFFFD') >= 0) {
            throw CliException.usage("FILE '" + file + "' holds bytes that are not in the platform's file-name encoding "
                    + "(shown as U+FFFD); it could not be created under exactly that name", "rename it, or choose another FILE");
        }
        Path path;
        try {
            path = Path.of(file).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw CliException.usage("invalid FILE '" + file + "': " + e.getReason(), "give a file path");
        }
        Path dir = path.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw CliException.usage("directory " + dir + " does not exist", "create it first, or choose another FILE");
        }
        path = real(dir).resolve(path.getFileName());
        if (Files.isDirectory(path)) {
            throw CliException.usage(path + " is a directory", "give the path of the file to write, e.g. " + path.resolve("name"));
        }
        return new Target(url, path);
    }

    /** The display name of a job created for this download: {@code bgcopy NAME}, shortened to the services' limit. */
    public String automaticDisplayName() {
        String name = AUTOMATIC_NAME_PREFIX + file.getFileName();
        if (name.length() <= MAX_DISPLAY_NAME) {
            return name;
        }
        int end = MAX_DISPLAY_NAME - 1;
        if (Character.isHighSurrogate(name.charAt(end - 1))) {
            end--;
        }
        return name.substring(0, end) + "\u2026";
    }

    /**
     * Refuses (exit 2) a FILE inside {@code directory}, where bgcopy keeps its own state (the job store's
     * {@code jobs.db}, the id registry) that a download must never overwrite; symbolic links are followed
     * where the paths exist, so a link cannot lead around the check.
     */
    public void requireOutside(Path directory, String what) {
        Path dir = directory.toAbsolutePath().normalize();
        if (file.startsWith(dir) || real(file.getParent()).startsWith(real(dir))) {
            throw CliException.usage("refusing to download into " + what + " " + dir + " (" + file + ")",
                    "choose a FILE outside it");
        }
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (java.io.IOException | SecurityException e) {
            return path;
        }
    }
}
