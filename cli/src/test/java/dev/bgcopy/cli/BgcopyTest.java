package dev.bgcopy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line in this process: parsing, help and the one-line usage errors. */
class BgcopyTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Bgcopy.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void help_listsEveryCommand_andTheExitCodes() {
        assertThat(run("--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        for (String command : new String[] {"download", "create", "add", "resume", "suspend", "cancel", "complete", "info",
            "list", "wait", "monitor", "demo"}) {
            assertThat(help).contains("  " + command);
        }
        assertThat(help).contains("--backend").contains("--store").contains("--dialect").contains("--verbose")
                .contains("130").contains("backend unavailable");
    }

    @Test
    void globalOptions_areAcceptedAfterTheCommandToo() {
        assertThat(run("info", "--backend", "nope", "00000000-0000-0000-0000-000000000000")).isEqualTo(2);
        assertThat(err()).isEqualTo("bgcopy: Invalid value for option '--backend': expected one of [DO, BITS, SIMULATOR] "
                + "(case-insensitive) but was 'nope'; hint: see 'bgcopy info --help'" + System.lineSeparator());
    }

    @Test
    void missingParameters_isOneLineUsageError() {
        assertThat(run("add", "00000000-0000-0000-0000-000000000000")).isEqualTo(2);
        assertThat(err().lines()).hasSize(1).first().asString().startsWith("bgcopy: Missing required parameters");
    }

    @Test
    void stateCommands_eachHaveTheirOwnUsage() {
        assertThat(run("suspend", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).startsWith(
                "Usage: bgcopy suspend [-hV] [--verbose] [--backend=do|bits|simulator]");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Suspend job ID.").contains("      ID");
        assertThat(run("complete")).isEqualTo(2);
        assertThat(err()).isEqualTo("bgcopy: Missing required parameter: 'ID'; hint: see 'bgcopy complete --help'"
                + System.lineSeparator());
    }

    @Test
    void demoSize_isHidden_butTheKeepOptionIsDocumented() {
        assertThat(run("demo", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--keep").doesNotContain("--size").doesNotContain("--rate");
    }
}
