package dev.bgcopy.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The program of the notify command line tests, run by the simulator as a child JVM: {@code NotifyProbe record
 * exitCodeFile args...} appends one line to {@code record} holding {@code args} separated by U+001F, then exits
 * with the number in {@code exitCodeFile} (0 when the file is absent), so a test changes the outcome of the next
 * run by writing that file.
 */
public final class NotifyProbe {

    /** Separates the arguments of one run in the record's line. */
    static final String SEPARATOR = "\u001F";

    private NotifyProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path record = Path.of(args[0]);
        Path exitCode = Path.of(args[1]);
        String line = String.join(SEPARATOR, Arrays.asList(args).subList(2, args.length)) + "\n";
        Files.writeString(record, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.exit(Files.exists(exitCode) ? Integer.parseInt(Files.readString(exitCode).strip()) : 0);
    }
}
