package dev.bgcopy.tck;

import static dev.bgcopy.tck.internal.TckSession.bytes;
import static dev.bgcopy.tck.internal.TckSession.expectOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgNotify;
import dev.bgcopy.api.BitsJobPropertyId;
import dev.bgcopy.api.BitsJobPropertyValue;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback3;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyFile6;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.mockwebserver.RecordedRequest;
import dev.bgcopy.tck.internal.TckSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.Tag;

/**
 * docs/contract.md §9 "IBackgroundCopyFile6 and IBackgroundCopyCallback3" (R219-R223): ranges on demand where the
 * service has them ({@link Feature#ON_DEMAND_RANGES}), and {@code E_NOINTERFACE} in Delivery Optimization.
 */
public interface OnDemandRangesContract extends TckContract {

    private static IBackgroundCopyFile6 file6(IBackgroundCopyJob job) {
        IBackgroundCopyFile file = job.enumFiles().next(1).get(0);
        return file.queryInterface(IBackgroundCopyFile6.class).orElseThrow(() -> new AssertionError(
                "QueryInterface(IID_IBackgroundCopyFile6) failed on a service that declares ON_DEMAND_RANGES"));
    }

    /** A new on-demand job with one http file of {@code body}. */
    private static IBackgroundCopyJob onDemandJob(TckSession s, String name, byte[] body) {
        IBackgroundCopyJob job = s.newJob();
        JobPropertiesContract.job5(job).setProperty(BitsJobPropertyId.ON_DEMAND_MODE, new BitsJobPropertyValue.Enable(true));
        s.addFile(job, name, body);
        return job;
    }

    /** Drives an on-demand job until its requested ranges are here (SUSPENDED with bytes) or it fails. */
    private static BgJobState driveToFilled(TckSession s, IBackgroundCopyJob job) {
        return s.drive(job, st -> st == BgJobState.ERROR || st == BgJobState.TRANSFERRED
                || st == BgJobState.SUSPENDED && job.getProgress().bytesTransferred() > 0, "requested ranges here");
    }

    /** {@code ranges} sorted and merged, as GetFilledFileRanges reports them. */
    private static List<BgFileRange> merged(List<BgFileRange> ranges) {
        List<BgFileRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(BgFileRange::initialOffset));
        List<BgFileRange> out = new ArrayList<>();
        for (BgFileRange r : sorted) {
            BgFileRange last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r.initialOffset() <= last.initialOffset() + last.length()) {
                long end = Math.max(last.initialOffset() + last.length(), r.initialOffset() + r.length());
                out.set(out.size() - 1, new BgFileRange(last.initialOffset(), end - last.initialOffset()));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    @Example
    @Tag("R219")
    @Label("R219 file6_needsAnHttpFileWithoutDynamicContent")
    @Requires(value = Feature.ON_DEMAND_RANGES, strictOnly = true)
    default void file6_needsAnHttpFileWithoutDynamicContent() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob http = s.newJob();
            s.addFile(http, "ok.bin", bytes(3000, 19));
            expectOk("RequestFileRanges on an http file", () -> file6(http).requestFileRanges(List.of(new BgFileRange(0, 100))));

            Path source = s.directory().resolve("local-source.bin");
            try {
                Files.write(source, bytes(3000, 20));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            IBackgroundCopyJob local = s.newJob();
            local.addFile(source.toUri().toString(), s.local("local-copy.bin").toString());
            IBackgroundCopyFile6 file = file6(local);
            s.expectFailsExactly(HResult.BG_E_RANDOM_ACCESS_NOT_SUPPORTED, "RequestFileRanges on a file:// file",
                    () -> file.requestFileRanges(List.of(new BgFileRange(0, 100))));
            s.expectFailsExactly(HResult.BG_E_RANDOM_ACCESS_NOT_SUPPORTED, "GetFilledFileRanges on a file:// file",
                    file::getFilledFileRanges);

            IBackgroundCopyJob dynamic = s.newJob();
            JobPropertiesContract.job5(dynamic).setProperty(BitsJobPropertyId.DYNAMIC_CONTENT, new BitsJobPropertyValue.Enable(true));
            s.addFile(dynamic, "dynamic.bin", bytes(3000, 21));
            s.expectFailsExactly(HResult.BG_E_RANDOM_ACCESS_NOT_SUPPORTED, "UpdateDownloadPosition in a dynamic job",
                    () -> file6(dynamic).updateDownloadPosition(10));
        }
    }

