package dev.bgcopy.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void plainTextAndBackslashesAreUnchanged() {
        String plain = "bgcopy app-2.4.zip C:\\Users\\ada ünïcødé 日本";
        assertThat(Printable.text(plain)).isSameAs(plain);
    }

    @Test
    void lineBreaksAndTabsAreWrittenAsEscapes() {
        assertThat(Printable.text("a\nb\rc\td")).isEqualTo("a\\nb\\rc\\td");
    }

    @Test
    void escapeIsShownAsBackslashE_soNoSequenceReachesTheTerminal() {
        assertThat(Printable.text("\u001b[2J\u001b]0;owned\u0007")).isEqualTo("\\e[2J\\e]0;owned\\x07");
    }

    @Test
    void everyOtherC0ControlDelAndC1ControlIsHex() {
        assertThat(Printable.text("\u0000\u0001\u0008\u000b\u000c\u001f")).isEqualTo("\\x00\\x01\\x08\\x0b\\x0c\\x1f");
        assertThat(Printable.text("\u007f\u0080\u009b\u009f")).isEqualTo("\\x7f\\x80\\x9b\\x9f");
        assertThat(Printable.text("\u00a0")).isEqualTo("\u00a0");
    }

    @Test
    void unicodeSeparatorsAndBidiOverridesAreEscaped() {
        assertThat(Printable.text("a\u2028b\u2029c\u202ed\u2066e")).isEqualTo("a\\u2028b\\u2029c\\u202ed\\u2066e");
    }

    @Test
    void everyCharacterBelowSpaceIsEscaped() {
        for (char c = 0; c < 0x20; c++) {
            assertThat(Printable.text(String.valueOf(c))).as("U+%04X", (int) c).startsWith("\\").doesNotContain(String.valueOf(c));
        }
    }

    @Test
    void aTraceKeepsItsLinesAndFrameIndents_butEscapesTheMessage() {
        String trace = Printable.trace(new IllegalStateException("job '\u001b]0;owned\u0007\u009b' failed\rover"));
        assertThat(trace.lines().limit(2)).containsExactly("java.lang.IllegalStateException: job '\\e]0;owned\\x07\\x9b' failed", "over");
        assertThat(trace.lines().skip(2).findFirst().orElseThrow()).startsWith("\tat dev.bgcopy.cli.internal.PrintableTest.");
        assertThat(trace.chars().filter(c -> c != '\t' && c != '\n' && (c < 0x20 || (c >= 0x7f && c <= 0x9f)))).isEmpty();
    }

    @Test
    void nullIsPrintedAsNull() {
        assertThat(Printable.text(null)).isEqualTo("null");
    }
}
