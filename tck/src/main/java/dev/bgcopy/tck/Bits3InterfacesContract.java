package dev.bgcopy.tck;

import static dev.bgcopy.tck.internal.TckSession.bytes;
import static dev.bgcopy.tck.internal.TckSession.expectOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgNotify;
import dev.bgcopy.api.BgPeerDownloadStats;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyFile3;
import dev.bgcopy.api.IBackgroundCopyFile4;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJob3;
import dev.bgcopy.api.IBackgroundCopyJob4;
import dev.bgcopy.api.SemanticError;
import dev.bgcopy.mockwebserver.Fault;
import dev.bgcopy.tck.internal.TckSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.Tag;

/**
 * docs/contract.md §9 "IBackgroundCopyJob3, IBackgroundCopyJob4, IBackgroundCopyFile3 and IBackgroundCopyFile4"
 * (R180-R203): remote-name prefixes, ranged files, ACL and peer-caching flags, the owner's token, the maximum download
 * time, the temporary file and its validation, where the service has the four interfaces
 * ({@link Feature#BITS3_INTERFACES}), and that Delivery Optimization has none of them.
 */
public interface Bits3InterfacesContract extends TckContract {

    private static IBackgroundCopyJob4 job4(IBackgroundCopyJob job) {
        return job.queryInterface(IBackgroundCopyJob4.class).orElseThrow(() -> new AssertionError(
                "QueryInterface(IID_IBackgroundCopyJob4) failed on a service that declares BITS3_INTERFACES"));
    }

    private static IBackgroundCopyFile4 file4(IBackgroundCopyFile file) {
        return file.queryInterface(IBackgroundCopyFile4.class).orElseThrow(() -> new AssertionError(
                "QueryInterface(IID_IBackgroundCopyFile4) failed on a service that declares BITS3_INTERFACES"));
    }

    /** The job's {@code index}th file as {@code IBackgroundCopyFile4}. */
    private static IBackgroundCopyFile4 file(IBackgroundCopyJob job, int index) {
        return file4(job.enumFiles().next(index + 1).get(index));
    }

    private static List<String> remoteNames(IBackgroundCopyJob job) {
        return job.enumFiles().next(job.enumFiles().getCount()).stream().map(IBackgroundCopyFile::getRemoteName).toList();
    }