    @Example
    @Tag("R219")
    @Label("R219 file6_absentWithoutTheFeature")
    @Requires(absent = Feature.ON_DEMAND_RANGES)
    default void file6_absentWithoutTheFeature() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            s.addFile(job, "do.bin", bytes(1000, 22));
            assertThat(job.enumFiles().next(1).get(0).queryInterface(IBackgroundCopyFile6.class)).as("IID_IBackgroundCopyFile6 without ON_DEMAND_RANGES")
                    .isEmpty();
        }
    }

    @Example
    @Tag("R220")
    @Label("R220 requestFileRanges_beyondTheSize_invalidRange")
    @Requires(value = Feature.ON_DEMAND_RANGES, strictOnly = true)
    default void requestFileRanges_beyondTheSize_invalidRange() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.transferredJob("sized.bin");
            IBackgroundCopyFile6 file = file6(job);
            long size = job.getProgress().bytesTotal();
            List<BgFileRange> before = file.getFilledFileRanges();
            assertThat(before).containsExactly(new BgFileRange(0, size));
            s.expectFailsExactly(HResult.BG_E_INVALID_RANGE, "RequestFileRanges past the end",
                    () -> file.requestFileRanges(List.of(new BgFileRange(size - 10, 20))));
            s.expectFailsExactly(HResult.BG_E_INVALID_RANGE, "RequestFileRanges of length 0",
                    () -> file.requestFileRanges(List.of(new BgFileRange(0, 0))));
            s.expectFailsExactly(HResult.BG_E_INVALID_RANGE, "UpdateDownloadPosition past the end",
                    () -> file.updateDownloadPosition(size));
            assertThat(file.getFilledFileRanges()).isEqualTo(before);
        }
    }

    @Example
    @Tag("R221")
    @Label("R221 onDemand_onlyTheRequestedRanges_thenTheRest")
    @Requires(value = {Feature.ON_DEMAND_RANGES, Feature.JOB_PROPERTIES}, strictOnly = true)
    default void onDemand_onlyTheRequestedRanges_thenTheRest() {
        try (TckSession s = TckSession.open(fixture())) {
            byte[] body = bytes(20_000, 23);
            IBackgroundCopyJob job = onDemandJob(s, "od.bin", body);
            IBackgroundCopyFile6 file = file6(job);
            file.requestFileRanges(List.of(new BgFileRange(1000, 2000), new BgFileRange(2500, 1000), new BgFileRange(10_000, 500)));
            job.resume();
            assertThat(driveToFilled(s, job)).isEqualTo(BgJobState.SUSPENDED);
            List<BgFileRange> filled = List.of(new BgFileRange(1000, 2500), new BgFileRange(10_000, 500));
            assertThat(file.getFilledFileRanges()).isEqualTo(filled);
            assertThat(job.getProgress().bytesTransferred()).isEqualTo(3000);
            assertThat(s.content().requests()).extracting(r -> r.range().orElse("none"))
                    .containsExactly("bytes=1000-3499", "bytes=10000-10499");

            file.requestFileRanges(List.of(new BgFileRange(0, body.length)));
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED, BgJobState.ERROR);
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            assertThat(file.getFilledFileRanges()).containsExactly(new BgFileRange(0, body.length));
            assertThat(s.content().requests()).as("nothing fetched twice").allSatisfy(r -> assertThat(r.range()).isPresent());
            assertThat(job.complete().isSuccess()).isTrue();
            assertThat(TckSession.sha256(s.local("od.bin"))).isEqualTo(TckSession.sha256(body));
        }
    }

    @Example
    @Tag("R222")
    @Label("R222 updateDownloadPosition_thoseBytesComeFirst")
    @Requires(value = {Feature.ON_DEMAND_RANGES, Feature.JOB_PROPERTIES}, strictOnly = true)
    default void updateDownloadPosition_thoseBytesComeFirst() {
        try (TckSession s = TckSession.open(fixture())) {
            byte[] body = bytes(20_000, 24);
            IBackgroundCopyJob job = onDemandJob(s, "position.bin", body);
            IBackgroundCopyFile6 file = file6(job);
            file.requestFileRanges(List.of(new BgFileRange(0, body.length)));
            file.updateDownloadPosition(12_000);
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED, BgJobState.ERROR);
            List<RecordedRequest> requests = s.content().requests();
            assertThat(requests.get(0).range()).contains("bytes=12000-19999");
            assertThat(requests).extracting(r -> r.range().orElse("none")).contains("bytes=0-11999");
        }
    }

    @Example
    @Tag("R223")
    @Label("R223 fileRangesTransferred_onlyWithItsFlag_coversTheFilledRanges")
    @Requires(value = {Feature.ON_DEMAND_RANGES, Feature.JOB_PROPERTIES, Feature.CALLBACKS}, strictOnly = true)
    default void fileRangesTransferred_onlyWithItsFlag_coversTheFilledRanges() {
        try (TckSession s = TckSession.open(fixture())) {
            List<BgFileRange> flagged = new ArrayList<>();
            List<BgFileRange> unflagged = new ArrayList<>();
            for (boolean withFlag : new boolean[] {true, false}) {
                List<BgFileRange> seen = withFlag ? flagged : unflagged;
                IBackgroundCopyJob job = onDemandJob(s, withFlag ? "cb1.bin" : "cb2.bin", bytes(16_000, 25));
                int flags = BgNotify.JOB_TRANSFERRED.nativeValue() | BgNotify.JOB_ERROR.nativeValue()
                        | (withFlag ? BgNotify.FILE_RANGES_TRANSFERRED.nativeValue() : 0);
                job.setNotifyFlags(flags);
                job.setNotifyInterface(new IBackgroundCopyCallback3() {
                    @Override
                    public HResult fileRangesTransferred(IBackgroundCopyJob j, IBackgroundCopyFile f, List<BgFileRange> ranges) {
                        synchronized (seen) {
                            seen.addAll(ranges);
                        }
                        return HResult.S_OK;
                    }
                });
                file6(job).requestFileRanges(List.of(new BgFileRange(0, 4000), new BgFileRange(8000, 4000)));
                job.resume();
                assertThat(driveToFilled(s, job)).isEqualTo(BgJobState.SUSPENDED);
                s.settle();
                if (withFlag) {
                    synchronized (seen) {
                        assertThat(merged(seen)).isEqualTo(file6(job).getFilledFileRanges());
                    }
                }
            }
            synchronized (unflagged) {
                assertThat(unflagged).as("no FileRangesTransferred without its flag").isEmpty();
            }
            synchronized (flagged) {
                assertThat(flagged).as("FileRangesTransferred with its flag").isNotEmpty();
            }
        }
    }
}
