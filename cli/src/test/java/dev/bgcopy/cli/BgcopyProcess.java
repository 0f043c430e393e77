package dev.bgcopy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real {@code bgcopy} jar (the shaded jar the package phase built) run as a separate process, the
 * way users run it. Its per-user data directory points into a temporary directory, so no test touches
 * the real user's store.
 */
final class BgcopyProcess {

    /** What a finished run printed and returned. */
    record Result(int exitCode, String stdout, List<String> stderrLines) {

        String stderr() {
            return String.join("\n", stderrLines);
        }

        /** A failure printed as the CLI promises: exactly one line, no stack trace. */
        Result assertOneLineError(int expectedExit) {
            assertThat(exitCode).as("exit code; stderr: %s", stderr()).isEqualTo(expectedExit);
            assertThat(stderrLines).as("stderr").hasSize(1);
            assertThat(stderrLines.get(0)).startsWith("bgcopy: ").contains("hint: ")
                    .doesNotContain("Exception").doesNotContain("\tat ");
            return this;
        }
    }

    static final Path JAR = Path.of(System.getProperty("bgcopy.jar", "target/bgcopy.jar"));
    static final Path LAUNCHER = Path.of(System.getProperty("bgcopy.launcher", "../bgcopy"));

    private final Path home;
    private final Map<String, String> env;

    /** @param home stands in for the user's home and data directory */
    BgcopyProcess(Path home) {
        this(home, Map.of());
    }

    private BgcopyProcess(Path home, Map<String, String> env) {
        this.home = home;
        this.env = env;
    }

    /** The same runs with these environment variables added (e.g. a password). */
    BgcopyProcess withEnv(Map<String, String> variables) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putAll(variables);
        return new BgcopyProcess(home, Map.copyOf(all));
    }

    /**
     * A child inherits an ignored SIGINT (e.g. from a build started in the background), and the JVM then
     * never sees Ctrl-C. GNU env can restore the default disposition before starting java.
     */
    private static final List<String> DEFAULT_SIGINT = defaultSigint();

    private static List<String> defaultSigint() {
        try {
            Process p = new ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0 ? List.of("env", "--default-signal=INT") : List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    List<String> command(String... args) {
        List<String> command = new ArrayList<>(DEFAULT_SIGINT);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Duser.home=" + home, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    ProcessBuilder builder(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("XDG_DATA_HOME", home.resolve("data").toString());
        env.put("HOME", home.toString());
        env.putAll(this.env);
        return pb;
    }

    /** Runs to the end (at most two minutes). */
    Result run(String... args) throws Exception {
        return run(command(args));
    }

    Result run(List<String> command) throws Exception {
        return start(command, line -> false).finish();
    }

    /** Starts a run; {@link Running#awaitStderr} completes when a line of stderr matches {@code watch}. */
    Running start(List<String> command, Predicate<String> watch) throws IOException {
        Process p = builder(command).start();
        p.getOutputStream().close();
        return new Running(p, watch);
    }

    /** A run in progress. */
    static final class Running {
        final Process process;
        private final CompletableFuture<String> stdout;
        private final List<String> stderr = new CopyOnWriteArrayList<>();
        private final CompletableFuture<String> matched = new CompletableFuture<>();
        private final CompletableFuture<Void> stderrDone;

        Running(Process process, Predicate<String> watch) {
            this.process = process;
            this.stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            this.stderrDone = CompletableFuture.runAsync(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        stderr.add(line);
                        if (watch.test(line)) {
                            matched.complete(line);
                        }
                    }
                } catch (IOException e) {
                    matched.completeExceptionally(e);
                }
                matched.completeExceptionally(new AssertionError("stderr ended without the expected line: " + stderr));
            });
        }

        /** The first stderr line that matched, waiting at most a minute. */
        String awaitStderr() throws Exception {
            return matched.get(60, TimeUnit.SECONDS);
        }

        /** Sends SIGINT, as Ctrl-C does. */
        void interrupt() throws Exception {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
        }

        /**
         * Ends a run the test only needed while it held something (a store): Ctrl-C, then {@link #finish}.
         * {@code Process.destroy()} would close the streams under the reader threads, which then fail at random.
         */
        Result stop() throws Exception {
            interrupt();
            return finish();
        }

        Result finish() throws Exception {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("bgcopy did not finish within 120 s; stderr: " + stderr);
            }
            stderrDone.get(10, TimeUnit.SECONDS);
            return new Result(process.exitValue(), stdout.get(10, TimeUnit.SECONDS), List.copyOf(stderr));
        }

        private static String readAll(InputStream in) {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** The files in {@code dir}, hidden ones included, as names. */
    static List<String> filesIn(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
