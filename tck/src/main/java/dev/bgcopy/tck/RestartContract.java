package dev.bgcopy.tck;

import static dev.bgcopy.tck.internal.TckSession.bytes;
import static dev.bgcopy.tck.internal.TckSession.expectOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgAuthCredentials;
import dev.bgcopy.api.BgAuthScheme;
import dev.bgcopy.api.BgAuthTarget;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.BgNotifyCmdLine;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJob2;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions;
import dev.bgcopy.mockwebserver.Fault;
import dev.bgcopy.tck.internal.RecordingCallback;
import dev.bgcopy.tck.internal.TckSession;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.Tag;

/**
 * Jobs across a restart of the service ({@link Capability#RESTART}): docs/contract.md §4.1 says a job lives in
 * the service until it is cancelled, completed or expired, not as long as the process that made it;
 * §4 SetNotifyInterface says the callback registration is not persisted. A transfer that was cut
 * resumes from what was kept, and every file still ends byte-identical. The BITS wire options come back too, the
 * credentials included, which the simulator's store keeps sealed (R161, docs/contract.md §4.11).
 */
public interface RestartContract extends TckContract {

    @Example
    @Label("restart_jobsSettingsAndErrorsSurvive_callbacksDoNot")
    @Requires(capabilities = {Capability.RESTART, Capability.VIRTUAL_CLOCK})
    default void restart_jobsSettingsAndErrorsSurvive_callbacksDoNot() {
        try (TckSession s = TckSession.open(fixture())) {
            byte[] small = bytes(3_000, 201);
            byte[] large = bytes(200_000, 202);
            IBackgroundCopyJob job = s.newJob("survivor");
            job.setPriority(BgJobPriority.HIGH);
            job.setNotifyFlags(0x9);
            job.setNoProgressTimeout(4_242);
            if (s.has(Feature.CALLBACKS)) {
                job.setNotifyInterface(new RecordingCallback());
            }
            if (s.has(Feature.BITS_METHODS)) {
                job.setDescription("kept across the restart");
                job.setMinimumRetryDelay(77);
            }
            s.addFile(job, "small.bin", small);
            s.addFile(job, "large.bin", large);
            s.content().script("/large.bin", Fault.DISCONNECT_MID_BODY, 1);
            job.resume();
            s.driveTo(job, BgJobState.TRANSIENT_ERROR);
            job.suspend();
            BgJobProgress progress = job.getProgress();
            BgJobTimes times = job.getTimes();
            long errorCount = s.has(Feature.BITS_METHODS) ? job.getErrorCount() : 0;

            IBackgroundCopyJob failed = s.newJob("failed");
            s.addFile(failed, "gone.bin", bytes(100, 203));
            s.content().scriptForever("/gone.bin", Fault.HTTP_404);
            failed.resume();
            s.driveTo(failed, BgJobState.ERROR);
            HResult failure = failed.getError().getError().code();

            IBackgroundCopyJob transferred = s.transferredJob("done.bin");
            IBackgroundCopyJob acknowledged = s.acknowledgedJob();
            List<UUID> ids = List.of(job.getId(), failed.getId(), transferred.getId(), acknowledged.getId());

            s.service().restart();

            IBackgroundCopyJob again = s.manager().getJob(ids.get(0));
            assertThat(again.getState()).as("a suspended job stays suspended").isEqualTo(BgJobState.SUSPENDED);
            assertThat(again.getDisplayName()).isEqualTo("survivor");
            assertThat(again.getPriority()).isEqualTo(BgJobPriority.HIGH);
            assertThat(again.getNotifyFlags()).isEqualTo(0x9);
            assertThat(again.getNoProgressTimeout()).isEqualTo(4_242);
            assertThat(again.getNotifyInterface()).as("§4 SetNotifyInterface: the registration is not persisted").isEmpty();
            assertThat(again.getTimes()).as("times survive").isEqualTo(times);
            if (s.has(Feature.BITS_METHODS)) {
                assertThat(again.getDescription()).isEqualTo("kept across the restart");
                assertThat(again.getMinimumRetryDelay()).isEqualTo(77);
                assertThat(again.getErrorCount()).isEqualTo(errorCount);
            }
            List<IBackgroundCopyFile> files = again.enumFiles().next(3);
            assertThat(files).extracting(IBackgroundCopyFile::getLocalName)
                    .containsExactly(s.local("small.bin").toString(), s.local("large.bin").toString());
            BgJobProgress kept = again.getProgress();
            assertThat(kept.filesTotal()).isEqualTo(2);
            assertThat(kept.bytesTransferred()).as("the finished file is kept; a cut file keeps at most what it had")
                    .isBetween((long) small.length, progress.bytesTransferred());
            assertThat(files.get(0).getProgress().isFullyTransferred()).isTrue();

            IBackgroundCopyJob failedAgain = s.manager().getJob(ids.get(1));
            assertThat(failedAgain.getState()).isEqualTo(BgJobState.ERROR);
            assertThat(failedAgain.getError().getError().code()).as("the error record survives").isEqualTo(failure);
            assertThat(failedAgain.getError().getFile().getLocalName()).isEqualTo(s.local("gone.bin").toString());
            IBackgroundCopyJob transferredAgain = s.manager().getJob(ids.get(2));
            assertThat(transferredAgain.getState()).isEqualTo(BgJobState.TRANSFERRED);
            s.expectFails(dev.bgcopy.api.SemanticError.NOT_FOUND, "GetJob of a job acknowledged before the restart",
                    () -> s.manager().getJob(ids.get(3)));

            expectOk("Resume after the restart", again::resume);
            s.driveTo(again, BgJobState.TRANSFERRED);
            expectOk("Complete", again::complete);
            expectOk("Complete the job transferred before the restart", transferredAgain::complete);
            assertThat(TckSession.sha256(s.local("small.bin"))).isEqualTo(TckSession.sha256(small));
            assertThat(TckSession.sha256(s.local("large.bin"))).isEqualTo(TckSession.sha256(large));
            assertThat(s.local("done.bin")).exists();
        }
    }

