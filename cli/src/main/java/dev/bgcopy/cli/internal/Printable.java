package dev.bgcopy.cli.internal;

/**
 * Makes text from outside the CLI (job names, URLs, file names, error descriptions, messages) safe to
 * print for people: every control character is shown as an escape instead of acting on the terminal,
 * so a job name cannot start a fake table row, move the cursor, clear the screen or set the window
 * title. {@code \n}, {@code \r} and {@code \t} are written so; ESC as {@code \e}; every other C0
 * control, DEL and every C1 control as {@code \xNN}; the Unicode line and paragraph separators and the
 * bidirectional overrides and isolates (which reorder what the terminal shows) as {@code \}{@code uNNNN}.
 * Everything else, backslashes included (Windows paths), is printed as it is. JSON output does not use
 * it: JSON escaping already covers control characters.
 */
public final class Printable {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Printable() {
    }

    /** {@code text} with every control character escaped visibly; {@code "null"} for null. */
    public static String text(Object text) {
        String s = String.valueOf(text);
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escape = escape(c);
            if (escape != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (escape != null) {
                    b.append(escape);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /**
     * The stack trace of {@code failure} ({@code --verbose}), each line escaped as by {@link #text} except
     * for the tabs that indent its frames. A line break inside a message (also a lone {@code \r}, which
     * could overwrite the line) ends its line, as it does in any stack trace; only the line separator
     * of the platform is printed.
     */
    public static String trace(Throwable failure) {
        java.io.StringWriter trace = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(trace));
        StringBuilder b = new StringBuilder();
        trace.toString().lines().forEach(line -> {
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == '\t') {
                indent++;
            }
            b.append(line, 0, indent).append(text(line.substring(indent))).append(System.lineSeparator());
        });
        return b.toString();
    }

    private static String escape(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case '\u001b':
                return "\\e";
            default:
                break;
        }
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return "\\x" + HEX[c >> 4] + HEX[c & 0xf];
        }
        if (c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')) {
            return String.format(java.util.Locale.ROOT, "\\u%04x", (int) c);
        }
        return null;
    }
}
