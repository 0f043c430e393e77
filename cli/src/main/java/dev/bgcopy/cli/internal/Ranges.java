package dev.bgcopy.cli.internal;

import dev.bgcopy.api.BgFileRange;
import picocli.CommandLine;

/**
 * Parses {@code --range OFFSET:LENGTH} into a {@code BG_FILE_RANGE}: two unsigned decimal {@code UINT64}s,
 * LENGTH may be {@code eof} ({@code BG_LENGTH_TO_EOF}). Only the syntax is checked here; whether the
 * range fits the file (zero length, overlap, beyond the end) is the service's judgement
 * ({@code INVALID_RANGE}, {@code OVERLAPPING_RANGES}), so the rule lives in one place.
 */
public final class Ranges implements CommandLine.ITypeConverter<BgFileRange> {

    @Override
    public BgFileRange convert(String value) {
        return parse(value);
    }

    /**
     * The range written as {@code OFFSET:LENGTH}.
     *
     * @throws CommandLine.TypeConversionException when the text is not of that form
     */
    public static BgFileRange parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0 || colon != text.lastIndexOf(':')) {
            throw malformed(text);
        }
        long offset = unsigned(text.substring(0, colon), text);
        String lengthText = text.substring(colon + 1);
        long length = lengthText.equalsIgnoreCase("eof") ? BgFileRange.BG_LENGTH_TO_EOF : unsigned(lengthText, text);
        return new BgFileRange(offset, length);
    }

    private static long unsigned(String digits, String whole) {
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformed(whole);
        }
        try {
            return Long.parseUnsignedLong(digits);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + whole + "' is not a range: " + digits + " does not fit an unsigned 64-bit number");
        }
    }

    private static CommandLine.TypeConversionException malformed(String text) {
        return new CommandLine.TypeConversionException(
                "'" + text + "' is not a range: expected OFFSET:LENGTH in bytes, e.g. 0:1048576 or 4096:eof");
    }
}
