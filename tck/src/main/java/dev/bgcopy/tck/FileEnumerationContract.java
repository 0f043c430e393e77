package dev.bgcopy.tck;

import static dev.bgcopy.tck.internal.TckSession.bytes;
import static dev.bgcopy.tck.internal.TckSession.expectOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IEnumBackgroundCopyFiles;
import dev.bgcopy.mockwebserver.Fault;
import dev.bgcopy.tck.internal.TckSession;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.Tag;

/**
 * docs/contract.md §9 "Files and the enumerator" (R82-R94): IEnumBackgroundCopyFiles (§4.4) and
 * IBackgroundCopyFile/File2 (§4.5). R86 (Next with a NULL pceltFetched) is in {@link NativeBoundaryContract}.
 */
public interface FileEnumerationContract extends TckContract {

    /** A job with {@code n} files named {@code e1.bin..en.bin}; returns their URLs in add order. */
    private static List<String> jobWithFiles(TckSession s, IBackgroundCopyJob job, int n) {
        List<String> urls = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            urls.add(s.addFile(job, "e" + i + ".bin", bytes(100 * i, 82)).toString());
        }
        return urls;
    }

    @Example
    @Tag("R82")
    @Label("R82 fileNames_exactlyAsAdded")
    default void fileNames_exactlyAsAdded() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            URI url = s.content().put("/dir/name%20with%20space.bin", bytes(10, 82));
            s.addUrl(job, "local name.bin", url);
            IBackgroundCopyFile file = job.enumFiles().next(1).get(0);
            assertThat(file.getRemoteName()).isEqualTo(url.toString());
            assertThat(file.getLocalName()).isEqualTo(s.local("local name.bin").toString());
        }
    }

    @Example
    @Tag("R83")
    @Tag("R84")
    @Label("R83 nextOne_okNTimesThenFalse")
    default void nextOne_okNTimesThenFalse() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            jobWithFiles(s, job, 3);
            IEnumBackgroundCopyFiles files = job.enumFiles();
            for (int i = 0; i < 3; i++) {
                List<IBackgroundCopyFile> one = files.next(1);
                assertThat(one).as("Next(1) #%d is S_OK with one file", i + 1).hasSize(1);
                assertThat(one.get(0)).isNotNull();
            }
            assertThat(files.next(1)).as("Next(1) past the end is S_FALSE with 0 fetched").isEmpty();
            assertThat(files.next(1)).isEmpty();
        }
    }

    @Example
    @Tag("R85")
    @Label("R85 nextN_onFreshEnumerator_returnsAll")
    default void nextN_onFreshEnumerator_returnsAll() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            jobWithFiles(s, job, 4);
            List<IBackgroundCopyFile> all = job.enumFiles().next(4);
            assertThat(all).hasSize(4).doesNotContainNull();
            assertThat(job.enumFiles().next(9)).as("Next(9) of 4 is S_FALSE with 4").hasSize(4);
            assertThat(job.enumFiles().next(0)).as("Next(0)").isEmpty();
        }
    }

    @Example
    @Tag("R87")
    @Label("R87 skip_okNTimesThenFalse_andPastEndFalse")
    default void skip_okNTimesThenFalse_andPastEndFalse() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            jobWithFiles(s, job, 3);
            IEnumBackgroundCopyFiles files = job.enumFiles();
            for (int i = 0; i < 3; i++) {
                assertThat(files.skip(1)).as("Skip(1) #%d", i + 1).isEqualTo(HResult.S_OK);
            }
            assertThat(files.skip(1)).isEqualTo(HResult.S_FALSE);
            assertThat(job.enumFiles().skip(4)).as("Skip(n+1) on a fresh enumerator").isEqualTo(HResult.S_FALSE);
        }
    }

    @Example
    @Tag("R88")
    @Label("R88 reset_afterSkipAll_skipAllAgainOk")
    default void reset_afterSkipAll_skipAllAgainOk() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            jobWithFiles(s, job, 3);
            IEnumBackgroundCopyFiles files = job.enumFiles();
            assertThat(files.skip(3)).isEqualTo(HResult.S_OK);
            expectOk("Reset", files::reset);
            assertThat(files.skip(3)).isEqualTo(HResult.S_OK);
            files.reset();
            assertThat(files.next(1)).hasSize(1);
        }
    }

    @Example
    @Tag("R89")
    @Label("R89 getCount_independentOfCursor")
    default void getCount_independentOfCursor() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            jobWithFiles(s, job, 3);
            IEnumBackgroundCopyFiles files = job.enumFiles();
            for (int i = 0; i <= 4; i++) {
                assertThat(files.getCount()).as("after %d steps", i).isEqualTo(3);
                files.next(1);
            }
            files.reset();
            assertThat(files.getCount()).isEqualTo(3);
        }
    }

    @Example
    @Tag("R90")
    @Label("R90 files_enumeratedInAddOrder")
    @Requires(strictOnly = true)
    default void files_enumeratedInAddOrder() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            List<String> urls = jobWithFiles(s, job, 5);
            List<String> seen = new ArrayList<>();
            job.enumFiles().next(5).forEach(f -> seen.add(f.getRemoteName()));
            assertThat(seen).containsExactlyElementsOf(urls);
        }
    }

    @Example
    @Tag("R91")
    @Label("R91 clone_withBitsMethods_samePositionAndCount")
    @Requires(Feature.BITS_METHODS)
    default void clone_withBitsMethods_samePositionAndCount() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            List<String> urls = jobWithFiles(s, job, 3);
            IEnumBackgroundCopyFiles files = job.enumFiles();
            files.next(1);
            IEnumBackgroundCopyFiles copy = files.clone();
            assertThat(copy.getCount()).isEqualTo(files.getCount());
            assertThat(copy.next(1).get(0).getRemoteName()).as("same position").isEqualTo(urls.get(1));
            assertThat(files.next(1).get(0).getRemoteName()).as("independent cursor").isEqualTo(urls.get(1));
        }
    }

    @Example
    @Tag("R91")
    @Label("R91 clone_withoutBitsMethods_notImplAndCursorKept")
    @Requires(absent = Feature.BITS_METHODS, strictOnly = true)
    default void clone_withoutBitsMethods_notImplAndCursorKept() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            List<String> urls = jobWithFiles(s, job, 2);
            IEnumBackgroundCopyFiles files = job.enumFiles();
            files.next(1);
            s.expectFailsExactly(HResult.E_NOTIMPL, "Clone", files::clone);
            assertThat(files.next(1).get(0).getRemoteName()).isEqualTo(urls.get(1));
        }
    }

    @Example
    @Tag("R92")
    @Label("R92 getFileRanges_wholeFile_empty")
    default void getFileRanges_wholeFile_empty() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            jobWithFiles(s, job, 1);
            assertThat(job.enumFiles().next(1).get(0).getFileRanges()).isEmpty();
        }
    }

    @Example
    @Tag("R92")
    @Label("R92 getFileRanges_rangedFile_sameRanges")
    @Requires(Feature.ADD_FILE_WITH_RANGES)
    default void getFileRanges_rangedFile_sameRanges() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            String url = s.content().put("/r.bin", bytes(10_000, 92)).toString();
            List<BgFileRange> given = List.of(new BgFileRange(5_000, 1_000), new BgFileRange(100, 400), new BgFileRange(9_000, 1));
            job.addFileWithRanges("r", url, s.local("r.bin").toString(), given, 10_000);
            List<BgFileRange> ranges = job.enumFiles().next(1).get(0).getFileRanges();
            if (s.strict()) {
                assertThat(ranges).containsExactly(new BgFileRange(100, 400), new BgFileRange(5_000, 1_000), new BgFileRange(9_000, 1));
            } else {
                assertThat(ranges).containsExactlyInAnyOrderElementsOf(given);
            }
        }
    }

    @Example
    @Tag("R93")
    @Label("R93 setRemoteName_invalidOrTooLongRejected_validStored")
    default void setRemoteName_invalidOrTooLongRejected_validStored() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            List<String> urls = jobWithFiles(s, job, 1);
            IBackgroundCopyFile file = job.enumFiles().next(1).get(0);
            String base = s.content().url("/").toString();
            String tooLong = base + "x".repeat(2_201 - base.length());
            for (String bad : new String[] {"not a url", "relative/path.bin", "", tooLong}) {
                s.expectFailsExactly(HResult.E_INVALIDARG, "SetRemoteName(" + bad.length() + " chars)", () -> file.setRemoteName(bad));
                assertThat(file.getRemoteName()).isEqualTo(urls.get(0));
            }
            String exactly2200 = base + "y".repeat(2_200 - base.length());
            expectOk("SetRemoteName(2,200 chars)", () -> file.setRemoteName(exactly2200));
            String moved = s.content().put("/moved.bin", bytes(100, 82)).toString();
            expectOk("SetRemoteName(valid)", () -> file.setRemoteName(moved));
            assertThat(file.getRemoteName()).isEqualTo(moved);
            assertThat(job.enumFiles().next(1).get(0).getRemoteName()).isEqualTo(moved);
        }
    }

    /** docs/contract.md §4.3 (SIM for the add calls, the limit of DO:ibackgroundcopyfile2-setremotename): 2,200 characters. */
    @Example
    @Label("addFile_remoteUrlOf2200CharactersAccepted_2201Refused")
    @Requires(strictOnly = true)
    default void addFile_remoteUrlOf2200CharactersAccepted_2201Refused() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            String base = s.content().url("/").toString();
            String exactly2200 = base + "u".repeat(2_200 - base.length());
            String tooLong = exactly2200 + "u";
            s.expectFailsStrictly(HResult.E_INVALIDARG, "add a file with a 2,201-character URL",
                    () -> s.addUrl(job, "long.bin", URI.create(tooLong)));
            assertThat(job.getProgress().filesTotal()).isZero();
            expectOk("add a file with a 2,200-character URL", () -> s.addUrl(job, "long.bin", URI.create(exactly2200)));
            assertThat(job.getProgress().filesTotal()).isEqualTo(1);
        }
    }

    @Example
    @Tag("R93")
    @Label("R93 setRemoteName_newSourceUsedByTheNextResume")
    default void setRemoteName_newSourceUsedByTheNextResume() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            byte[] body = bytes(5_000, 931);
            s.addFile(job, "moving.bin", body);
            s.content().scriptForever("/moving.bin", Fault.HTTP_404);
            job.resume();
            s.driveTo(job, BgJobState.ERROR);
            String moved = s.content().put("/moved-here.bin", body).toString();
            job.enumFiles().next(1).get(0).setRemoteName(moved);
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED);
            assertThat(s.content().requests()).as("the download after Resume asked the new URL")
                    .anyMatch(r -> r.path().equals("/moved-here.bin"));
            expectOk("Complete", job::complete);
            assertThat(TckSession.sha256(s.local("moving.bin"))).isEqualTo(TckSession.sha256(body));
        }
    }

    @Example
    @Tag("R94")
    @Label("R94 setRemoteName_onTransferredFile_keepsBytes")
    default void setRemoteName_onTransferredFile_keepsBytes() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.transferredJob("done.bin");
            IBackgroundCopyFile file = job.enumFiles().next(1).get(0);
            long done = file.getProgress().bytesTransferred();
            String other = s.content().put("/other.bin", bytes(999, 94)).toString();
            job.suspend();
            file.setRemoteName(other);
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED);
            assertThat(job.enumFiles().next(1).get(0).getProgress().bytesTransferred()).isEqualTo(done);
        }
    }
}
