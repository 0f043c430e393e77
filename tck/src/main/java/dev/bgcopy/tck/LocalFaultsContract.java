package dev.bgcopy.tck;

import static dev.bgcopy.tck.internal.TckSession.bytes;
import static dev.bgcopy.tck.internal.TckSession.expectOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.BgFileInfo;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.mockwebserver.Fault;
import dev.bgcopy.tck.internal.TckSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.Tag;

/**
 * The §4 rows that answer local-file faults, driven by the fault injection of docs/contract.md §5.6
 * ({@link Capability#LOCAL_FAULTS}): a destination directory that refuses writing (E_ACCESSDENIED
 * from the Add* calls, or from the transfer), a rename at Complete that fails (the job stays
 * TRANSFERRED and nothing is half-committed), and temporary files that cannot be deleted
 * (BG_S_UNABLE_TO_DELETE_FILES in BITS).
 */
public interface LocalFaultsContract extends TckContract {

    private static Path directory(TckSession s, String name) {
        try {
            return Files.createDirectories(s.directory().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Example
    @Label("addIntoDeniedDirectory_accessDeniedAndNothingAdded")
    @Requires(capabilities = Capability.LOCAL_FAULTS)
    default void addIntoDeniedDirectory_accessDeniedAndNothingAdded() {
        try (TckSession s = TckSession.open(fixture())) {
            Path locked = directory(s, "locked");
            s.service().denyWrites(locked);
            IBackgroundCopyJob job = s.newJob();
            String url = s.content().put("/denied.bin", bytes(100, 7)).toString();
            String inside = locked.resolve("denied.bin").toString();
            if (s.has(Feature.ADD_FILE_WITH_RANGES)) {
                s.expectFailsStrictly(HResult.E_ACCESSDENIED, "AddFileWithRanges into a denied directory",
                        () -> job.addFileWithRanges("denied", url, inside, List.of(), 100));
            }
            if (s.has(Feature.BITS_METHODS)) {
                s.expectFailsStrictly(HResult.E_ACCESSDENIED, "AddFile into a denied directory", () -> job.addFile(url, inside));
                List<BgFileInfo> set = List.of(new BgFileInfo(url, s.local("allowed.bin").toString()), new BgFileInfo(url, inside));
                s.expectFailsStrictly(HResult.E_ACCESSDENIED, "AddFileSet with one entry in a denied directory",
                        () -> job.addFileSet(set));
            }
            assertThat(job.getProgress().filesTotal()).as("a refused Add* adds nothing, not even the set's good entry").isZero();
            assertThat(s.localFiles()).containsExactly("locked");
        }
    }

    @Example
    @Tag("R45")
    @Label("R45 transferIntoDeniedDirectory_errorAccessDenied")
    @Requires(capabilities = Capability.LOCAL_FAULTS)
    default void transferIntoDeniedDirectory_errorAccessDenied() {
        try (TckSession s = TckSession.open(fixture())) {
            Path later = directory(s, "later");
            IBackgroundCopyJob job = s.newJob();
            String url = s.content().put("/later.bin", bytes(1_000, 8)).toString();
            s.addUrl(job, "later/later.bin", java.net.URI.create(url));
            s.service().denyWrites(later);
            job.resume();
            BgJobState reached = s.drive(job, st -> st == BgJobState.ERROR || st == BgJobState.TRANSIENT_ERROR,
                    "a failure writing into a denied directory");
            IBackgroundCopyError error = job.getError();
            if (s.strict()) {
                assertThat(reached).as("a denied destination does not heal by itself: fatal").isEqualTo(BgJobState.ERROR);
                assertThat(error.getError().code()).isEqualTo(HResult.E_ACCESSDENIED);
                assertThat(error.getError().context()).as("R45 in DO; LOCAL_FILE in BITS")
                        .isEqualTo(s.dialect() == Dialect.DO ? BgErrorContext.NONE : BgErrorContext.LOCAL_FILE);
            }
            assertThat(Files.exists(later.resolve("later.bin"))).isFalse();
        }
    }

    @Example
    @Label("complete_renameFails_jobStaysTransferredThenCompletes")
    @Requires(capabilities = Capability.LOCAL_FAULTS)
    default void complete_renameFails_jobStaysTransferredThenCompletes() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.transferredJob("renamed.bin");
            s.service().failRenames(HResult.E_ACCESSDENIED);
            s.expectFailsStrictly(HResult.E_ACCESSDENIED, "Complete whose rename fails", job::complete);
            assertThat(job.getState()).as("§4 Complete: the job stays TRANSFERRED").isEqualTo(BgJobState.TRANSFERRED);
            IBackgroundCopyFile file = job.enumFiles().next(1).get(0);
            assertThat(file.getProgress().completed()).isFalse();
            assertThat(Files.exists(s.local("renamed.bin"))).as("nothing was renamed into place").isFalse();
            s.service().failRenames(null);
            expectOk("Complete once renames work", job::complete);
            assertThat(job.getState()).isEqualTo(BgJobState.ACKNOWLEDGED);
            assertThat(Files.exists(s.local("renamed.bin"))).isTrue();
        }
    }

    @Example
    @Label("complete_temporaryFilesUndeletable_reportedInBits")
    @Requires(capabilities = Capability.LOCAL_FAULTS, strictOnly = true)
    default void complete_temporaryFilesUndeletable_reportedInBits() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            byte[] good = bytes(4_000, 391);
            s.addFile(job, "kept.bin", good);
            s.addFile(job, "stuck.bin", bytes(40_000, 392));
            s.content().scriptForever("/stuck.bin", Fault.DISCONNECT_MID_BODY);
            job.resume();
            s.drive(job, st -> st == BgJobState.TRANSIENT_ERROR
                    && job.enumFiles().next(1).get(0).getProgress().isFullyTransferred(), "first file done, second broken");
            s.service().failDeletes(true);
            HResult hr = job.complete();
            assertThat(hr).as("§4 Complete with undeletable temporary files")
                    .isEqualTo(s.dialect() == Dialect.BITS ? HResult.BG_S_UNABLE_TO_DELETE_FILES : HResult.S_OK);
            assertThat(job.getState()).isEqualTo(BgJobState.ACKNOWLEDGED);
            assertThat(TckSession.sha256(s.local("kept.bin"))).isEqualTo(TckSession.sha256(good));
            assertThat(s.localFiles()).as("the undeletable temporary data stays beside the finished file")
                    .hasSize(2).contains("kept.bin");
            s.service().failDeletes(false);
        }
    }
}
