package dev.bgcopy.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code bgcopy} run in this process through {@link Bgcopy#run}, its stdout and stderr captured, stderr not a terminal. */
public final class InProcess {

    /** What a run returned and printed. */
    public record Run(int exit, String out, List<String> errLines) {
        /** Stderr as one text. */
        public String err() {
            return String.join("\n", errLines);
        }
    }

    private InProcess() {
    }

    /** Runs {@code bgcopy args}. */
    public static Run run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Bgcopy.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
