package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgNotify;
import dev.bgcopy.api.BgNotifyCmdLine;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJob2;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notify command line run as a real child process (docs/contract.md §4.11 "Notify command line (SIM)"): the
 * program is this JVM's own {@code java} starting {@link NotifyProbe}, which records its argv; re-runs are seen by
 * advancing the virtual clock, and {@code runUntilIdle} returns only once the programs it started have ended.
 */
@Timeout(120)
class NotifyCommandLineTest {

    private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();
    private static final long RETRY_SECONDS = 120;

    @TempDir
    Path dir;
    private SimFixture sim;
    private Path record;
    private Path exitCode;

    @BeforeEach
    void open() {
        sim = new SimFixture(dir, Dialect.BITS);
        record = dir.resolve("record.txt");
        exitCode = dir.resolve("exit-code.txt");
    }

    @AfterEach
    void close() {
        sim.close();
    }

    /** {@code java -cp <test classes> NotifyProbe record exitCode <arguments>}, the program named first. */
    private BgNotifyCmdLine probe(String arguments) {
        String classes;
        try {
            classes = Path.of(NotifyProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return new BgNotifyCmdLine(JAVA, "\"" + JAVA + "\" -Xshare:auto -XX:TieredStopAtLevel=1 -Xmx32m -cp \"" + classes
                + "\" " + NotifyProbe.class.getName() + " \"" + record + "\" \"" + exitCode + "\" " + arguments);
    }

    private static IBackgroundCopyJob2 job2(IBackgroundCopyJob job) {
        return job.queryInterface(IBackgroundCopyJob2.class).orElseThrow();
    }

    /** The argv of every run so far, in order. */
    private List<List<String>> runs() throws IOException {
        List<List<String>> runs = new ArrayList<>();
        if (Files.exists(record)) {
            for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
                runs.add(line.isEmpty() ? List.of() : Arrays.asList(line.split(NotifyProbe.SEPARATOR, -1)));
            }
        }
        return runs;
    }

    /** A job whose one file transfers, with {@code commandLine} set before it is resumed. */
    private IBackgroundCopyJob transferring(BgNotifyCmdLine commandLine) {
        IBackgroundCopyJob job = sim.newJob();
        job2(job).setNotifyCmdLine(commandLine.program(), commandLine.parameters());
        job.setMinimumRetryDelay(RETRY_SECONDS);
        sim.addFile(job, sim.serve(1000));
        return job;
    }

    private void advance(long seconds) {
        sim.clock.advance(Duration.ofSeconds(seconds));
        sim.manager.runUntilIdle();
    }

    @Test
    void transferred_runsTheProgramOnce_argumentsLiteral() throws IOException {
        IBackgroundCopyJob job = transferring(probe("a;b $HOME \"q r\" %PATH% back\\slash \"quo\\\"te\" ''"));
        job.resume();
        sim.manager.runUntilIdle();
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
        assertThat(runs()).containsExactly(List.of("a;b", "$HOME", "q r", "%PATH%", "back\\slash", "quo\"te", "''"));
        advance(RETRY_SECONDS * 3);
        assertThat(runs()).as("exit code 0 ends it").hasSize(1);
    }

    @Test
    void error_runsTheProgram_unlessTheFlagsSayOtherwise() throws IOException {
        IBackgroundCopyJob job = sim.newJob();
        job2(job).setNotifyCmdLine(probe("failed").program(), probe("failed").parameters());
        sim.addFile(job, sim.serve(1000).failNext(1, 404));
        job.resume();
        sim.manager.runUntilIdle();
        assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
        assertThat(runs()).containsExactly(List.of("failed"));

        for (int flags : new int[] {BgNotify.JOB_ERROR.nativeValue(),
                BgNotify.DISABLE.nativeValue() | BgNotify.JOB_TRANSFERRED.nativeValue() | BgNotify.JOB_ERROR.nativeValue()}) {
            IBackgroundCopyJob quiet = transferring(probe("flags-" + flags));
            quiet.setNotifyFlags(flags);
            quiet.resume();
            sim.manager.runUntilIdle();
            assertThat(quiet.getState()).isEqualTo(BgJobState.TRANSFERRED);
        }
        assertThat(runs()).as("no run for TRANSFERRED without its flag, nor with DISABLE").hasSize(1);
    }

    @Test
    void setAfterTheEvent_stillRuns() throws IOException {
        IBackgroundCopyJob job = transferring(BgNotifyCmdLine.NONE);
        job.resume();
        sim.manager.runUntilIdle();
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
        BgNotifyCmdLine late = probe("late");
        job2(job).setNotifyCmdLine(late.program(), late.parameters());
        sim.manager.runUntilIdle();
        assertThat(runs()).containsExactly(List.of("late"));
    }

    @Test
    void failingProgram_runsAgainAfterTheMinimumRetryDelay_untilItSucceeds() throws IOException {
        Files.writeString(exitCode, "3");
        IBackgroundCopyJob job = transferring(probe("again"));
        job.resume();
        sim.manager.runUntilIdle();
        assertThat(runs()).hasSize(1);
        advance(RETRY_SECONDS - 1);
        assertThat(runs()).as("not before the job's minimum retry delay").hasSize(1);
        advance(1);
        assertThat(runs()).as("after it").hasSize(2);
        Files.delete(exitCode);
        advance(RETRY_SECONDS);
        assertThat(runs()).hasSize(3);
        advance(RETRY_SECONDS * 3);
        assertThat(runs()).as("exit code 0 ends the re-runs").hasSize(3);
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
    }

    @Test
    void failingProgram_stopsOnceTheJobIsCompleted() throws IOException {
        Files.writeString(exitCode, "1");
        IBackgroundCopyJob job = transferring(probe("until-complete"));
        job.resume();
        sim.manager.runUntilIdle();
        advance(RETRY_SECONDS);
        assertThat(runs()).hasSize(2);
        job.complete();
        advance(RETRY_SECONDS * 3);
        assertThat(runs()).as("no run once the job left TRANSFERRED").hasSize(2);
    }

    @Test
    void programThatCannotStart_leavesTheJobAlone() throws IOException {
        BgNotifyCmdLine relative = new BgNotifyCmdLine("java", probe("relative").parameters());
        BgNotifyCmdLine missing = new BgNotifyCmdLine(dir.resolve("no-such-program").toString(), "no-such-program x");
        for (BgNotifyCmdLine commandLine : List.of(relative, missing)) {
            IBackgroundCopyJob job = transferring(commandLine);
            job.resume();
            sim.manager.runUntilIdle();
            advance(RETRY_SECONDS);
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            assertThat(job2(job).getNotifyCmdLine()).isEqualTo(commandLine);
        }
        assertThat(runs()).as("a relative program is not looked up in PATH").isEmpty();
    }

    /** A callback with a fixed answer to JobTransferred and JobError. */
    private record Answering(HResult answer) implements IBackgroundCopyCallback {
        @Override
        public HResult jobTransferred(IBackgroundCopyJob job) {
            return answer;
        }

        @Override
        public HResult jobError(IBackgroundCopyJob job, IBackgroundCopyError error) {
            return answer;
        }
    }

    @Test
    void withACallback_theProgramRunsOnlyWhenTheCallbackFails() throws IOException {
        IBackgroundCopyJob served = transferring(probe("served"));
        served.setNotifyInterface(new Answering(HResult.S_OK));
        served.resume();
        sim.manager.runUntilIdle();
        assertThat(served.getState()).isEqualTo(BgJobState.TRANSFERRED);
        assertThat(runs()).as("the callback took the event").isEmpty();

        IBackgroundCopyJob failing = transferring(probe("callback-failed"));
        failing.setNotifyInterface(new Answering(HResult.E_FAIL));
        failing.resume();
        sim.manager.runUntilIdle();
        assertThat(runs()).containsExactly(List.of("callback-failed"));
    }
}
