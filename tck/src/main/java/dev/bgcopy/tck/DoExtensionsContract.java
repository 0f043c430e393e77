package dev.bgcopy.tck;

import static dev.bgcopy.tck.internal.TckSession.bytes;
import static dev.bgcopy.tck.internal.TckSession.expectOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.BgFileInfo;
import dev.bgcopy.api.BgProxySettings;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.DoFilePropertyId;
import dev.bgcopy.api.DoJobPropertyId;
import dev.bgcopy.api.DoSwarmStats;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IDeliveryOptimizationFile;
import dev.bgcopy.api.IDeliveryOptimizationFile2;
import dev.bgcopy.api.IDeliveryOptimizationJob2;
import dev.bgcopy.api.SemanticError;
import dev.bgcopy.mockwebserver.Fault;
import dev.bgcopy.tck.internal.TckSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.Tag;

/**
 * docs/contract.md §9 "DO extensions" (R95-R108): AddFileWithRanges (§4.3), IDeliveryOptimizationJob2 and
 * File/File2 (§4.3, §4.8), and the BITS-only slots on both sides of {@link Feature#BITS_METHODS} (§4.9, R108).
 */
public interface DoExtensionsContract extends TckContract {

    /** A file of 10,000 bytes served at {@code /x.bin}. */
    private static String served(TckSession s) {
        return s.content().put("/x.bin", bytes(10_000, 95)).toString();
    }

    /** Everything a failed addition must leave alone (R100). */
    private static Object additionState(TckSession s, IBackgroundCopyJob job) {
        List<Object> state = new ArrayList<>();
        state.add(job.getProgress());
        job.enumFiles().next(job.getProgress().filesTotal()).forEach(f -> state.add(f.getRemoteName() + " -> " + f.getLocalName()));
        if (s.strict()) {
            state.add(job.getTimes());
        }
        return state;
    }

    private static void advance(TckSession s) {
        if (s.hasVirtualClock()) {
            s.advance(Duration.ofSeconds(2));
        }
    }

