package dev.bgcopy.tck;

import static dev.bgcopy.tck.internal.TckSession.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgNotifyCmdLine;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJob2;
import dev.bgcopy.mockwebserver.Fault;
import dev.bgcopy.tck.internal.NotifyProbe;
import dev.bgcopy.tck.internal.TckSession;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.Tag;

/**
 * docs/contract.md §9 "Notify command line" (R240-R247): the program {@code IBackgroundCopyJob2::SetNotifyCmdLine}
 * names runs when the job reaches TRANSFERRED or ERROR, as the flags ask, with its parameters split by the Windows
 * command-line rules and nothing expanded; a failing one runs again after the job's minimum retry delay; a callback
 * that takes the event keeps it from running. The program is this JVM's {@code java} running the kit's
 * {@link NotifyProbe}, which records its arguments; what "no run" means is checked against a later run that does.
 */
public interface NotifyCommandContract extends TckContract {

    /** The retry delay the re-run rule sets: any value works; two minutes keeps the virtual steps few. */
    long RETRY_SECONDS = 120;

    private static IBackgroundCopyJob2 job2(IBackgroundCopyJob job) {
        return job.queryInterface(IBackgroundCopyJob2.class).orElseThrow(() -> new AssertionError(
                "QueryInterface(IID_IBackgroundCopyJob2) failed on a service that declares HTTP_OPTIONS"));
    }

    private static void setProgram(IBackgroundCopyJob job, NotifyProbe probe, String... arguments) {
        job2(job).setNotifyCmdLine(probe.program(), probe.parameters(arguments));
    }

    /** A job with one served file and the probe as its program, not resumed. */
    private static IBackgroundCopyJob jobWithProgram(TckSession s, NotifyProbe probe, String name, String... arguments) {
        IBackgroundCopyJob job = s.newJob(name);
        setProgram(job, probe, arguments);
        s.addFile(job, name + ".bin", bytes(2000, name.length()));
        return job;
    }

