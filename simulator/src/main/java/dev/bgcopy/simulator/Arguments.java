package dev.bgcopy.simulator;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgNotify;
import dev.bgcopy.api.BgProxySettings;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.SemanticError;
import dev.bgcopy.api.Ulong;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The argument checks of the manager, job and file methods (docs/contract.md §4, §6.9): each either
 * returns the checked value (parsed, sorted) or throws the {@link BackgroundCopyException} the
 * contract names, with the calling method's name. The parsers that answer null instead of throwing
 * serve the store, which reads back values that were checked when they were set.
 */
final class Arguments {

    /** Longest display name: 256 UTF-16 units (docs/contract.md §6.9). */
    static final int MAX_DISPLAY_NAME = 256;
    /** Longest description (BITS, SIM limit). */
    static final int MAX_DESCRIPTION = 1024;
    /** Longest remote URL (docs/contract.md §6.9). */
    static final int MAX_URL = 2200;

    /** Longest file name: NAME_MAX of Linux and macOS (bytes), Windows' 255 UTF-16 units ({@link LocalFiles#nameLength}). */
    static final int MAX_FILE_NAME = 255;
    /** Longest path without its terminating NUL: PATH_MAX of Linux (4096) and macOS (1024), Windows' long paths. */
    static final int MAX_PATH = switch (System.getProperty("os.name", "").replaceAll(" .*", "")) {
        case "Windows" -> 32_766;
        case "Mac" -> 1_023;
        default -> 4_095;
    };

    /** Longest proxy or bypass list (BITS). */
    static final int MAX_PROXY_LIST = 32_767;

    private Arguments() {
    }

    static BackgroundCopyException invalid(String method, String detail) {
        return new BackgroundCopyException(method, HResult.E_INVALIDARG, detail);
    }

    static String displayName(String method, String name) {
        String problem = displayNameProblem(name);
        if (problem != null) {
            throw invalid(method, problem);
        }
        return name;
    }

    static String description(String method, String text) {
        if (text == null || text.length() > MAX_DESCRIPTION) {
            throw invalid(method, "the description is null or over " + MAX_DESCRIPTION + " characters");
        }
        return text;
    }

    static <T> T notNull(String method, T value, String what) {
        if (value == null) {
            throw invalid(method, "the " + what + " is null");
        }
        return value;
    }

    static long ulong(String method, long value) {
        if (value < 0 || value > Ulong.MAX) {
            throw invalid(method, "not a ULONG: " + value);
        }
        return value;
    }

    static int notifyFlags(String method, int flags) {
        if ((flags & ~BgNotify.VALID_MASK) != 0) {
            throw new BackgroundCopyException(method, HResult.E_NOTIMPL, String.format("flags 0x%X outside 0x3F", flags));
        }
        return flags;
    }

    static URI remoteUrl(String method, String url) {
        return remoteUrl(method, url, false);
    }

    /**
     * A remote name: an absolute http, https or file URL, or, where {@code localPaths} (the BITS dialect, after
     * the BG_FILE_INFO page), also a full local path, which is read as the file URL of that path.
     */
    static URI remoteUrl(String method, String url, boolean localPaths) {
        URI uri = parseRemoteUrl(url);
        if (uri == null) {
            throw invalid(method, urlProblem(url));
        }
        if (!localPaths && isLocalPath(url)) {
            throw invalid(method, "a local path is a remote name only for BITS; give a file URL: " + abbreviate(url));
        }
        return uri;
    }

    /** Whether {@code name} is a full local path rather than a URL. */
    private static boolean isLocalPath(String name) {
        try {
            return name.startsWith("/") || Path.of(name).isAbsolute();
        } catch (InvalidPathException e) {
            return false;
        }
    }

    static Path localPath(String method, String localName) {
        Path path = parseLocalPath(localName);
        if (path == null) {
            throw invalid(method, localPathProblem(localName));
        }
        return path;
    }