    @Example
    @Tag("R95")
    @Tag("R100")
    @Label("R95 addFileWithRanges_nullOrEmptyLocalName_invalidArgNoFile")
    @Requires(Feature.ADD_FILE_WITH_RANGES)
    default void addFileWithRanges_nullOrEmptyLocalName_invalidArgNoFile() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            String url = served(s);
            Object before = additionState(s, job);
            advance(s);
            for (String local : new String[] {null, ""}) {
                s.expectFailsExactly(HResult.E_INVALIDARG, "AddFileWithRanges(localName=" + local + ")",
                        () -> job.addFileWithRanges("id", url, local, List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE));
            }
            assertThat(additionState(s, job)).isEqualTo(before);
        }
    }

    @Example
    @Tag("R100")
    @Label("R100 addFileWithRanges_badIdOrUrl_invalidArgNoFile")
    @Requires(value = Feature.ADD_FILE_WITH_RANGES)
    default void addFileWithRanges_badIdOrUrl_invalidArgNoFile() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            String url = served(s);
            job.addFileWithRanges("taken", url, s.local("a.bin").toString(), List.of(), 10_000);
            Object before = additionState(s, job);
            advance(s);
            String base = s.content().url("/").toString();
            String[][] bad = {
                {null, url}, {"", url}, {"taken", url}, {"id", null}, {"id", ""}, {"id", "relative/x.bin"},
                {"id", "not a url"}, {"id", "ftp://127.0.0.1/x.bin"}, {"id", base + "u".repeat(2_201 - base.length())}};
            for (String[] args : bad) {
                s.expectFailsStrictly(HResult.E_INVALIDARG, "AddFileWithRanges(fileId=" + args[0] + ", url of "
                        + (args[1] == null ? "null" : args[1].length() + " chars") + ")",
                        () -> job.addFileWithRanges(args[0], args[1], s.local("b.bin").toString(), List.of(), 10_000));
            }
            assertThat(additionState(s, job)).isEqualTo(before);
            String longest = base + "u".repeat(2_200 - base.length());
            expectOk("a 2,200-character URL", () -> job.addFileWithRanges("long", longest, s.local("c.bin").toString(), List.of(), 10));
        }
    }

    @Example
    @Tag("R100")
    @Label("R100 bitsAddFile_badNames_invalidArgNoFile")
    @Requires(Feature.BITS_METHODS)
    default void bitsAddFile_badNames_invalidArgNoFile() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            String url = served(s);
            Object before = additionState(s, job);
            advance(s);
            String base = s.content().url("/").toString();
            String[][] bad = {
                {url, "relative/local.bin"}, {url, null}, {url, ""}, {null, s.local("a.bin").toString()},
                {"not a url", s.local("a.bin").toString()}, {"ftp://127.0.0.1/x.bin", s.local("a.bin").toString()},
                {base + "u".repeat(2_201 - base.length()), s.local("a.bin").toString()}};
            for (String[] args : bad) {
                s.expectFailsStrictly(HResult.E_INVALIDARG, "AddFile(" + (args[0] == null ? null : args[0].length() + "-char url")
                        + ", " + args[1] + ")", () -> job.addFile(args[0], args[1]));
            }
            assertThat(additionState(s, job)).isEqualTo(before);
            if (s.strict()) {
                String longest = base + "u".repeat(2_200 - base.length());
                expectOk("AddFile with a 2,200-character URL", () -> job.addFile(longest, s.local("b.bin").toString()));
            }
        }
    }

    @Example
    @Tag("R96")
    @Label("R96 addFileWithRanges_offsetIsLengthToEof_invalidRange")
    @Requires(Feature.ADD_FILE_WITH_RANGES)
    default void addFileWithRanges_offsetIsLengthToEof_invalidRange() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            String url = served(s);
            s.expectFails(SemanticError.INVALID_RANGE, "range at BG_LENGTH_TO_EOF", () -> job.addFileWithRanges("id", url,
                    s.local("x.bin").toString(), List.of(new BgFileRange(BgFileRange.BG_LENGTH_TO_EOF, 10)), 10_000));
            assertThat(job.getProgress().filesTotal()).isZero();
        }
    }

    @Example
    @Tag("R97")
    @Tag("R100")
    @Label("R97 addFileWithRanges_overlapsOrSameOffset_overlappingRangesNoFile")
    @Requires(Feature.ADD_FILE_WITH_RANGES)
    default void addFileWithRanges_overlapsOrSameOffset_overlappingRangesNoFile() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            String url = served(s);
            Object before = additionState(s, job);
            advance(s);
            List<List<BgFileRange>> overlapping = List.of(
                    List.of(new BgFileRange(100, 5), new BgFileRange(100, 1)),
                    List.of(new BgFileRange(100, 1), new BgFileRange(100, 5)),
                    List.of(new BgFileRange(0, 100), new BgFileRange(50, 100)),
                    List.of(new BgFileRange(500, 100), new BgFileRange(0, 501)),
                    List.of(new BgFileRange(0, BgFileRange.BG_LENGTH_TO_EOF), new BgFileRange(5_000, 10)),
                    List.of(new BgFileRange(10, 10), new BgFileRange(10, 10)),
                    List.of(new BgFileRange(120, 10), new BgFileRange(100, 50)));
            for (List<BgFileRange> ranges : overlapping) {
                s.expectFails(SemanticError.OVERLAPPING_RANGES, "AddFileWithRanges" + ranges,
                        () -> job.addFileWithRanges("id", url, s.local("x.bin").toString(), ranges, 10_000));
            }
            assertThat(additionState(s, job)).isEqualTo(before);
        }
    }

    @Example
    @Tag("R98")
    @Label("R98 addFileWithRanges_disjointDescending_ok")
    @Requires(value = Feature.ADD_FILE_WITH_RANGES, strictOnly = true)
    default void addFileWithRanges_disjointDescending_ok() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            String url = served(s);
            expectOk("disjoint ranges in descending order", () -> job.addFileWithRanges("id", url, s.local("x.bin").toString(),
                    List.of(new BgFileRange(9_000, 10), new BgFileRange(5_000, 100), new BgFileRange(0, 1)), 10_000));
            assertThat(job.getProgress().filesTotal()).isEqualTo(1);
        }
    }

    @Example
    @Tag("R99")
    @Label("R99 addFileWithRanges_zeroLength_invalidRange")
    @Requires(value = Feature.ADD_FILE_WITH_RANGES, strictOnly = true)
    default void addFileWithRanges_zeroLength_invalidRange() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            String url = served(s);
            s.expectFails(SemanticError.INVALID_RANGE, "zero-length range", () -> job.addFileWithRanges("id", url,
                    s.local("x.bin").toString(), List.of(new BgFileRange(10, 0)), 10_000));
            s.expectFails(SemanticError.INVALID_RANGE, "range beyond the known file size", () -> job.addFileWithRanges("id", url,
                    s.local("x.bin").toString(), List.of(new BgFileRange(9_990, 11)), 10_000));
            s.expectFails(SemanticError.INVALID_RANGE, "range whose end overflows 2^64", () -> job.addFileWithRanges("id", url,
                    s.local("x.bin").toString(), List.of(new BgFileRange(-16, 16)), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE));
            s.expectFails(SemanticError.INVALID_RANGE, "EOF range starting at the known size", () -> job.addFileWithRanges("id", url,
                    s.local("x.bin").toString(), List.of(new BgFileRange(10_000, BgFileRange.BG_LENGTH_TO_EOF)), 10_000));
            assertThat(job.getProgress().filesTotal()).isZero();
            expectOk("a range ending exactly at the known size", () -> job.addFileWithRanges("edge", url,
                    s.local("edge.bin").toString(), List.of(new BgFileRange(9_990, 10)), 10_000));
            expectOk("adjacent ranges", () -> job.addFileWithRanges("adjacent", url,
                    s.local("adjacent.bin").toString(), List.of(new BgFileRange(0, 10), new BgFileRange(10, 10)), 10_000));
            expectOk("a range ending at 2^64 - 1", () -> job.addFileWithRanges("far", url,
                    s.local("far.bin").toString(), List.of(new BgFileRange(-16, 15)), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE));
            assertThat(job.getProgress().filesTotal()).isEqualTo(3);
        }
    }

    @Example
    @Tag("R100")
    @Label("R100 withoutRangesFeature_addFileWithRanges_noInterfaceAndNoFile")
    @Requires(absent = Feature.ADD_FILE_WITH_RANGES)
    default void withoutRangesFeature_addFileWithRanges_noInterfaceAndNoFile() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            String url = served(s);
            Object before = additionState(s, job);
            advance(s);
            s.expectFailsStrictly(HResult.E_NOINTERFACE, "AddFileWithRanges without IDeliveryOptimizationJob", () ->
                    job.addFileWithRanges("id", url, s.local("x.bin").toString(), List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE));
            assertThat(additionState(s, job)).isEqualTo(before);
        }
    }

    @Example
    @Tag("R101")
    @Label("R101 addFile_toTransferredJob_leavesTransferred")
    @Requires(strictOnly = true)
    default void addFile_toTransferredJob_leavesTransferred() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.transferredJob("first.bin");
            s.content().scriptForever("/second.bin", Fault.HTTP_503);
            s.addFile(job, "second.bin", bytes(1_000, 101));
            assertThat(job.getState()).as("XFD -> QUE on addition (§5.2 note 3), or a state A1 reaches from it")
                    .isIn(JobStateMachineContract.queuedOrStarted(s));
            assertThat(job.getProgress().filesTransferred()).isNotEqualTo(job.getProgress().filesTotal());
        }
    }

    @Example
    @Tag("R102")
    @Label("R102 job2AddFile_returnsFileAndCountsIt")
    @Requires(Feature.DO_EXTENSIONS)
    default void job2AddFile_returnsFileAndCountsIt() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            IDeliveryOptimizationJob2 job2 = job.queryInterface(IDeliveryOptimizationJob2.class).orElseThrow();
            IDeliveryOptimizationFile file = job2.addFile("f2", served(s), List.of());
            assertThat(file).isNotNull();
            assertThat(job.getProgress().filesTotal()).isEqualTo(1);
            assertThat(job.enumFiles().getCount()).isEqualTo(1);
            job.cancel();
            s.expectFails(SemanticError.INVALID_STATE, "Job2.AddFile on a CANCELLED job",
                    () -> job2.addFile("late", served(s), List.of()));
            assertThat(job.getProgress().filesTotal()).as("nothing added to a cancelled job").isEqualTo(1);
        }
    }

    @Example
    @Tag("R103")
    @Label("R103 job2GetProperty_extendedErrorInfoIsString_othersUnknown")
    @Requires(value = Feature.DO_EXTENSIONS, dialect = Dialect.DO)
    default void job2GetProperty_extendedErrorInfoIsString_othersUnknown() {
        try (TckSession s = TckSession.open(fixture())) {
            IDeliveryOptimizationJob2 job2 = s.newJob().queryInterface(IDeliveryOptimizationJob2.class).orElseThrow();
            assertThat(job2.getProperty(DoJobPropertyId.EXTENDED_ERROR_INFO.nativeValue())).isInstanceOf(String.class);
            for (int id : new int[] {1, 2, 99, -1}) {
                s.expectFailsExactly(HResult.DO_E_UNKNOWN_PROPERTY_ID, "GetProperty(" + id + ")", () -> job2.getProperty(id));
            }
        }
    }

    @Example
    @Tag("R104")
    @Label("R104 job2SetProperty_alwaysFails")
    @Requires(value = Feature.DO_EXTENSIONS, dialect = Dialect.DO)
    default void job2SetProperty_alwaysFails() {
        try (TckSession s = TckSession.open(fixture())) {
            IDeliveryOptimizationJob2 job2 = s.newJob().queryInterface(IDeliveryOptimizationJob2.class).orElseThrow();
            s.expectFailsExactly(HResult.DO_E_READ_ONLY_PROPERTY, "SetProperty(ExtendedErrorInfo)",
                    () -> job2.setProperty(DoJobPropertyId.EXTENDED_ERROR_INFO.nativeValue(), "x"));
            s.expectFailsExactly(HResult.DO_E_UNKNOWN_PROPERTY_ID, "SetProperty(7)", () -> job2.setProperty(7, "x"));
        }
    }

    private static IDeliveryOptimizationFile2 file2(TckSession s, IBackgroundCopyJob job) {
        IBackgroundCopyFile file = job.enumFiles().next(1).get(0);
        return file.queryInterface(IDeliveryOptimizationFile2.class).orElseThrow();
    }

    @Example
    @Tag("R105")
    @Label("R105 file2GetProperty_writeOnlyIds_refusedEvenAfterSet")
    @Requires(value = {Feature.DO_EXTENSIONS, Feature.ADD_FILE_WITH_RANGES}, dialect = Dialect.DO)
    default void file2GetProperty_writeOnlyIds_refusedEvenAfterSet() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            s.addFile(job, "w.bin", bytes(100, 105));
            IDeliveryOptimizationFile2 file = file2(s, job);
            for (DoFilePropertyId id : new DoFilePropertyId[] {DoFilePropertyId.DECRYPTION_INFO, DoFilePropertyId.INTEGRITY_CHECK_INFO}) {
                s.expectFailsExactly(HResult.DO_E_WRITE_ONLY_PROPERTY, "GetProperty(" + id + ") before set", () -> file.getProperty(id));
                TckSession.hr(() -> file.setProperty(id, "{}"));
                s.expectFailsExactly(HResult.DO_E_WRITE_ONLY_PROPERTY, "GetProperty(" + id + ") after set", () -> file.getProperty(id));
            }
        }
    }

    @Example
    @Tag("R106")
    @Label("R106 file2IntegrityCheckMandatory_notSetThenRoundTrips")
    @Requires(value = {Feature.DO_EXTENSIONS, Feature.ADD_FILE_WITH_RANGES}, dialect = Dialect.DO)
    default void file2IntegrityCheckMandatory_notSetThenRoundTrips() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            s.addFile(job, "i.bin", bytes(100, 106));
            IDeliveryOptimizationFile2 file = file2(s, job);
            s.expectFailsExactly(HResult.E_NOT_SET, "GetProperty(IntegrityCheckMandatory) before set",
                    () -> file.getProperty(DoFilePropertyId.INTEGRITY_CHECK_MANDATORY));
            for (boolean b : new boolean[] {true, false}) {
                expectOk("SetProperty(IntegrityCheckMandatory, " + b + ")",
                        () -> file.setProperty(DoFilePropertyId.INTEGRITY_CHECK_MANDATORY, b));
                assertThat(file.getProperty(DoFilePropertyId.INTEGRITY_CHECK_MANDATORY)).isEqualTo(b);
            }
        }
    }

    /**
     * docs/contract.md §4 IDeliveryOptimizationFile2::SetProperty (SIM): once the file has started transferring,
     * its sink, decryption and integrity properties are fixed (DO_E_INVALID_STATE) while TotalSizeBytes
     * may still be set; a property set refreshes ModificationTime like any Set* call (R69).
     */
    @Example
    @Tag("R69")
    @Label("R69 file2SetProperty_fixedOnceStarted_refreshesModificationTime")
    @Requires(value = {Feature.DO_EXTENSIONS, Feature.ADD_FILE_WITH_RANGES}, dialect = Dialect.DO, strictOnly = true,
            capabilities = Capability.VIRTUAL_CLOCK)
    default void file2SetProperty_fixedOnceStarted_refreshesModificationTime() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob fresh = s.newJob();
            s.addFile(fresh, "p.bin", bytes(100, 69));
            IDeliveryOptimizationFile2 unstarted = file2(s, fresh);
            s.advance(java.time.Duration.ofSeconds(5));
            expectOk("SetProperty(IntegrityCheckMandatory) before the transfer",
                    () -> unstarted.setProperty(DoFilePropertyId.INTEGRITY_CHECK_MANDATORY, true));
            assertThat(fresh.getTimes().modificationTime()).as("R69 after File2::SetProperty").isEqualTo(s.now());

            IBackgroundCopyJob done = s.transferredJob("started.bin");
            IDeliveryOptimizationFile2 started = file2(s, done);
            s.expectFailsExactly(HResult.DO_E_INVALID_STATE, "SetProperty(IntegrityCheckMandatory) once started",
                    () -> started.setProperty(DoFilePropertyId.INTEGRITY_CHECK_MANDATORY, true));
            s.expectFailsExactly(HResult.DO_E_INVALID_STATE, "SetProperty(DownloadSinkFilePath) once started",
                    () -> started.setProperty(DoFilePropertyId.DOWNLOAD_SINK_FILE_PATH, s.local("elsewhere.bin").toString()));
            expectOk("SetProperty(TotalSizeBytes) once started",
                    () -> started.setProperty(DoFilePropertyId.TOTAL_SIZE_BYTES, 4_000L));
        }
    }

    @Example
    @Tag("R107")
    @Label("R107 getStats_reportsFileIdAndSourceUrl")
    @Requires(value = {Feature.DO_EXTENSIONS, Feature.ADD_FILE_WITH_RANGES}, dialect = Dialect.DO)
    default void getStats_reportsFileIdAndSourceUrl() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            String url = served(s);
            job.addFileWithRanges("stats-id", url, s.local("x.bin").toString(), List.of(), 10_000);
            IBackgroundCopyFile file = job.enumFiles().next(1).get(0);
            DoSwarmStats stats = file.queryInterface(IDeliveryOptimizationFile.class).orElseThrow().getStats();
            assertThat(stats.fileId()).isEqualTo("stats-id");
            assertThat(stats.sourceUrl()).isEqualTo(url);
            IDeliveryOptimizationJob2 job2 = job.queryInterface(IDeliveryOptimizationJob2.class).orElseThrow();
            DoSwarmStats second = job2.addFile("job2-id", url, List.of()).getStats();
            assertThat(second.fileId()).isEqualTo("job2-id");
            assertThat(second.sourceUrl()).isEqualTo(url);
        }
    }

    /** The §1.2 item 2 slots, each as a named call. */
    private static Map<String, TckSession.Call> bitsOnlySlots(TckSession s, IBackgroundCopyJob job, String url) {
        Map<String, TckSession.Call> slots = new LinkedHashMap<>();
        slots.put("AddFileSet", () -> job.addFileSet(List.of(new BgFileInfo(url, s.local("set.bin").toString()))));
        slots.put("AddFile", () -> job.addFile(url, s.local("add.bin").toString()));
        slots.put("GetOwner", job::getOwner);
        slots.put("SetDisplayName", () -> job.setDisplayName("renamed"));
        slots.put("SetDescription", () -> job.setDescription("described"));
        slots.put("GetDescription", job::getDescription);
        slots.put("SetMinimumRetryDelay", () -> job.setMinimumRetryDelay(61));
        slots.put("GetMinimumRetryDelay", job::getMinimumRetryDelay);
        slots.put("GetErrorCount", job::getErrorCount);
        slots.put("SetProxySettings", () -> job.setProxySettings(BgJobProxyUsage.NO_PROXY, null, null));
        slots.put("GetProxySettings", job::getProxySettings);
        slots.put("TakeOwnership", job::takeOwnership);
        slots.put("Manager EnumJobs", () -> s.manager().enumJobs());
        slots.put("Manager GetErrorDescription", () -> s.manager().getErrorDescription(HResult.BG_E_EMPTY, Locale.ENGLISH));
        slots.put("EnumFiles Clone", () -> job.enumFiles().clone());
        return slots;
    }

    @Example
    @Tag("R108")
    @Label("R108 withoutBitsMethods_everyUndocumentedSlotNotImplAndNoChange")
    @Requires(absent = Feature.BITS_METHODS)
    default void withoutBitsMethods_everyUndocumentedSlotNotImplAndNoChange() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob("r108");
            String url = served(s);
            s.addFile(job, "kept.bin", bytes(10, 108));
            BgJobState state = job.getState();
            Object files = additionState(s, job);
            BgJobTimes times = job.getTimes();
            advance(s);
            for (Map.Entry<String, TckSession.Call> slot : bitsOnlySlots(s, job, url).entrySet()) {
                HResult hr = TckSession.hr(slot.getValue());
                if (s.strict()) {
                    assertThat(hr).as("%s in the DO dialect", slot.getKey()).isEqualTo(HResult.E_NOTIMPL);
                }
                if (hr.isFailure()) {
                    assertThat(job.getState()).as("state after failed %s", slot.getKey()).isEqualTo(state);
                    assertThat(additionState(s, job)).as("files after failed %s", slot.getKey()).isEqualTo(files);
                    assertThat(job.getDisplayName()).isEqualTo("r108");
                }
            }
            if (s.strict()) {
                assertThat(job.getTimes()).isEqualTo(times);
            }
            IBackgroundCopyError error = failedJobError(s);
            for (Map.Entry<String, TckSession.Call> slot : Map.<String, TckSession.Call>of(
                    "Error GetErrorDescription", () -> error.getErrorDescription(Locale.ENGLISH),
                    "Error GetErrorContextDescription", () -> error.getErrorContextDescription(Locale.ENGLISH),
                    "Error GetProtocol", error::getProtocol).entrySet()) {
                HResult hr = TckSession.hr(slot.getValue());
                if (s.strict()) {
                    assertThat(hr).as("%s in the DO dialect", slot.getKey()).isEqualTo(HResult.E_NOTIMPL);
                }
            }
        }
    }

    /** The error object of a job that failed on HTTP 404. */
    private static IBackgroundCopyError failedJobError(TckSession s) {
        IBackgroundCopyJob failed = s.newJob();
        s.addFile(failed, "gone.bin", bytes(10, 108));
        s.content().scriptForever("/gone.bin", Fault.HTTP_404);
        failed.resume();
        s.driveTo(failed, BgJobState.ERROR);
        return failed.getError();
    }

    @Example
    @Tag("R108")
    @Label("R108 withBitsMethods_everySlotImplemented")
    @Requires(Feature.BITS_METHODS)
    default void withBitsMethods_everySlotImplemented() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob("r108");
            String url = served(s);
            for (Map.Entry<String, TckSession.Call> slot : bitsOnlySlots(s, job, url).entrySet()) {
                HResult hr = TckSession.hr(slot.getValue());
                assertThat(hr.isSuccess()).as("%s with BITS methods: %s", slot.getKey(), hr).isTrue();
            }
            assertThat(job.getDisplayName()).isEqualTo("renamed");
            assertThat(job.getDescription()).isEqualTo("described");
            assertThat(job.getMinimumRetryDelay()).isEqualTo(61);
            assertThat(job.getProxySettings()).isEqualTo(new BgProxySettings(BgJobProxyUsage.NO_PROXY, null, null));
            assertThat(job.getProgress().filesTotal()).isEqualTo(2);
            assertThat(job.getErrorCount()).isZero();
            assertThat(job.getOwner()).isNotEmpty();
            s.expectFailsStrictly(HResult.E_INVALIDARG, "SetDisplayName(null)", () -> job.setDisplayName(null));
            s.expectFailsStrictly(HResult.E_INVALIDARG, "SetDisplayName(257 chars)", () -> job.setDisplayName("d".repeat(257)));
            assertThat(job.getDisplayName()).isEqualTo("renamed");
            IBackgroundCopyError error = failedJobError(s);
            assertThat(error.getErrorDescription(Locale.ENGLISH)).as("GetErrorDescription").isNotBlank();
            assertThat(error.getErrorContextDescription(Locale.ENGLISH)).as("GetErrorContextDescription").isNotBlank();
            assertThat(error.getProtocol()).as("GetProtocol of an HTTP failure").isEqualToIgnoringCase("http");
            assertThat(s.manager().getErrorDescription(HResult.BG_E_EMPTY, Locale.ENGLISH)).isNotBlank();
        }
    }
}
