package dev.bgcopy.mockwebserver;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a representation a GET answers, decided from {@code Range} and {@code If-Range} as RFC 9110
 * §14.2 and §13.1.5 say: {@code start..end} inclusive for a 206, {@link #WHOLE} for a 200,
 * {@link #UNSATISFIABLE} for a 416.
 */
record ByteRange(long start, long end) {

    /** The whole representation: no, an ignored, or a multi-range {@code Range}. */
    static final ByteRange WHOLE = new ByteRange(-1, -1);
    /** No byte of the representation satisfies the range. */
    static final ByteRange UNSATISFIABLE = new ByteRange(-2, -2);

    private static final Pattern RANGE_SET = Pattern.compile("bytes[ \\t]*=[ \\t]*(\\d*)[ \\t]*-[ \\t]*(\\d*)",
            Pattern.CASE_INSENSITIVE);

    /**
     * Decides the range of a GET for a representation of {@code length} bytes.
     *
     * @param range the {@code Range} header or null
     * @param ifRange the {@code If-Range} header or null
     */
    static ByteRange of(String range, String ifRange, long length, String etag, Instant lastModified) {
        if (range == null || !ifRangeHolds(ifRange, etag, lastModified)) {
            return WHOLE;
        }
        Matcher m = RANGE_SET.matcher(range.strip());
        if (!m.matches()) {
            // A multi-range set (a comma), another unit or bad syntax: answered with the whole body, as
            // §14.2 allows a server to ignore Range.
            return WHOLE;
        }
        String first = m.group(1);
        String last = m.group(2);
        if (first.isEmpty() && last.isEmpty()) {
            return WHOLE;
        }
        if (first.isEmpty()) {
            long suffix = number(last);
            if (suffix == 0) {
                return UNSATISFIABLE;
            }
            // A suffix of an empty representation is satisfiable but selects nothing: the whole (empty) body.
            return length == 0 ? WHOLE : new ByteRange(Math.max(0, length - suffix), length - 1);
        }
        long start = number(first);
        long end = last.isEmpty() ? Long.MAX_VALUE : number(last);
        if (end < start) {
            return WHOLE; // an invalid range-spec: the header is ignored
        }
        if (start >= length) {
            return UNSATISFIABLE;
        }
        return new ByteRange(start, Math.min(end, length - 1));
    }

    /**
     * §13.1.5: true without {@code If-Range}; else true only if it is the current strong entity tag, or an
     * HTTP-date equal to {@code Last-Modified}. A weak tag never matches, on either side.
     */
    static boolean ifRangeHolds(String ifRange, String etag, Instant lastModified) {
        if (ifRange == null) {
            return true;
        }
        String validator = ifRange.strip();
        if (validator.startsWith("W/")) {
            return false;
        }
        if (validator.startsWith("\"")) {
            return !etag.startsWith("W/") && validator.equals(etag);
        }
        try {
            return ZonedDateTime.parse(validator, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().equals(lastModified);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    long length() {
        return end - start + 1;
    }

    private static long number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            return Long.MAX_VALUE;
        }
    }
}
