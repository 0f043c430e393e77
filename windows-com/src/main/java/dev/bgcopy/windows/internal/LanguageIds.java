package dev.bgcopy.windows.internal;

import java.util.Locale;
import java.util.Map;

/**
 * {@code Locale} to Windows {@code LANGID} and back, for the {@code LanguageId} arguments of the BITS
 * description methods: {@code MAKELANGID(primary, SUBLANG_DEFAULT)} for the common languages,
 * {@code LANG_NEUTRAL} (0, "the user's default") for the rest.
 */
public final class LanguageIds {

    private static final int SUBLANG_DEFAULT = 0x01;
    private static final Map<String, Integer> PRIMARY = Map.ofEntries(
            Map.entry("zh", 0x04), Map.entry("de", 0x07), Map.entry("en", 0x09), Map.entry("es", 0x0A),
            Map.entry("fr", 0x0C), Map.entry("it", 0x10), Map.entry("ja", 0x11), Map.entry("ko", 0x12),
            Map.entry("nl", 0x13), Map.entry("pt", 0x16), Map.entry("ru", 0x19));

    private LanguageIds() {
    }

    /** The {@code LANGID} of {@code locale}'s language; 0 when unknown or null. */
    public static int of(Locale locale) {
        if (locale == null) {
            return 0;
        }
        Integer primary = PRIMARY.get(locale.getLanguage());
        return primary == null ? 0 : SUBLANG_DEFAULT << 10 | primary;
    }

    /** The language of a {@code LANGID}; {@link Locale#ROOT} for 0 or an unknown language. */
    public static Locale toLocale(int langId) {
        int primary = langId & 0x3FF;
        for (Map.Entry<String, Integer> e : PRIMARY.entrySet()) {
            if (e.getValue() == primary) {
                return new Locale(e.getKey());
            }
        }
        return Locale.ROOT;
    }
}
