package dev.bgcopy.tck;

import static dev.bgcopy.tck.internal.TckSession.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.BgNotify;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.api.IDeliveryOptimizationJob2;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IEnumBackgroundCopyFiles;
import dev.bgcopy.api.IUnknown;
import dev.bgcopy.api.SemanticError;
import dev.bgcopy.tck.internal.TckSession;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.Tag;

/**
 * docs/contract.md §9 "Creation and identity" (R1-R20): CreateJob, a new job's initial values, GetJob and
 * QueryInterface.
 */
public interface JobCreationContract extends TckContract {

    /** Lenient tolerance for wall-clock comparisons (R11). */
    Duration CLOCK_TOLERANCE = Duration.ofSeconds(2);

    @Example
    @Tag("R1")
    @Label("R1 createJob_returnsJobWhoseIdIsNotNil")
    default void createJob_returnsJobWhoseIdIsNotNil() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob("r1");
            UUID id = job.getId();
            assertThat(id).isNotNull().isNotEqualTo(new UUID(0, 0));
            assertThat(job.getId()).as("GetId is stable").isEqualTo(id);
        }
    }

    @Example
    @Tag("R2")
    @Label("R2 createJob_sameNameTwice_distinctIdsAndOwnNames")
    default void createJob_sameNameTwice_distinctIdsAndOwnNames() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob a = s.newJob("same");
            IBackgroundCopyJob b = s.newJob("same");
            IBackgroundCopyJob c = s.newJob("other");
            assertThat(a.getId()).isNotEqualTo(b.getId()).isNotEqualTo(c.getId());
            assertThat(a.getDisplayName()).isEqualTo("same");
            assertThat(b.getDisplayName()).isEqualTo("same");
            assertThat(c.getDisplayName()).isEqualTo("other");
        }
    }

    @Example
    @Tag("R3")
    @Label("R3 newJob_isSuspended")
    default void newJob_isSuspended() {
        try (TckSession s = TckSession.open(fixture())) {
            assertThat(s.newJob().getState()).isEqualTo(BgJobState.SUSPENDED);
        }
    }

    @Example
    @Tag("R4")
    @Label("R4 newJob_progressIsAllZeros")
    default void newJob_progressIsAllZeros() {
        try (TckSession s = TckSession.open(fixture())) {
            BgJobProgress p = s.newJob().getProgress();
            assertThat(p).isEqualTo(new BgJobProgress(0, 0, 0, 0));
            assertThat(p.bytesTotal()).as("BytesTotal is 0, not BG_SIZE_UNKNOWN").isNotEqualTo(BgJobProgress.BG_SIZE_UNKNOWN);
        }
    }

    @Example
    @Tag("R5")
    @Label("R5 newJob_typeIsDownload")
    default void newJob_typeIsDownload() {
        try (TckSession s = TckSession.open(fixture())) {
            assertThat(s.newJob().getType()).isEqualTo(BgJobType.DOWNLOAD);
        }
    }

    @Example
    @Tag("R6")
    @Label("R6 newJob_priorityIsNormal")
    default void newJob_priorityIsNormal() {
        try (TckSession s = TckSession.open(fixture())) {
            assertThat(s.newJob().getPriority()).isEqualTo(BgJobPriority.NORMAL);
        }
    }

    @Example
    @Tag("R7")
    @Label("R7 newJob_notifyFlagsAre0x3")
    default void newJob_notifyFlagsAre0x3() {
        try (TckSession s = TckSession.open(fixture())) {
            s.assumeStrictUnless(Dialect.BITS, 7);
            assertThat(s.newJob().getNotifyFlags()).isEqualTo(BgNotify.DEFAULT_MASK).isEqualTo(0x3);
        }
    }

    @Example
    @Tag("R8")
    @Label("R8 newJob_hasNoNotifyInterface")
    default void newJob_hasNoNotifyInterface() {
        try (TckSession s = TckSession.open(fixture())) {
            assertThat(s.newJob().getNotifyInterface()).isEmpty();
        }
    }

    @Example
    @Tag("R9")
    @Label("R9 newJob_getErrorFailsWithNoErrorInfo")
    default void newJob_getErrorFailsWithNoErrorInfo() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            s.expectFails(SemanticError.NO_ERROR_INFO, "GetError on a new job", job::getError);
        }
    }

    @Example
    @Tag("R10")
    @Label("R10 newJob_enumFilesCountIsZero")
    default void newJob_enumFilesCountIsZero() {
        try (TckSession s = TckSession.open(fixture())) {
            IEnumBackgroundCopyFiles files = s.newJob().enumFiles();
            assertThat(files.getCount()).isZero();
            assertThat(files.next(1)).isEmpty();
        }
    }

    @Example
    @Tag("R11")
    @Label("R11 newJob_creationTimeWithinCallAndModificationNotEarlier")
    default void newJob_creationTimeWithinCallAndModificationNotEarlier() {
        try (TckSession s = TckSession.open(fixture())) {
            Instant before = s.now();
            IBackgroundCopyJob job = s.newJob();
            Instant after = s.now();
            BgJobTimes t = job.getTimes();
            Duration slack = s.hasVirtualClock() ? Duration.ZERO : CLOCK_TOLERANCE;
            assertThat(t.creationTime()).isBetween(before.minus(slack), after.plus(slack));
            assertThat(t.modificationTime()).isAfterOrEqualTo(t.creationTime());
        }
    }

    @Example
    @Tag("R12")
    @Label("R12 newJob_transferCompletionTimeIsZero")
    @Requires(strictOnly = true)
    default void newJob_transferCompletionTimeIsZero() {
        try (TckSession s = TckSession.open(fixture())) {
            BgJobTimes t = s.newJob().getTimes();
            assertThat(t.transferCompletionTime()).isEqualTo(BgJobTimes.FILETIME_ZERO);
            assertThat(t.transferCompletionFileTime()).isZero();
        }
    }

    @Example
    @Tag("R13")
    @Label("R13 newJob_noProgressTimeoutIsTheDialectDefault")
    default void newJob_noProgressTimeoutIsTheDialectDefault() {
        try (TckSession s = TckSession.open(fixture())) {
            long timeout = s.newJob().getNoProgressTimeout();
            if (s.dialect() == Dialect.BITS) {
                assertThat(timeout).isEqualTo(1_209_600L);
            } else if (s.strict()) {
                assertThat(timeout).isEqualTo(86_400L);
            } else {
                assertThat(timeout).isIn(3_600L, 86_400L);
            }
        }
    }

    @Example
    @Tag("R14")
    @Label("R14 createJob_256CharNameOk_257OrNullInvalid")
    default void createJob_256CharNameOk_257OrNullInvalid() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyManager m = s.manager();
            long jobsBefore = s.has(Feature.BITS_METHODS) ? m.enumJobs().getCount() : -1;
            String name256 = "n".repeat(256);
            IBackgroundCopyJob job = m.createJob(name256, BgJobType.DOWNLOAD);
            assertThat(job.getDisplayName()).isEqualTo(name256);
            s.expectFailsStrictly(HResult.E_INVALIDARG, "CreateJob with a 257-character name",
                    () -> m.createJob("n".repeat(257), BgJobType.DOWNLOAD));
            s.expectFailsStrictly(HResult.E_INVALIDARG, "CreateJob with a null name",
                    () -> m.createJob(null, BgJobType.DOWNLOAD));
            if (jobsBefore >= 0) {
                assertThat(m.enumJobs().getCount()).as("only the 256-character job was created").isEqualTo(jobsBefore + 1);
            }
        }
    }

    @Example
    @Tag("R14")
    @Label("R14 createJob_emptyName_isValid")
    default void createJob_emptyName_isValid() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.manager().createJob("", BgJobType.DOWNLOAD);
            assertThat(job.getDisplayName()).as("only NULL or > 256 units is invalid (§4.1)").isEmpty();
            if (s.has(Feature.BITS_METHODS)) {
                TckSession.expectOk("SetDisplayName(\"\") (§4.9: only NULL or > 256 is invalid)",
                        () -> s.newJob("x").setDisplayName(""));
            }
        }
    }

    @Example
    @Tag("R15")
    @Label("R15 createJob_uploadTypes_failInDo")
    @Requires(dialect = Dialect.DO)
    default void createJob_uploadTypes_failInDo() {
        try (TckSession s = TckSession.open(fixture())) {
            for (BgJobType type : new BgJobType[] {BgJobType.UPLOAD, BgJobType.UPLOAD_REPLY}) {
                s.expectFailsStrictly(HResult.E_INVALIDARG, "CreateJob(" + type + ")",
                        () -> s.manager().createJob("up", type));
            }
        }
    }

    @Example
    @Tag("R16")
    @Label("R16 getJob_liveJob_sameIdAndState")
    default void getJob_liveJob_sameIdAndState() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            IBackgroundCopyJob again = s.manager().getJob(job.getId());
            assertThat(again.getId()).isEqualTo(job.getId());
            assertThat(again.getState()).isEqualTo(job.getState());
            assertThat(again.getDisplayName()).isEqualTo(job.getDisplayName());
        }
    }

    @Example
    @Tag("R17")
    @Label("R17 getJob_unknownId_notFound")
    default void getJob_unknownId_notFound() {
        try (TckSession s = TckSession.open(fixture())) {
            s.newJob();
            UUID random = new UUID(0x1234_5678_9ABC_DEF0L, 0x0FED_CBA9_8765_4321L);
            s.expectFails(SemanticError.NOT_FOUND, "GetJob(random id)", () -> s.manager().getJob(random));
        }
    }

    @Example
    @Tag("R18")
    @Label("R18 releasingEveryReference_jobLivesOn")
    default void releasingEveryReference_jobLivesOn() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob("kept");
            s.addFile(job, "kept.bin", TckSession.bytes(2000, 18));
            UUID id = job.getId();
            BgJobState state = job.getState();
            job.close();
            IBackgroundCopyJob again = s.manager().getJob(id);
            assertThat(again.getState()).isEqualTo(state);
            assertThat(again.getDisplayName()).isEqualTo("kept");
            assertThat(again.enumFiles().getCount()).isEqualTo(1);
            assertThat(again.getProgress().filesTotal()).isEqualTo(1);
        }
    }

    @Example
    @Tag("R19")
    @Label("R19 getJob_byAnotherCaller_accessDenied")
    @Requires(strictOnly = true, capabilities = Capability.OTHER_CALLER)
    default void getJob_byAnotherCaller_accessDenied() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            try (IBackgroundCopyManager other = s.service().openManagerAsOtherCaller()) {
                s.expectFailsExactly(HResult.E_ACCESSDENIED, "GetJob by a non-owner", () -> other.getJob(job.getId()));
            }
            assertThat(s.manager().getJob(job.getId()).getId()).as("the owner still sees it").isEqualTo(job.getId());
        }
    }

    @Example
    @Tag("R20")
    @Label("R20 queryInterface_jobInterfacesAnswer_unrelatedIsEmpty")
    default void queryInterface_jobInterfacesAnswer_unrelatedIsEmpty() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            assertThat(job.queryInterface(IUnknown.class)).isPresent();
            assertThat(job.queryInterface(IBackgroundCopyJob.class)).isPresent();
            assertThat(job.queryInterface(IBackgroundCopyFile.class)).as("unrelated interface").isEmpty();
            assertThat(job.queryInterface(IEnumBackgroundCopyFiles.class)).as("unrelated interface").isEmpty();
        }
    }

    @Example
    @Tag("R20")
    @Label("R20 queryInterface_job2_presentWithDoExtensions")
    @Requires(value = Feature.DO_EXTENSIONS, strictOnly = true)
    default void queryInterface_job2_presentWithDoExtensions() {
        try (TckSession s = TckSession.open(fixture())) {
            assertThat(s.newJob().queryInterface(IDeliveryOptimizationJob2.class)).isPresent();
        }
    }

    @Example
    @Tag("R20")
    @Label("R20 queryInterface_job2_emptyWithoutDoExtensions")
    @Requires(absent = Feature.DO_EXTENSIONS)
    default void queryInterface_job2_emptyWithoutDoExtensions() {
        try (TckSession s = TckSession.open(fixture())) {
            assertThat(s.newJob().queryInterface(IDeliveryOptimizationJob2.class)).isEmpty();
        }
    }

    @Example
    @Label("fixture_featuresMatchTheManager")
    default void fixture_featuresMatchTheManager() {
        try (TckSession s = TckSession.open(fixture())) {
            assertThat(s.manager().supportedFeatures()).as("the fixture claims what the manager reports")
                    .isEqualTo(fixture().features());
            assertThat(s.manager().dialect()).isEqualTo(fixture().dialect());
            assertThat(failure("GetJob of nothing", () -> s.manager().getJob(new UUID(1, 1))).hresult().isFailure()).isTrue();
        }
    }
}
