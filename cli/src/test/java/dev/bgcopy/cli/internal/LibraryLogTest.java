package dev.bgcopy.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link LibraryLog}: the bgcopy modules' System.Logger records on the run's stderr, only with --verbose. */
class LibraryLogTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final System.Logger module = System.getLogger("dev.bgcopy.example");

    private String err() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void verbose_printsEveryModuleRecordFromDebugUp_oneLineEach() {
        try (LibraryLog log = LibraryLog.route(true, err)) {
            module.log(Level.TRACE, "not at trace");
            module.log(Level.DEBUG, "opened {0}", "the store");
            module.log(Level.ERROR, "a call is lost");
        }
        assertThat(err().lines()).containsExactly("bgcopy: DEBUG [dev.bgcopy.example] opened the store",
                "bgcopy: ERROR [dev.bgcopy.example] a call is lost");
    }

    @Test
    void verbose_printsTheExceptionsStackTrace() {
        try (LibraryLog log = LibraryLog.route(true, err)) {
            module.log(Level.WARNING, "the callback threw", new IllegalStateException("because"));
        }
        assertThat(err().lines()).startsWith("bgcopy: WARNING [dev.bgcopy.example] the callback threw",
                "java.lang.IllegalStateException: because");
        assertThat(err()).contains("\tat dev.bgcopy.cli.internal.LibraryLogTest.");
    }

    @Test
    void verbose_leavesOtherLoggersAlone() {
        try (LibraryLog log = LibraryLog.route(true, err)) {
            System.getLogger("org.example").log(Level.WARNING, "not ours");
            System.getLogger("dev.bgcopyish").log(Level.WARNING, "not ours either");
        }
        assertThat(err()).isEmpty();
    }

    @Test
    void withoutVerbose_theModulesAreSilent() {
        try (LibraryLog log = LibraryLog.route(false, err)) {
            assertThat(module.isLoggable(Level.ERROR)).isFalse();
            module.log(Level.ERROR, "silent");
        }
        assertThat(err()).isEmpty();
    }

    @Test
    void close_putsTheLoggerBack() {
        boolean debugBefore = module.isLoggable(Level.DEBUG);
        boolean errorBefore = module.isLoggable(Level.ERROR);
        LibraryLog.route(true, err).close();
        LibraryLog.route(false, err).close();
        module.log(Level.ERROR, "after the run");
        assertThat(err()).isEmpty();
        assertThat(module.isLoggable(Level.DEBUG)).isEqualTo(debugBefore);
        assertThat(module.isLoggable(Level.ERROR)).isEqualTo(errorBefore);
    }
}