    @Example
    @Label("restart_queuedJobCarriesOnByItself")
    @Requires(capabilities = {Capability.RESTART, Capability.VIRTUAL_CLOCK})
    default void restart_queuedJobCarriesOnByItself() {
        try (TckSession s = TckSession.open(fixture())) {
            byte[] body = bytes(50_000, 204);
            IBackgroundCopyJob job = s.newJob("queued");
            s.addFile(job, "q.bin", body);
            s.content().scriptForever("/q.bin", Fault.HTTP_503);
            job.resume();
            s.driveTo(job, BgJobState.TRANSIENT_ERROR);
            UUID id = job.getId();
            s.service().restart();
            IBackgroundCopyJob again = s.manager().getJob(id);
            assertThat(again.getState()).as("a job waiting to retry keeps waiting").isEqualTo(BgJobState.TRANSIENT_ERROR);
            s.content().clearFaults("/q.bin");
            s.driveTo(again, BgJobState.TRANSFERRED);
            expectOk("Complete", again::complete);
            assertThat(TckSession.sha256(s.local("q.bin"))).isEqualTo(TckSession.sha256(body));
        }
    }

    @Example
    @Tag("R161")
    @Label("R161 restart_httpOptionsAndCredentialsSurvive")
    @Requires(value = Feature.HTTP_OPTIONS, strictOnly = true, capabilities = Capability.RESTART)
    default void restart_httpOptionsAndCredentialsSurvive() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            UUID id = job.getId();
            BgNotifyCmdLine line = new BgNotifyCmdLine("/usr/bin/true", "/usr/bin/true restarted");
            IBackgroundCopyJob2 job2 = job.queryInterface(IBackgroundCopyJob2.class).orElseThrow();
            IBackgroundCopyJobHttpOptions http = job.queryInterface(IBackgroundCopyJobHttpOptions.class).orElseThrow();
            job2.setNotifyCmdLine(line.program(), line.parameters());
            job2.setCredentials(BgAuthCredentials.of(BgAuthTarget.PROXY, BgAuthScheme.BASIC, "u", "p".toCharArray()));
            http.setCustomHeaders("X-Kept: yes\r\n");
            http.setSecurityFlags(0x0A04);

            s.service().restart();

            IBackgroundCopyJob again = s.manager().getJob(id);
            IBackgroundCopyJob2 again2 = again.queryInterface(IBackgroundCopyJob2.class).orElseThrow();
            IBackgroundCopyJobHttpOptions againHttp = again.queryInterface(IBackgroundCopyJobHttpOptions.class).orElseThrow();
            assertThat(again2.getNotifyCmdLine()).isEqualTo(line);
            assertThat(againHttp.getCustomHeaders()).contains("X-Kept: yes\r\n");
            assertThat(againHttp.getSecurityFlags()).isEqualTo(0x0A04);
            assertThat(again2.removeCredentials(BgAuthTarget.PROXY, BgAuthScheme.BASIC)).as("the credentials came back")
                    .isEqualTo(HResult.S_OK);
            assertThat(again2.removeCredentials(BgAuthTarget.PROXY, BgAuthScheme.BASIC)).isEqualTo(HResult.S_FALSE);
        }
    }
}