    @Example
    @Tag("R180")
    @Label("R180 queryInterface_job3Job4File3File4")
    @Requires(Feature.BITS3_INTERFACES)
    default void queryInterface_job3Job4File3File4() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            URI url = s.addFile(job, "qi.bin", bytes(1000, 180));
            assertThat(job.queryInterface(IBackgroundCopyJob3.class).map(IBackgroundCopyJob::getId)).contains(job.getId());
            assertThat(job4(job).getId()).isEqualTo(job.getId());
            IBackgroundCopyFile file = job.enumFiles().next(1).get(0);
            assertThat(file.queryInterface(IBackgroundCopyFile3.class).map(IBackgroundCopyFile::getRemoteName))
                    .contains(url.toString());
            assertThat(file4(file).getRemoteName()).isEqualTo(url.toString());
        }
    }

    @Example
    @Tag("R180")
    @Label("R180 queryInterface_job3Job4File3File4_absentInDo")
    @Requires(absent = Feature.BITS3_INTERFACES, dialect = Dialect.DO)
    default void queryInterface_job3Job4File3File4_absentInDo() {
        try (TckSession s = TckSession.open(fixture())) {
            s.assumeStrictUnless(Dialect.BITS, 180);
            IBackgroundCopyJob job = s.newJob();
            s.addFile(job, "qi.bin", bytes(1000, 180));
            IBackgroundCopyFile file = job.enumFiles().next(1).get(0);
            assertThat(job.queryInterface(IBackgroundCopyJob3.class)).as("IID_IBackgroundCopyJob3 in DO").isEmpty();
            assertThat(job.queryInterface(IBackgroundCopyJob4.class)).as("IID_IBackgroundCopyJob4 in DO").isEmpty();
            assertThat(file.queryInterface(IBackgroundCopyFile3.class)).as("IID_IBackgroundCopyFile3 in DO").isEmpty();
            assertThat(file.queryInterface(IBackgroundCopyFile4.class)).as("IID_IBackgroundCopyFile4 in DO").isEmpty();
        }
    }

    @Example
    @Tag("R181")
    @Tag("R182")
    @Label("R181 replaceRemotePrefix_matchingNamesOnly_allOrNothing")
    @Requires(Feature.BITS3_INTERFACES)
    default void replaceRemotePrefix_matchingNamesOnly_allOrNothing() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob4 job = job4(s.newJob());
            URI a = s.addFile(job, "pre-a.bin", bytes(1000, 181));
            URI b = s.addFile(job, "pre-b.bin", bytes(1100, 181));
            URI other = s.addFile(job, "other.bin", bytes(1200, 181));
            String base = a.toString().substring(0, a.toString().lastIndexOf('/') + 1);
            String moved = base.replace("//127.0.0.1", "//localhost");
            long before = job.getTimes().modificationTime().toEpochMilli();
            assertThat(job.replaceRemotePrefix(base + "nothing/", moved)).as("no remote name starts with it").isEqualTo(HResult.S_FALSE);
            assertThat(job.getTimes().modificationTime().toEpochMilli()).as("S_FALSE changes nothing").isEqualTo(before);
            s.expectFailsExactly(HResult.E_INVALIDARG, "ReplaceRemotePrefix(\"\", new)", () -> job.replaceRemotePrefix("", moved));
            s.expectFailsExactly(HResult.E_INVALIDARG, "ReplaceRemotePrefix(old, \"\")", () -> job.replaceRemotePrefix(base, ""));
            s.expectFailsExactly(HResult.E_INVALIDARG, "ReplaceRemotePrefix to over 2,200 characters",
                    () -> job.replaceRemotePrefix(base + "pre-", base + "x".repeat(IBackgroundCopyJob3.MAX_REMOTE_NAME)));
            assertThat(remoteNames(job)).as("a refused replacement renames nothing")
                    .containsExactly(a.toString(), b.toString(), other.toString());
            assertThat(job.replaceRemotePrefix(base + "pre-", moved + "new-")).isEqualTo(HResult.S_OK);
            assertThat(remoteNames(job)).containsExactly(moved + "new-a.bin", moved + "new-b.bin", other.toString());
        }
    }

    @Example
    @Tag("R183")
    @Tag("R185")
    @Tag("R187")
    @Label("R183 job3Setters_onTerminal_invalidState")
    @Requires(Feature.BITS3_INTERFACES)
    default void job3Setters_onTerminal_invalidState() {
        try (TckSession s = TckSession.open(fixture())) {
            for (IBackgroundCopyJob terminal : List.of(s.cancelledJob(), s.acknowledgedJob())) {
                IBackgroundCopyJob4 job = job4(terminal);
                String what = " on " + terminal.getState();
                s.expectFails(SemanticError.INVALID_STATE, "ReplaceRemotePrefix" + what, () -> job.replaceRemotePrefix("http", "https"));
                s.expectFails(SemanticError.INVALID_STATE, "AddFileWithRanges" + what, () -> job.addFileWithRanges(
                        s.content().url("/late.bin").toString(), s.local("late.bin").toString(), List.of(new BgFileRange(0, 10))));
                s.expectFails(SemanticError.INVALID_STATE, "SetFileACLFlags" + what,
                        () -> job.setFileACLFlags(IBackgroundCopyJob3.BG_COPY_FILE_DACL));
                assertThat(job.getFileACLFlags()).isZero();
            }
        }
    }

    @Example
    @Tag("R184")
    @Label("R184 job3AddFileWithRanges_transfersTheRanges")
    @Requires(Feature.BITS3_INTERFACES)
    default void job3AddFileWithRanges_transfersTheRanges() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob4 job = job4(s.newJob());
            URI url = s.content().put("/ranged.bin", bytes(10_000, 184));
            List<BgFileRange> ranges = List.of(new BgFileRange(100, 200), new BgFileRange(5_000, 1_000));
            expectOk("IBackgroundCopyJob3::AddFileWithRanges", () -> job.addFileWithRanges(url.toString(),
                    s.local("ranged.bin").toString(), ranges));
            IBackgroundCopyFile4 file = file(job, 0);
            assertThat(file.getFileRanges()).containsExactlyElementsOf(ranges);
            assertThat(file.getProgress().bytesTotal()).isEqualTo(1_200);
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED);
            assertThat(file.getProgress().bytesTransferred()).isEqualTo(1_200);
        }
    }

    @Example
    @Tag("R185")
    @Label("R185 job3AddFileWithRanges_badInput_documentedCodes_noFile")
    @Requires(Feature.BITS3_INTERFACES)
    default void job3AddFileWithRanges_badInput_documentedCodes_noFile() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob4 job = job4(s.newJob());
            String url = s.content().put("/bad.bin", bytes(1000, 185)).toString();
            String local = s.local("bad.bin").toString();
            s.expectFailsExactly(HResult.E_INVALIDARG, "no range", () -> job.addFileWithRanges(url, local, List.of()));
            s.expectFailsExactly(HResult.E_INVALIDARG, "a relative local name",
                    () -> job.addFileWithRanges(url, "relative/bad.bin", List.of(new BgFileRange(0, 10))));
            s.expectFailsExactly(HResult.BG_E_INVALID_RANGE, "InitialOffset BG_LENGTH_TO_EOF",
                    () -> job.addFileWithRanges(url, local, List.of(new BgFileRange(BgFileRange.BG_LENGTH_TO_EOF, 10))));
            s.expectFailsExactly(HResult.BG_E_OVERLAPPING_RANGES, "overlapping ranges",
                    () -> job.addFileWithRanges(url, local, List.of(new BgFileRange(0, 100), new BgFileRange(50, 100))));
            assertThat(job.getProgress().filesTotal()).as("no file added").isZero();
        }
    }

    @Example
    @Tag("R186")
    @Tag("R187")
    @Label("R186 fileAclFlags_roundTrip_badBitsAndTransferredRefused")
    @Requires(Feature.BITS3_INTERFACES)
    default void fileAclFlags_roundTrip_badBitsAndTransferredRefused() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob4 job = job4(s.newJob());
            assertThat(job.getFileACLFlags()).isZero();
            for (int flags = 0; flags <= IBackgroundCopyJob3.BG_COPY_FILE_ALL; flags++) {
                int f = flags;
                expectOk("SetFileACLFlags(" + f + ")", () -> job.setFileACLFlags(f));
                assertThat(job.getFileACLFlags()).isEqualTo(f);
            }
            s.expectFailsExactly(HResult.E_INVALIDARG, "SetFileACLFlags(0x10)", () -> job.setFileACLFlags(0x10));
            assertThat(job.getFileACLFlags()).isEqualTo(IBackgroundCopyJob3.BG_COPY_FILE_ALL);
            IBackgroundCopyJob4 transferred = job4(s.transferredJob("acl.bin"));
            s.expectFails(SemanticError.INVALID_STATE, "SetFileACLFlags on TRANSFERRED",
                    () -> transferred.setFileACLFlags(IBackgroundCopyJob3.BG_COPY_FILE_OWNER));
            assertThat(transferred.getFileACLFlags()).isZero();
        }
    }

    @Example
    @Tag("R188")
    @Label("R188 fileAclDacl_copiesTheSourceModeAtComplete")
    @Requires(value = Feature.BITS3_INTERFACES, strictOnly = true)
    default void fileAclDacl_copiesTheSourceModeAtComplete() {
        try (TckSession s = TckSession.open(fixture())) {
            Path source = s.local("tool.sh");
            try {
                Files.write(source, bytes(2000, 188));
                TckSession.assume(Files.getFileStore(source).supportsFileAttributeView("posix"), "no POSIX modes here");
                Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rwxr-x---"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            IBackgroundCopyJob4 copied = job4(s.newJob());
            IBackgroundCopyJob4 plain = job4(s.newJob());
            copied.addFile(source.toUri().toString(), s.local("copied.sh").toString());
            plain.addFile(source.toUri().toString(), s.local("plain.sh").toString());
            copied.setFileACLFlags(IBackgroundCopyJob3.BG_COPY_FILE_DACL);
            copied.resume();
            plain.resume();
            s.driveTo(copied, BgJobState.TRANSFERRED);
            s.driveTo(plain, BgJobState.TRANSFERRED);
            assertThat(copied.complete()).isEqualTo(HResult.S_OK);
            assertThat(plain.complete()).isEqualTo(HResult.S_OK);
            try {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(s.local("copied.sh"))))
                        .isEqualTo("rwxr-x---");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(s.local("plain.sh"))))
                        .as("a new file's mode: no execute bit").doesNotContain("x");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Example
    @Tag("R189")
    @Tag("R190")
    @Label("R189 peerCachingFlags_roundTrip_unknownBitRefused")
    @Requires(Feature.BITS3_INTERFACES)
    default void peerCachingFlags_roundTrip_unknownBitRefused() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob4 job = job4(s.newJob());
            assertThat(job.getPeerCachingFlags()).isZero();
            for (int flags = 0; flags <= IBackgroundCopyJob4.PEER_CACHING_FLAGS; flags++) {
                int f = flags;
                expectOk("SetPeerCachingFlags(" + f + ")", () -> job.setPeerCachingFlags(f));
                assertThat(job.getPeerCachingFlags()).isEqualTo(f);
            }
            s.expectFailsStrictly(HResult.E_NOTIMPL, "SetPeerCachingFlags(0x8)", () -> job.setPeerCachingFlags(0x8));
            assertThat(job.getPeerCachingFlags()).isEqualTo(IBackgroundCopyJob4.PEER_CACHING_FLAGS);
        }
    }

    @Example
    @Tag("R191")
    @Label("R191 owner_normalUser_mediumIntegrity_notElevated")
    @Requires(value = Feature.BITS3_INTERFACES, strictOnly = true)
    default void owner_normalUser_mediumIntegrity_notElevated() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob4 job = job4(s.newJob());
            assertThat(job.getOwnerIntegrityLevel()).isEqualTo(IBackgroundCopyJob4.SECURITY_MANDATORY_MEDIUM_RID);
            assertThat(job.getOwnerElevationState()).isFalse();
        }
    }

    @Example
    @Tag("R192")
    @Tag("R193")
    @Label("R192 maximumDownloadTime_defaultAndRoundTrip")
    @Requires(Feature.BITS3_INTERFACES)
    default void maximumDownloadTime_defaultAndRoundTrip() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob4 job = job4(s.newJob());
            assertThat(job.getMaximumDownloadTime()).isEqualTo(IBackgroundCopyJob4.DEFAULT_MAXIMUM_DOWNLOAD_TIME);
            for (long seconds : new long[] {0, 1, IBackgroundCopyJob4.DEFAULT_MAXIMUM_DOWNLOAD_TIME, 0xFFFF_FFFFL}) {
                expectOk("SetMaximumDownloadTime(" + seconds + ")", () -> job.setMaximumDownloadTime(seconds));
                assertThat(job.getMaximumDownloadTime()).isEqualTo(seconds);
            }
            if (s.strict()) {
                IBackgroundCopyJob4 cancelled = job4(s.cancelledJob());
                s.expectFails(SemanticError.INVALID_STATE, "SetMaximumDownloadTime on CANCELLED",
                        () -> cancelled.setMaximumDownloadTime(5));
                s.expectFails(SemanticError.INVALID_STATE, "SetPeerCachingFlags on CANCELLED",
                        () -> cancelled.setPeerCachingFlags(IBackgroundCopyJob4.BG_JOB_ENABLE_PEERCACHING_CLIENT));
                assertThat(cancelled.getMaximumDownloadTime()).isEqualTo(IBackgroundCopyJob4.DEFAULT_MAXIMUM_DOWNLOAD_TIME);
            }
        }
    }

    /**
     * The transfer is held mid-body by the server while the virtual clock passes the limit: a scheduler step runs
     * in the background (it waits for the held transfer), JobModification says bytes arrived, then the clock moves.
     */
    @Example
    @Tag("R194")
    @Tag("R195")
    @Label("R194 maximumDownloadTime_exceeded_errorThenResumeRestartsTheCount")
    @Requires(value = {Feature.BITS3_INTERFACES, Feature.CALLBACKS}, capabilities = Capability.VIRTUAL_CLOCK)
    default void maximumDownloadTime_exceeded_errorThenResumeRestartsTheCount() throws Exception {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob4 job = job4(s.newJob());
            byte[] body = bytes(400_000, 194);
            s.addFile(job, "held.bin", body);
            s.content().script("/held.bin", Fault.STALL_BODY, 1);
            s.content().stallLimit(Duration.ofSeconds(5));
            job.setMaximumDownloadTime(60);
            CountDownLatch transferring = new CountDownLatch(1);
            job.setNotifyFlags(BgNotify.JOB_MODIFICATION.nativeValue());
            job.setNotifyInterface(new IBackgroundCopyCallback() {
                @Override
                public HResult jobModification(IBackgroundCopyJob j) {
                    if (j.getState() == BgJobState.TRANSFERRING && j.getProgress().bytesTransferred() > 0) {
                        transferring.countDown();
                    }
                    return HResult.S_OK;
                }
            });
            job.resume();
            CompletableFuture<Void> step = CompletableFuture.runAsync(s::runUntilIdle);
            assertThat(transferring.await(30, TimeUnit.SECONDS)).as("the held transfer reported bytes").isTrue();
            s.advance(Duration.ofSeconds(61));
            step.get(30, TimeUnit.SECONDS);
            assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
            assertThat(job.getError().getError().code()).isEqualTo(HResult.BG_E_MAXDOWNLOAD_TIMEOUT);

            job.setNotifyInterface(null);
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED);
            expectOk("Complete", job::complete);
            assertThat(TckSession.sha256(s.local("held.bin"))).isEqualTo(TckSession.sha256(body));
        }
    }

    @Example
    @Tag("R196")
    @Tag("R197")
    @Tag("R198")
    @Label("R196 temporaryName_holdsTheContent_validatedThenCompleted")
    @Requires(Feature.BITS3_INTERFACES)
    default void temporaryName_holdsTheContent_validatedThenCompleted() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            byte[] body = bytes(6_000, 196);
            s.addFile(job, "checked.bin", body);
            IBackgroundCopyFile4 file = file(job, 0);
            Path temporary = Path.of(file.getTemporaryName());
            assertThat(temporary).isAbsolute().isNotEqualTo(s.local("checked.bin"));
            assertThat(temporary.getParent()).isEqualTo(s.local("checked.bin").getParent());
            assertThat(file.getValidationState()).isFalse();
            s.expectFailsExactly(HResult.E_PENDING, "SetValidationState before the transfer", () -> file.setValidationState(true));
            assertThat(file.getValidationState()).isFalse();
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED);
            assertThat(TckSession.sha256(temporary)).as("the temporary file holds the content").isEqualTo(TckSession.sha256(body));
            expectOk("SetValidationState(TRUE)", () -> file.setValidationState(true));
            assertThat(file.getValidationState()).isTrue();
            assertThat(job.complete()).isEqualTo(HResult.S_OK);
            assertThat(TckSession.sha256(s.local("checked.bin"))).isEqualTo(TckSession.sha256(body));
        }
    }

    @Example
    @Tag("R199")
    @Label("R199 validationFalse_errorThenResumeDownloadsAgain")
    @Requires(Feature.BITS3_INTERFACES)
    default void validationFalse_errorThenResumeDownloadsAgain() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            byte[] body = bytes(7_000, 199);
            s.addFile(job, "rejected.bin", body);
            IBackgroundCopyFile4 file = file(job, 0);
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED);
            expectOk("SetValidationState(FALSE)", () -> file.setValidationState(false));
            s.driveTo(job, BgJobState.ERROR);
            assertThat(job.getError().getError().code()).isEqualTo(HResult.BG_E_VALIDATION_FAILED);
            assertThat(file.getProgress().bytesTransferred()).as("the file's progress is reset").isZero();
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED);
            assertThat(s.content().requests()).as("downloaded a second time")
                    .filteredOn(r -> r.path().equals("/rejected.bin")).hasSizeGreaterThanOrEqualTo(2);
            expectOk("Complete", job::complete);
            assertThat(TckSession.sha256(s.local("rejected.bin"))).isEqualTo(TckSession.sha256(body));
        }
    }

    @Example
    @Tag("R200")
    @Tag("R201")
    @Tag("R202")
    @Label("R201 noPeers_statsFromOrigin_completeValidates_cancelledRefuses")
    @Requires(value = Feature.BITS3_INTERFACES, strictOnly = true)
    default void noPeers_statsFromOrigin_completeValidates_cancelledRefuses() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            s.addFile(job, "origin.bin", bytes(5_000, 201));
            IBackgroundCopyFile4 file = file(job, 0);
            assertThat(file.getPeerDownloadStats()).isEqualTo(new BgPeerDownloadStats(0, 0));
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED);
            assertThat(file.isDownloadedFromPeer()).isFalse();
            assertThat(file.getPeerDownloadStats()).isEqualTo(new BgPeerDownloadStats(5_000, 0));
            assertThat(job.complete()).isEqualTo(HResult.S_OK);
            assertThat(file.getValidationState()).as("Complete validates implicitly").isTrue();

            IBackgroundCopyJob cancelled = s.cancelledJob();
            s.expectFails(SemanticError.INVALID_STATE, "SetValidationState on CANCELLED",
                    () -> file(cancelled, 0).setValidationState(true));
        }
    }

    @Example
    @Tag("R203")
    @Label("R203 restart_job3Job4File3SettingsSurvive")
    @Requires(value = Feature.BITS3_INTERFACES, strictOnly = true, capabilities = Capability.RESTART)
    default void restart_job3Job4File3SettingsSurvive() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob4 job = job4(s.newJob());
            s.addFile(job, "kept.bin", bytes(3_000, 203));
            job.setFileACLFlags(IBackgroundCopyJob3.BG_COPY_FILE_DACL | IBackgroundCopyJob3.BG_COPY_FILE_SACL);
            job.setPeerCachingFlags(IBackgroundCopyJob4.BG_JOB_DISABLE_BRANCH_CACHE);
            job.setMaximumDownloadTime(4_321);
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED);
            file(job, 0).setValidationState(true);
            UUID id = job.getId();

            s.service().restart();

            IBackgroundCopyJob4 again = job4(s.manager().getJob(id));
            assertThat(again.getFileACLFlags()).isEqualTo(IBackgroundCopyJob3.BG_COPY_FILE_DACL | IBackgroundCopyJob3.BG_COPY_FILE_SACL);
            assertThat(again.getPeerCachingFlags()).isEqualTo(IBackgroundCopyJob4.BG_JOB_DISABLE_BRANCH_CACHE);
            assertThat(again.getMaximumDownloadTime()).isEqualTo(4_321);
            assertThat(file(again, 0).getValidationState()).isTrue();
            assertThat(again.getProgress().bytesTotal()).isNotEqualTo(BgJobProgress.BG_SIZE_UNKNOWN);
        }
    }
}
