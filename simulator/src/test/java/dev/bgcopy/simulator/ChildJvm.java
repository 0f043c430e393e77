package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM on the test class path, for the crash tests that SIGKILL it: it runs {@code main} of a
 * class that prints {@code progress <bytes>} lines and a few lines of its own that the test waits for.
 */
public final class ChildJvm {

    private final Process process;
    private final BufferedReader out;

    private ChildJvm(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@code main} with {@code args}; its stderr goes to the test's. */
    public static ChildJvm start(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** The process. */
    public Process process() {
        return process;
    }

    /** The next line starting with {@code prefix}; any line before it must be a progress line. */
    public String expectLine(String prefix) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
            assertThat(line).as("child output").startsWith("progress ");
        }
        throw new AssertionError("the child ended before printing '" + prefix + "'");
    }

    /** Reads progress lines until one reports exactly {@code bytes}; none may report more. */
    public void awaitProgress(long bytes, String seed) throws IOException {
        while (true) {
            long progress = Long.parseLong(expectLine("progress ").substring("progress ".length()));
            assertThat(progress).as("the child never passes the held offset; %s", seed).isLessThanOrEqualTo(bytes);
            if (progress == bytes) {
                return;
            }
        }
    }

    /** SIGKILL, and wait for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
