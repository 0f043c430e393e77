package dev.bgcopy.tck.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The program the kit's notify command line rules give a job ({@code NotifyCommandContract}): this JVM's own
 * {@code java} running {@link #main}, which appends its arguments as one line to a record file and exits with the
 * number in an exit-code file (0 when there is none). An instance is one test's pair of files and builds the
 * {@code SetNotifyCmdLine} strings, quoted for the Windows command-line rules the service splits them by.
 */
public final class NotifyProbe {

    /** Separates the arguments of one run in the record's line. */
    private static final String SEPARATOR = "\u001F";
    /** Polling limit against a real service, as {@link TckSession}'s drives. */
    private static final long REAL_TIME_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Path record;
    private final Path exitCode;

    /** A probe recording into files of {@code directory} whose names start with {@code name}. */
    public NotifyProbe(Path directory, String name) {
        this.record = directory.resolve(name + "-record.txt");
        this.exitCode = directory.resolve(name + "-exit-code.txt");
    }

    /** {@code record exitCodeFile arguments...}: records the arguments, exits with the wanted code. */
    public static void main(String[] args) throws IOException {
        String line = String.join(SEPARATOR, Arrays.asList(args).subList(2, args.length)) + "\n";
        Files.writeString(Path.of(args[0]), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Path exit = Path.of(args[1]);
        System.exit(Files.exists(exit) ? Integer.parseInt(Files.readString(exit).strip()) : 0);
    }

    /** The program: the running JVM's launcher, a full path. */
    public String program() {
        return ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException(
                "this JVM does not know its own launcher's path"));
    }

    /** The parameters that run the probe with {@code arguments} after its own, the program first, each quoted. */
    public String parameters(String... arguments) {
        String classes;
        try {
            classes = Path.of(NotifyProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> argv = new ArrayList<>(List.of(program(), "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx32m",
                "-cp", classes, NotifyProbe.class.getName(), record.toString(), exitCode.toString()));
        argv.addAll(List.of(arguments));
        StringBuilder line = new StringBuilder();
        for (String argument : argv) {
            line.append(line.length() == 0 ? "" : " ").append(quote(argument));
        }
        return line.toString();
    }

    /**
     * One argument as the Windows rules read it back: bare when it has no space, tab or quotation mark, else
     * quoted, with the backslashes before a quotation mark (or the closing one) doubled and the marks escaped.
     */
    static String quote(String argument) {
        if (!argument.isEmpty() && argument.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '"')) {
            return argument;
        }
        StringBuilder quoted = new StringBuilder("\"");
        int backslashes = 0;
        for (char c : argument.toCharArray()) {
            if (c == '\\') {
                backslashes++;
                continue;
            }
            quoted.append("\\".repeat(c == '"' ? backslashes * 2 + 1 : backslashes)).append(c);
            backslashes = 0;
        }
        return quoted.append("\\".repeat(backslashes * 2)).append('"').toString();
    }

    /** The next runs of the program exit with {@code code} (0: success). */
    public void exitWith(int code) {
        try {
            Files.writeString(exitCode, Integer.toString(code));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The arguments of every run so far, in order. */
    public List<List<String>> runs() {
        try {
            List<List<String>> runs = new ArrayList<>();
            if (Files.exists(record)) {
                for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
                    runs.add(line.isEmpty() ? List.of() : Arrays.asList(line.split(SEPARATOR, -1)));
                }
            }
            return runs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The runs once {@code count} have happened: with a virtual clock after one scheduler step (which waits for the
     * programs it started), else by polling the real service for at most 30 s.
     */
    public List<List<String>> awaitRuns(TckSession s, int count) {
        if (s.hasVirtualClock()) {
            s.runUntilIdle();
            return runs();
        }
        long deadline = System.nanoTime() + REAL_TIME_LIMIT_NANOS;
        while (runs().size() < count && System.nanoTime() < deadline) {
            // A real out-of-process service can only be observed by polling; 50 ms between reads.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        return runs();
    }
}