    /**
     * The checks of a destination the engine is about to accept (docs/contract.md §5.7): {@code E_INVALIDARG}
     * for a name or path over the platform's limits, counting the temporary file's longer name beside it,
     * and for a place inside the job store's directory {@code storeDirectory} (which holds {@code jobs.db});
     * {@code E_ACCESSDENIED} when files cannot be created in its directory. Links and {@code ..} in the
     * directory are resolved by the file system, as the kernel will when the file is written.
     */
    static void usableDestination(String method, LocalFiles files, Path path, Optional<Path> storeDirectory) {
        String name = path.getFileName().toString();
        if (LocalFiles.nameLength(name) > MAX_FILE_NAME) {
            throw invalid(method, "the file name is longer than the file system allows (" + LocalFiles.nameLength(name)
                    + " of at most " + MAX_FILE_NAME + "): " + abbreviate(name));
        }
        int longest = LocalFiles.nameLength(path.getParent().toString()) + 1
                + Math.max(LocalFiles.nameLength(name), LocalFiles.TEMP_NAME_MAX);
        if (longest > MAX_PATH) {
            throw invalid(method, "the path is longer than the file system allows (with the temporary file's name "
                    + longest + " of at most " + MAX_PATH + "): " + abbreviate(path.toString()));
        }
        if (storeDirectory.isPresent() && realPath(path.getParent()).startsWith(realPath(storeDirectory.get()))) {
            throw invalid(method, "the destination is inside the job store's directory " + storeDirectory.get());
        }
        if (!files.isWritable(path.getParent())) {
            throw new BackgroundCopyException(method, HResult.E_ACCESSDENIED, "the directory is not writable: " + abbreviate(path.getParent().toString()));
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** The argument part of a DO file: an id, a URL and a range list of at most {@code maxRanges} non-null ranges. */
    static URI doFile(String method, String fileId, String remoteUrl, List<BgFileRange> ranges, int maxRanges) {
        if (fileId == null || fileId.isEmpty()) {
            throw invalid(method, "the file id is null or empty");
        }
        URI uri = remoteUrl(method, remoteUrl);
        if (ranges == null) {
            throw invalid(method, "the range list is null (pass an empty list for the whole file)");
        }
        if (ranges.size() > maxRanges) {
            throw invalid(method, ranges.size() + " ranges (at most " + maxRanges + ")");
        }
        for (BgFileRange r : ranges) {
            if (r == null) {
                throw invalid(method, "the range list contains null");
            }
        }
        return uri;
    }

    /** The ranges sorted, after the checks of docs/contract.md §4.3 in its order. */
    static List<BgFileRange> ranges(String method, DialectRules codes, List<BgFileRange> ranges, long fileSize) {
        List<BgFileRange> sorted = sorted(ranges);
        switch (checkRanges(sorted, fileSize)) {
            case INVALID_RANGE -> throw new BackgroundCopyException(method, codes.code(SemanticError.INVALID_RANGE),
                    "invalid range in " + sorted);
            case OVERLAPPING_RANGES -> throw new BackgroundCopyException(method,
                    codes.code(SemanticError.OVERLAPPING_RANGES), "overlapping ranges in " + sorted);
            case OK -> {
                return sorted;
            }
        }
        return sorted;
    }

    static BgProxySettings proxySettings(String method, BgJobProxyUsage usage, String proxyList, String bypassList) {
        notNull(method, usage, "proxy usage");
        boolean override = usage == BgJobProxyUsage.OVERRIDE;
        if (override && (proxyList == null || proxyList.isEmpty())) {
            throw invalid(method, "OVERRIDE needs a proxy list");
        }
        if (!override && (proxyList != null || bypassList != null)) {
            throw invalid(method, usage + " takes no proxy lists");
        }
        if (proxyList != null && proxyList.length() > MAX_PROXY_LIST) {
            throw new BackgroundCopyException(method, HResult.BG_E_PROXY_LIST_TOO_LARGE,
                    "the proxy list is over 32767 characters");
        }
        if (bypassList != null && bypassList.length() > MAX_PROXY_LIST) {
            throw new BackgroundCopyException(method, HResult.BG_E_PROXY_BYPASS_LIST_TOO_LARGE,
                    "the bypass list is over 32767 characters");
        }
        return new BgProxySettings(usage, proxyList, bypassList);
    }

    /**
     * Why {@code name} cannot be a display name, or null when it can. Only NULL and more than 256 UTF-16
     * units are invalid (docs/contract.md §4.1, R14); the empty name is valid, as the conformance kit checks.
     */
    static String displayNameProblem(String name) {
        if (name == null) {
            return "the display name is null";
        }
        if (name.length() > MAX_DISPLAY_NAME) {
            return "the display name has " + name.length() + " characters (at most " + MAX_DISPLAY_NAME + ")";
        }
        return null;
    }

    /** The URI of a supported absolute http/https/file URL of at most 2,200 characters, or null. */
    static URI parseRemoteUrl(String url) {
        if (url == null || url.isEmpty() || url.length() > MAX_URL || url.indexOf('\0') >= 0) {
            return null;
        }
        if (isLocalPath(url)) {
            try {
                return Path.of(url).toUri();
            } catch (InvalidPathException e) {
                return null;
            }
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return null;
        }
        if (!uri.isAbsolute() || uri.isOpaque()) {
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "http", "https" -> {
                boolean valid = uri.getHost() != null && uri.getRawUserInfo() == null && validPort(uri.getPort());
                return valid ? uri : null;
            }
            case "file" -> {
                try {
                    Path.of(uri);
                    return uri;
                } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                    return null;
                }
            }
            default -> {
                return null;
            }
        }
    }

    /** Why {@code url} is not acceptable, for the exception detail. */
    static String urlProblem(String url) {
        if (url == null) {
            return "the URL is null";
        }
        if (url.length() > MAX_URL) {
            return "the URL has " + url.length() + " characters (at most " + MAX_URL + ")";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri != null && uri.getRawUserInfo() != null) {
            // Never echoed: the user information is a user name and, most often, a password.
            return "the URL carries user information (credentials); pass credentials through the credential API";
        }
        if (uri != null && uri.getHost() != null && !validPort(uri.getPort())) {
            return "the URL's port " + uri.getPort() + " is not in 1..65535";
        }
        return "not an absolute http, https or file URL (nor, for BITS, a full local path): " + abbreviate(url);
    }

    /** No port (-1, the scheme's default) or a TCP port 1..65535. */
    static boolean validPort(int port) {
        return port == -1 || (port >= 1 && port <= 65_535);
    }

    /** An absolute local path whose directory exists and which is not itself a directory, or null. */
    static Path parseLocalPath(String name) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
            return null;
        }
        Path path;
        try {
            path = Path.of(name);
        } catch (InvalidPathException e) {
            return null;
        }
        if (!path.isAbsolute() || path.getFileName() == null || path.getParent() == null) {
            return null;
        }
        if (!Files.isDirectory(path.getParent()) || Files.isDirectory(path)) {
            return null;
        }
        return path;
    }

    static String localPathProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "the local name is null or empty";
        }
        return "not an absolute path of a file in an existing directory: " + abbreviate(name);
    }

    /** Ranges sorted by unsigned offset. */
    static List<BgFileRange> sorted(List<BgFileRange> ranges) {
        List<BgFileRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(BgFileRange::initialOffset, Long::compareUnsigned));
        return List.copyOf(sorted);
    }

    /** Outcome of the range checks of docs/contract.md §4.3, in its order (a), (b), (c). */
    enum RangeVerdict { OK, INVALID_RANGE, OVERLAPPING_RANGES }

    static RangeVerdict checkRanges(List<BgFileRange> sorted, long fileSize) {
        for (BgFileRange r : sorted) {
            if (r.initialOffset() == BgFileRange.BG_LENGTH_TO_EOF) {
                return RangeVerdict.INVALID_RANGE;
            }
        }
        for (int i = 0; i + 1 < sorted.size(); i++) {
            BgFileRange a = sorted.get(i);
            BgFileRange b = sorted.get(i + 1);
            if (a.initialOffset() == b.initialOffset() || a.isToEndOfFile()
                    || Long.compareUnsigned(b.initialOffset() - a.initialOffset(), a.length()) < 0) {
                return RangeVerdict.OVERLAPPING_RANGES;
            }
        }
        boolean sizeKnown = fileSize != BgJobProgress.BG_SIZE_UNKNOWN;
        for (BgFileRange r : sorted) {
            if (r.length() == 0) {
                return RangeVerdict.INVALID_RANGE;
            }
            if (r.isToEndOfFile()) {
                if (sizeKnown && Long.compareUnsigned(r.initialOffset(), fileSize) >= 0) {
                    return RangeVerdict.INVALID_RANGE;
                }
                continue;
            }
            if (Long.compareUnsigned(r.length(), -1L - r.initialOffset()) > 0) {
                return RangeVerdict.INVALID_RANGE;
            }
            if (sizeKnown && Long.compareUnsigned(r.initialOffset() + r.length(), fileSize) > 0) {
                return RangeVerdict.INVALID_RANGE;
            }
        }
        return RangeVerdict.OK;
    }

    /**
     * Rejected input as an exception message may quote it: at most 120 characters, control characters
     * escaped ({@link #escape}), so that a message never carries a line break or a terminal sequence.
     */
    static String abbreviate(String s) {
        return escape(s.length() <= 120 ? s : s.substring(0, 117) + "...");
    }

    /**
     * {@code s} with every ISO control character, and the line and paragraph separators, written as a
     * visible escape ({@code \n}, {@code \r}, {@code \t}, else {@code \}{@code uXXXX}): text from a caller or a
     * server, safe to print in one line.
     */
    static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (!control) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04X", (int) c));
            }
        }
        return out == null ? s : out.toString();
    }
}
