package dev.bgcopy.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One line of the text {@code IBackgroundCopyJobHttpOptions::SetCustomHeaders} takes ({@code Name: value},
 * lines ended by CR LF; docs/contract.md §4.12), checked by the one rule every part of the SDK applies: the
 * simulator's {@code SetCustomHeaders}, {@link dev.bgcopy.api.downloads.WireOptions} and the CLI's
 * {@code --header}. The name is an RFC 9110 token; the value holds no CR, LF or other control character
 * but tab, and is kept without the spaces around it.
 *
 * <pre>{@code
 * List<HttpHeader> headers = List.of(new HttpHeader("Authorization", "Bearer " + token), HttpHeader.parse("X-Client: updater"));
 * http.setCustomHeaders(HttpHeader.toCustomHeaders(headers));
 * }</pre>
 *
 * <p>A value is often a secret (a token, an API key): {@link #toString()} and every message of this class
 * name the header, never its value.
 *
 * @param name the field name
 * @param value the field value
 */
public record HttpHeader(String name, String value) {

    /** An RFC 9110 field name: one or more token characters. */
    private static final Pattern FIELD_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** A field value: visible characters, spaces and tabs only (no CR, LF or other controls). */
    private static final Pattern FIELD_VALUE = Pattern.compile("[\\t\\x20-\\x7E\\x{80}-\\x{10FFFF}]*");

    /**
     * Checks both parts and strips the value.
     *
     * @throws IllegalArgumentException for a name that is not a token or a value with a control character; the
     *         message never holds the value
     */
    public HttpHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!FIELD_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a custom header's name must be a token (letters, digits and !#$%&'*+.^_`|~-)");
        }
        value = value.strip();
        if (!FIELD_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("the value of custom header '" + name
                    + "' holds a CR, LF or another control character");
        }
    }

    /**
     * The header written as {@code Name: value}.
     *
     * @throws IllegalArgumentException when it is not of that form; the message never holds the value
     */
    public static HttpHeader parse(String line) {
        Objects.requireNonNull(line, "line");
        int colon = line.indexOf(':');
        if (colon <= 0 || !FIELD_NAME.matcher(line.substring(0, colon)).matches()) {
            throw new IllegalArgumentException("a custom header must be 'Name: value' with a token name");
        }
        return new HttpHeader(line.substring(0, colon), line.substring(colon + 1));
    }

    /**
     * The headers of a {@code SetCustomHeaders} text: {@code Name: value} lines, each ended by CR LF (the last one
     * may omit it). Empty text has none.
     *
     * @throws IllegalArgumentException naming the first line (by number) that is not such a line, a lone CR or LF
     *         included; the message never holds a value
     */
    public static List<HttpHeader> parseAll(String customHeaders) {
        List<HttpHeader> parsed = new ArrayList<>();
        int start = 0;
        while (start < customHeaders.length()) {
            int end = customHeaders.indexOf("\r\n", start);
            String line = customHeaders.substring(start, end < 0 ? customHeaders.length() : end);
            start = end < 0 ? customHeaders.length() : end + 2;
            int colon = line.indexOf(':');
            if (colon <= 0 || !FIELD_NAME.matcher(line.substring(0, colon)).matches()) {
                throw new IllegalArgumentException("custom header line " + (parsed.size() + 1)
                        + " is not 'Name: value' with a token name");
            }
            parsed.add(new HttpHeader(line.substring(0, colon), line.substring(colon + 1)));
        }
        return List.copyOf(parsed);
    }

    /** The {@code SetCustomHeaders} text of {@code headers}: one {@code Name: value} line each, ended by CR LF. */
    public static String toCustomHeaders(List<HttpHeader> headers) {
        StringBuilder text = new StringBuilder();
        for (HttpHeader header : headers) {
            text.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        return text.toString();
    }

    /** The name only: a value may be a secret. */
    @Override
    public String toString() {
        return "HttpHeader[name=" + name + ", value=<redacted>]";
    }
}
