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
 * @param url the URL as given
 * @param file FILE as an absolute, normalised path
 */
public record Target(String url, Path file) {

    private static final Set<String> SCHEMES = Set.of("http", "https", "file");

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
        Path path;
        try {
            path = Path.of(file).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw CliException.usage("invalid FILE '" + file + "': " + e.getReason(), "give a file path");
        }
        Path dir = path.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw CliException.usage("directory " + dir + " does not exist", "create it first, or choose another FILE");
        }
        if (Files.isDirectory(path)) {
            throw CliException.usage(path + " is a directory", "give the path of the file to write, e.g. " + path.resolve("name"));
        }
        return new Target(url, path);
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