    @Example
    @Tag("R240")
    @Label("R240 transferred_runsTheProgram_argumentsLiteral")
    @Requires(Feature.HTTP_OPTIONS)
    default void transferred_runsTheProgram_argumentsLiteral() {
        try (TckSession s = TckSession.open(fixture())) {
            NotifyProbe probe = new NotifyProbe(s.directory(), "r240");
            List<String> literal = List.of("a;b", "$HOME", "q r", "%TEMP%", "back\\slash", "quo\"te", "", "*");
            IBackgroundCopyJob job = jobWithProgram(s, probe, "transferred", literal.toArray(String[]::new));
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED);
            assertThat(probe.awaitRuns(s, 1)).as("one run, every argument as given").containsExactly(literal);
        }
    }

    @Example
    @Tag("R241")
    @Label("R241 error_runsTheProgram")
    @Requires(Feature.HTTP_OPTIONS)
    default void error_runsTheProgram() {
        try (TckSession s = TckSession.open(fixture())) {
            NotifyProbe probe = new NotifyProbe(s.directory(), "r241");
            IBackgroundCopyJob job = s.newJob("error");
            setProgram(job, probe, "error");
            s.addFile(job, "missing.bin", bytes(100, 241));
            s.content().scriptForever("/missing.bin", Fault.HTTP_404);
            job.resume();
            s.driveTo(job, BgJobState.ERROR);
            assertThat(probe.awaitRuns(s, 1)).containsExactly(List.of("error"));
        }
    }

    @Example
    @Tag("R242")
    @Label("R242 flagsWithoutTheEventOrDisable_noRun")
    @Requires(Feature.HTTP_OPTIONS)
    default void flagsWithoutTheEventOrDisable_noRun() {
        try (TckSession s = TckSession.open(fixture())) {
            NotifyProbe probe = new NotifyProbe(s.directory(), "r242");
            for (int flags : new int[] {0x2, 0x8, 0x4 | 0x1 | 0x2}) {
                IBackgroundCopyJob job = jobWithProgram(s, probe, "flags" + flags, "flags " + flags);
                job.setNotifyFlags(flags);
                job.resume();
                s.driveTo(job, BgJobState.TRANSFERRED);
            }
            IBackgroundCopyJob control = jobWithProgram(s, probe, "control", "control");
            control.setNotifyFlags(0x1);
            control.resume();
            s.driveTo(control, BgJobState.TRANSFERRED);
            assertThat(probe.awaitRuns(s, 1)).as("only the job whose flags ask for TRANSFERRED ran its program")
                    .containsExactly(List.of("control"));
        }
    }

    @Example
    @Tag("R243")
    @Label("R243 setAfterTransferred_stillRuns")
    @Requires(Feature.HTTP_OPTIONS)
    default void setAfterTransferred_stillRuns() {
        try (TckSession s = TckSession.open(fixture())) {
            NotifyProbe probe = new NotifyProbe(s.directory(), "r243");
            IBackgroundCopyJob job = s.transferredJob("late.bin");
            setProgram(job, probe, "late");
            assertThat(probe.awaitRuns(s, 1)).containsExactly(List.of("late"));
        }
    }

    @Example
    @Tag("R244")
    @Label("R244 failingProgram_runsAgainAfterMinimumRetryDelay_untilExitZeroOrComplete")
    @Requires(value = Feature.HTTP_OPTIONS, capabilities = Capability.VIRTUAL_CLOCK)
    default void failingProgram_runsAgainAfterMinimumRetryDelay_untilExitZeroOrComplete() {
        try (TckSession s = TckSession.open(fixture())) {
            NotifyProbe probe = new NotifyProbe(s.directory(), "r244");
            probe.exitWith(3);
            IBackgroundCopyJob job = jobWithProgram(s, probe, "again", "again");
            job.setMinimumRetryDelay(RETRY_SECONDS);
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED);
            assertThat(probe.awaitRuns(s, 1)).hasSize(1);
            s.advance(Duration.ofSeconds(RETRY_SECONDS - 1));
            assertThat(probe.awaitRuns(s, 2)).as("not before the minimum retry delay").hasSize(1);
            s.advance(Duration.ofSeconds(1));
            assertThat(probe.awaitRuns(s, 2)).as("after exit code 3, once the delay has passed").hasSize(2);
            probe.exitWith(0);
            s.advance(Duration.ofSeconds(RETRY_SECONDS));
            assertThat(probe.awaitRuns(s, 3)).hasSize(3);
            s.advance(Duration.ofSeconds(RETRY_SECONDS * 3));
            assertThat(probe.awaitRuns(s, 4)).as("exit code 0 ends the runs").hasSize(3);

            probe.exitWith(1);
            IBackgroundCopyJob completed = jobWithProgram(s, probe, "completed", "completed");
            completed.setMinimumRetryDelay(RETRY_SECONDS);
            completed.resume();
            s.driveTo(completed, BgJobState.TRANSFERRED);
            assertThat(probe.awaitRuns(s, 4)).hasSize(4);
            assertThat(completed.complete().isSuccess()).isTrue();
            s.advance(Duration.ofSeconds(RETRY_SECONDS * 3));
            assertThat(probe.awaitRuns(s, 5)).as("no run once the program's job was completed").hasSize(4);
        }
    }

    @Example
    @Tag("R245")
    @Label("R245 callbackTakesTheEvent_programRunsOnlyWhenItFails")
    @Requires(Feature.HTTP_OPTIONS)
    default void callbackTakesTheEvent_programRunsOnlyWhenItFails() {
        try (TckSession s = TckSession.open(fixture())) {
            TckSession.assume(s.has(Feature.CALLBACKS), fixture().name() + " has no callbacks");
            NotifyProbe probe = new NotifyProbe(s.directory(), "r245");
            IBackgroundCopyJob served = jobWithProgram(s, probe, "served", "served");
            served.setNotifyInterface(new IBackgroundCopyCallback() {
                @Override
                public HResult jobTransferred(IBackgroundCopyJob job) {
                    return HResult.S_OK;
                }
            });
            served.resume();
            s.driveTo(served, BgJobState.TRANSFERRED);
            IBackgroundCopyJob failing = jobWithProgram(s, probe, "failing", "callback failed");
            failing.setNotifyInterface(new IBackgroundCopyCallback() {
                @Override
                public HResult jobTransferred(IBackgroundCopyJob job) {
                    return HResult.E_FAIL;
                }
            });
            failing.resume();
            s.driveTo(failing, BgJobState.TRANSFERRED);
            assertThat(probe.awaitRuns(s, 1)).as("only the job whose callback failed ran its program")
                    .containsExactly(List.of("callback failed"));
        }
    }

    @Example
    @Tag("R246")
    @Label("R246 relativeOrMissingProgram_neverRuns_jobUnchanged")
    @Requires(Feature.HTTP_OPTIONS)
    default void relativeOrMissingProgram_neverRuns_jobUnchanged() {
        try (TckSession s = TckSession.open(fixture())) {
            String relative = java.nio.file.Path.of(new NotifyProbe(s.directory(), "r246").program()).getFileName().toString();
            String missing = s.local("no-such-program").toString();
            int i = 0;
            for (String program : List.of(relative, missing)) {
                NotifyProbe probe = new NotifyProbe(s.directory(), "r246-" + ++i);
                BgNotifyCmdLine commandLine = new BgNotifyCmdLine(program, probe.parameters("unrunnable"));
                IBackgroundCopyJob job = s.newJob("unrunnable");
                job2(job).setNotifyCmdLine(commandLine.program(), commandLine.parameters());
                s.addFile(job, "unrunnable" + i + ".bin", bytes(500, 246));
                job.resume();
                s.driveTo(job, BgJobState.TRANSFERRED);
                s.settle();
                assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
                assertThat(job2(job).getNotifyCmdLine()).isEqualTo(commandLine);
                setProgram(job, probe, "control");
                assertThat(probe.awaitRuns(s, 1)).as("%s did not run (no search path); the full path then did", program)
                        .containsExactly(List.of("control"));
            }
        }
    }

    @Example
    @Tag("R247")
    @Label("R247 takeOwnership_removesTheNotifyCommandLine")
    @Requires(Feature.HTTP_OPTIONS)
    default void takeOwnership_removesTheNotifyCommandLine() {
        try (TckSession s = TckSession.open(fixture())) {
            NotifyProbe probe = new NotifyProbe(s.directory(), "r247");
            IBackgroundCopyJob job = s.newJob();
            setProgram(job, probe, "owner");
            job.takeOwnership();
            assertThat(job2(job).getNotifyCmdLine()).isEqualTo(BgNotifyCmdLine.NONE);
        }
    }
}
