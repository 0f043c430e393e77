package dev.bgcopy.simulator;

import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobProgress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Argument checks shared by the job and file methods; each returns null (or a reason) instead of throwing. */
final class Validation {

    /** Longest display name: 256 UTF-16 units (docs/contract.md §6.9). */
    static final int MAX_DISPLAY_NAME = 256;
    /** Longest description (BITS, SIM limit). */
    static final int MAX_DESCRIPTION = 1024;
    /** Longest remote URL (docs/contract.md §6.9). */
    static final int MAX_URL = 2200;

    private Validation() {
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
    static URI remoteUrl(String url) {
        if (url == null || url.isEmpty() || url.length() > MAX_URL || url.indexOf('\0') >= 0) {
            return null;
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
                return uri.getHost() == null ? null : uri;
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
        return "not an absolute http, https or file URL: " + abbreviate(url);
    }

    /** An absolute local path whose directory exists and which is not itself a directory, or null. */
    static Path localPath(String name) {
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

    static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
