package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BackgroundCopyProvider;
import dev.bgcopy.api.BgFileInfo;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJob2;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.api.IDeliveryOptimizationFile;
import dev.bgcopy.api.IDeliveryOptimizationFile2;
import dev.bgcopy.api.IDeliveryOptimizationJob2;
import dev.bgcopy.api.IEnumBackgroundCopyFiles;
import dev.bgcopy.api.IUnknown;
import dev.bgcopy.api.SemanticError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Creation, defaults, identity, dialect-specific slots, bad input and the provider (R1-R20, R108, issue item 8). */
class JobBasicsTest {

    @TempDir
    Path dir;

    static HResult hr(ThrowingCallable call) {
        BackgroundCopyException e = catchThrowableOfType(BackgroundCopyException.class, call);
        assertThat(e).as("expected a BackgroundCopyException").isNotNull();
        return e.hresult();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    @DisplayName("R1-R13 a new job: SUSPENDED, zero progress, DOWNLOAD, NORMAL, flags 0x3, no callback, no error, no files, times, default timeout")
    void newJobDefaults(Dialect dialect) {
        try (SimFixture f = new SimFixture(dir, dialect)) {
            IBackgroundCopyJob job = f.manager.createJob("name", BgJobType.DOWNLOAD);
            assertThat(job.getId()).isNotNull();
            assertThat(job.getState()).isEqualTo(BgJobState.SUSPENDED);
            assertThat(job.getProgress()).isEqualTo(BgJobProgress.EMPTY);
            assertThat(job.getType()).isEqualTo(BgJobType.DOWNLOAD);
            assertThat(job.getPriority()).isEqualTo(BgJobPriority.NORMAL);
            assertThat(job.getNotifyFlags()).isEqualTo(0x3);
            assertThat(job.getNotifyInterface()).isEmpty();
            assertThat(hr(job::getError)).isEqualTo(SemanticError.NO_ERROR_INFO.in(dialect));
            assertThat(job.enumFiles().getCount()).isZero();
            assertThat(job.getTimes()).isEqualTo(new BgJobTimes(f.clock.now(), f.clock.now(), BgJobTimes.FILETIME_ZERO));
            assertThat(job.getNoProgressTimeout()).isEqualTo(dialect == Dialect.DO ? 86_400 : 1_209_600);
            assertThat(job.getDisplayName()).isEqualTo("name");
            IBackgroundCopyJob twin = f.manager.createJob("name", BgJobType.DOWNLOAD);
            assertThat(twin.getId()).as("R2").isNotEqualTo(job.getId());
            assertThat(f.manager.getJob(job.getId())).as("R16").isSameAs(job);
            assertThat(hr(() -> f.manager.getJob(UUID.randomUUID()))).as("R17").isEqualTo(SemanticError.NOT_FOUND.in(dialect));
        }
    }

    @Test
    @DisplayName("I-14 DO: the default no-progress timeout is 3600 s while FOREGROUND, 86400 s otherwise, until set")
    void doDefaultTimeoutFollowsPriority() {
        try (SimFixture f = new SimFixture(dir, Dialect.DO)) {
            IBackgroundCopyJob job = f.newJob();
            job.setPriority(BgJobPriority.FOREGROUND);
            assertThat(job.getNoProgressTimeout()).isEqualTo(3600);
            job.setNoProgressTimeout(0xFFFF_FFFFL);
            job.setPriority(BgJobPriority.LOW);
            assertThat(job.getNoProgressTimeout()).as("R65").isEqualTo(0xFFFF_FFFFL);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    @DisplayName("R14 display names: empty and 256 characters OK; null and 257 -> E_INVALIDARG and no job")
    void displayNames(Dialect dialect) {
        try (SimFixture f = new SimFixture(dir, dialect)) {
            assertThat(f.manager.createJob("x".repeat(256), BgJobType.DOWNLOAD).getDisplayName()).hasSize(256);
            assertThat(hr(() -> f.manager.createJob("x".repeat(257), BgJobType.DOWNLOAD))).isEqualTo(HResult.E_INVALIDARG);
            assertThat(hr(() -> f.manager.createJob(null, BgJobType.DOWNLOAD))).isEqualTo(HResult.E_INVALIDARG);
            assertThat(f.manager.createJob("", BgJobType.DOWNLOAD).getDisplayName()).isEmpty();
            assertThat(hr(() -> f.manager.createJob("ok", null))).isEqualTo(HResult.E_INVALIDARG);
            if (dialect == Dialect.BITS) {
                assertThat(f.manager.enumJobs().getCount()).isEqualTo(2);
            }
        }
    }

    @Test
    @DisplayName("R15 upload jobs: E_INVALIDARG in DO, E_NOTIMPL in BITS")
    void uploadTypes() {
        try (SimFixture d = new SimFixture(dir, Dialect.DO); SimFixture b = new SimFixture(dir, Dialect.BITS)) {
            assertThat(hr(() -> d.manager.createJob("u", BgJobType.UPLOAD))).isEqualTo(HResult.E_INVALIDARG);
            assertThat(hr(() -> d.manager.createJob("u", BgJobType.UPLOAD_REPLY))).isEqualTo(HResult.E_INVALIDARG);
            assertThat(hr(() -> b.manager.createJob("u", BgJobType.UPLOAD))).isEqualTo(HResult.E_NOTIMPL);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    @DisplayName("R19 GetJob and changes by a non-owner -> E_ACCESSDENIED; an administrator may; TakeOwnership (BITS)")
    void ownerChecks(Dialect dialect) {
        try (SimFixture f = new SimFixture(dir, dialect)) {
            f.manager.setCaller(CallerIdentity.user("alice"));
            IBackgroundCopyJob job = f.newJob();
            SimulatorManager bob = f.manager.forCaller(CallerIdentity.user("bob"));
            assertThat(hr(() -> bob.getJob(job.getId()))).isEqualTo(HResult.E_ACCESSDENIED);
            assertThat(f.manager.forCaller(CallerIdentity.administrator("root")).getJob(job.getId())).isSameAs(job);

            f.manager.setCaller(CallerIdentity.user("bob"));
            BgJobTimes before = job.getTimes();
            assertThat(hr(() -> job.setPriority(BgJobPriority.LOW))).isEqualTo(HResult.E_ACCESSDENIED);
            assertThat(hr(job::cancel)).isEqualTo(HResult.E_ACCESSDENIED);
            assertThat(job.getState()).isEqualTo(BgJobState.SUSPENDED);
            assertThat(job.getTimes()).isEqualTo(before);
            if (dialect == Dialect.BITS) {
                assertThat(job.getOwner()).isEqualTo("alice");
                job.takeOwnership();
                assertThat(job.getOwner()).isEqualTo("bob");
                job.setPriority(BgJobPriority.LOW);
                assertThat(bob.enumJobs().getCount()).isEqualTo(1);
                assertThat(hr(() -> bob.enumJobs(IBackgroundCopyManager.BG_JOB_ENUM_ALL_USERS))).isEqualTo(HResult.E_ACCESSDENIED);
            }
        }
    }

    @Test
    @DisplayName("R20 QueryInterface: DO answers the DO job and file interfaces; BITS answers E_NOINTERFACE (empty)")
    void queryInterface() {
        try (SimFixture d = new SimFixture(dir, Dialect.DO); SimFixture b = new SimFixture(dir, Dialect.BITS)) {
            IBackgroundCopyJob doJob = d.newJob();
            d.addFile(doJob, d.serve(10));
            assertThat(doJob.queryInterface(IBackgroundCopyJob.class)).containsSame(doJob);
            assertThat(doJob.queryInterface(IUnknown.class)).containsSame(doJob);
            assertThat(doJob.queryInterface(IDeliveryOptimizationJob2.class)).isPresent();
            assertThat(doJob.queryInterface(IEnumBackgroundCopyFiles.class)).isEmpty();
            assertThat(doJob.enumFiles().next(1).get(0).queryInterface(IDeliveryOptimizationFile2.class)).isPresent();

            IBackgroundCopyJob bitsJob = b.newJob();
            b.addFile(bitsJob, b.serve(10));
            assertThat(bitsJob.queryInterface(IDeliveryOptimizationJob2.class)).isEmpty();
            assertThat(bitsJob.enumFiles().next(1).get(0).queryInterface(IDeliveryOptimizationFile.class)).isEmpty();
            assertThat(hr(() -> bitsJob.addFileWithRanges("id", b.serve(10).url(), b.destination("x").toString(),
                    List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE))).isEqualTo(HResult.E_NOINTERFACE);
            assertThat(bitsJob.getProgress().filesTotal()).isEqualTo(1);
            assertThat(bitsJob.queryInterface(IBackgroundCopyJob2.class).map(j -> (Object) j)).containsSame(bitsJob);
            assertThat(bitsJob.queryInterface(IBackgroundCopyJobHttpOptions.class).map(j -> (Object) j)).containsSame(bitsJob);
            assertThat(doJob.queryInterface(IBackgroundCopyJob2.class)).isEmpty();
            assertThat(doJob.queryInterface(IBackgroundCopyJobHttpOptions.class)).isEmpty();
            assertThat(hr(() -> ((IBackgroundCopyJob2) doJob).setNotifyCmdLine("/bin/true", null)))
                    .as("a DO job reached without QueryInterface").isEqualTo(HResult.E_NOINTERFACE);
            assertThat(b.manager.supportedFeatures()).containsExactlyInAnyOrder(Feature.BITS_METHODS, Feature.HTTP_OPTIONS,
                    Feature.BITS3_INTERFACES, Feature.CALLBACKS, Feature.JOB_PROPERTIES, Feature.ON_DEMAND_RANGES,
                    Feature.HTTP_OPTIONS_10);
            assertThat(d.manager.supportedFeatures()).containsExactlyInAnyOrder(Feature.ADD_FILE_WITH_RANGES,
                    Feature.DO_EXTENSIONS, Feature.CALLBACKS, Feature.JOB_PROPERTIES);
        }
    }

    @Test
    @DisplayName("R108 DO: every slot DO leaves undocumented returns E_NOTIMPL and changes nothing; R91 Clone too")
    void doUndocumentedSlots() {
        try (SimFixture f = new SimFixture(dir, Dialect.DO)) {
            IBackgroundCopyJob job = f.newJob();
            f.addFile(job, f.serve(10));
            f.clock.advance(Duration.ofSeconds(3));
            BgJobTimes before = job.getTimes();
            String url = f.serve(10).url();
            String local = f.destination("n.bin").toString();
            List<ThrowingCallable> slots = List.of(
                    () -> job.addFileSet(List.of(new BgFileInfo(url, local))),
                    () -> job.addFile(url, local),
                    job::getOwner,
                    () -> job.setDisplayName("other"),
                    () -> job.setDescription("d"),
                    job::getDescription,
                    () -> job.setMinimumRetryDelay(5),
                    job::getMinimumRetryDelay,
                    job::getErrorCount,
                    () -> job.setProxySettings(BgJobProxyUsage.NO_PROXY, null, null),
                    job::getProxySettings,
                    job::takeOwnership,
                    () -> f.manager.enumJobs(),
                    () -> f.manager.getErrorDescription(HResult.E_FAIL, Locale.ROOT),
                    () -> job.enumFiles().clone());
            for (ThrowingCallable slot : slots) {
                assertThat(hr(slot)).isEqualTo(HResult.E_NOTIMPL);
            }
            assertThat(job.getTimes()).isEqualTo(before);
            assertThat(job.getProgress().filesTotal()).isEqualTo(1);
            assertThat(job.getDisplayName()).startsWith("job-");
        }
    }

    @Test
    @DisplayName("§4.9 BITS-only slots work in the BITS dialect")
    void bitsSlots() {
        try (SimFixture f = new SimFixture(dir, Dialect.BITS)) {
            IBackgroundCopyJob job = f.newJob();
            job.setDisplayName("renamed");
            job.setDescription("about");
            job.setMinimumRetryDelay(42);
            job.setProxySettings(BgJobProxyUsage.OVERRIDE, "proxy:8080", "localhost");
            assertThat(job.getDisplayName()).isEqualTo("renamed");
            assertThat(job.getDescription()).isEqualTo("about");
            assertThat(job.getMinimumRetryDelay()).isEqualTo(42);
            assertThat(job.getProxySettings().proxyList()).isEqualTo("proxy:8080");
            assertThat(hr(() -> job.setProxySettings(BgJobProxyUsage.OVERRIDE, "x".repeat(32_768), null)))
                    .isEqualTo(HResult.BG_E_PROXY_LIST_TOO_LARGE);
            assertThat(hr(() -> job.setProxySettings(BgJobProxyUsage.NO_PROXY, "p", null))).isEqualTo(HResult.E_INVALIDARG);
            assertThat(hr(() -> job.setDisplayName("x".repeat(257)))).isEqualTo(HResult.E_INVALIDARG);
            String url = f.serve(10).url();
            job.addFileSet(List.of(new BgFileInfo(url, f.destination("a").toString()),
                    new BgFileInfo(url, f.destination("b").toString())));
            assertThat(job.getProgress().filesTotal()).isEqualTo(2);
            assertThat(hr(() -> job.addFileSet(List.of(new BgFileInfo(url, f.destination("c").toString()),
                    new BgFileInfo("ftp://x/y", f.destination("d").toString()))))).isEqualTo(HResult.E_INVALIDARG);
            assertThat(job.getProgress().filesTotal()).as("AddFileSet is all or nothing").isEqualTo(2);
            IEnumBackgroundCopyFiles files = job.enumFiles();
            files.skip(1);
            assertThat(files.clone().next(5)).hasSize(1);
            assertThat(f.manager.getErrorDescription(HResult.BG_E_EMPTY, Locale.ROOT)).contains("BG_E_EMPTY");
            assertThat(hr(() -> f.manager.getErrorDescription(HResult.of(0x80001234), Locale.ROOT))).isEqualTo(HResult.E_INVALIDARG);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    @DisplayName("Bad input: relative paths, missing directories, unsupported schemes, 2201-char URLs, huge or malformed range lists -> E_INVALIDARG, nothing added")
    void badInput(Dialect dialect) throws Exception {
        try (SimFixture f = new SimFixture(dir, dialect)) {
            IBackgroundCopyJob job = f.newJob();
            String url = f.serve(10).url();
            String good = f.destination("good.bin").toString();
            List<String[]> bad = new ArrayList<>(List.of(
                    new String[] {url, "relative/path.bin"},
                    new String[] {url, dir.resolve("missing").resolve("x.bin").toString()},
                    new String[] {url, dir.toString()},
                    new String[] {url, ""},
                    new String[] {url, null},
                    new String[] {"ftp://host/file", good},
                    new String[] {"not a url", good},
                    new String[] {"https://h/" + "a".repeat(2200), good},
                    new String[] {null, good}));
            if (dialect == Dialect.DO) {
                // A full local path is a BITS remote name only (BG_FILE_INFO page; docs/contract.md §8 I-30).
                bad.add(new String[] {"/absolute/but/no/scheme", good});
            }
            for (String[] args : bad) {
                HResult code = dialect == Dialect.DO
                        ? hr(() -> job.addFileWithRanges("id", args[0], args[1], List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE))
                        : hr(() -> job.addFile(args[0], args[1]));
                assertThat(code).as("%s -> %s", args[0], args[1]).isEqualTo(HResult.E_INVALIDARG);
            }
            if (dialect == Dialect.DO) {
                List<BgFileRange> huge = new ArrayList<>();
                for (int i = 0; i <= SimulatorConfig.DEFAULT_MAX_RANGES_PER_FILE; i++) {
                    huge.add(new BgFileRange(i * 10L, 5));
                }
                assertThat(hr(() -> job.addFileWithRanges("id", url, good, huge, IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE)))
                        .isEqualTo(HResult.E_INVALIDARG);
                assertThat(hr(() -> job.addFileWithRanges("id", url, good, Collections.singletonList(null),
                        IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE))).isEqualTo(HResult.E_INVALIDARG);
                assertThat(hr(() -> job.addFileWithRanges("id", url, good, null, IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE)))
                        .isEqualTo(HResult.E_INVALIDARG);
                assertThat(hr(() -> job.addFileWithRanges("", url, good, List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE)))
                        .isEqualTo(HResult.E_INVALIDARG);
                job.addFileWithRanges("id", url, good, List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
                assertThat(hr(() -> job.addFileWithRanges("id", url, f.destination("other").toString(), List.of(),
                        IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE))).as("duplicate file id").isEqualTo(HResult.E_INVALIDARG);
                assertThat(job.getProgress().filesTotal()).isEqualTo(1);
            } else {
                assertThat(job.getProgress().filesTotal()).isZero();
                job.addFile("/absolute/but/no/scheme", good); // BITS: a full local path is a remote name
                assertThat(job.enumFiles().next(1).get(0).getRemoteName()).isEqualTo("/absolute/but/no/scheme");
            }
            assertThat(hr(() -> job.setNoProgressTimeout(-1))).isEqualTo(HResult.E_INVALIDARG);
            assertThat(hr(() -> job.setNotifyFlags(0x40))).as("R53").isEqualTo(HResult.E_NOTIMPL);
            assertThat(hr(() -> job.setPriority(null))).isEqualTo(HResult.E_INVALIDARG);
            job.cancel();
            assertThat(hr(() -> f.addFile(job, f.serve(1)))).as("R26").isEqualTo(SemanticError.INVALID_STATE.in(dialect));
            assertThat(f.leftovers()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    @DisplayName("Directory-permission policy: AddFile into a denied directory -> E_ACCESSDENIED; a transfer into it -> ERROR E_ACCESSDENIED")
    void deniedDirectories(Dialect dialect) throws Exception {
        try (SimFixture f = new SimFixture(dir, dialect)) {
            Path locked = Files.createDirectory(dir.resolve("locked"));
            f.manager.denyWrites(locked);
            IBackgroundCopyJob job = f.newJob();
            RemoteResource r = f.serve(10);
            HResult code = dialect == Dialect.DO
                    ? hr(() -> job.addFileWithRanges("x", r.url(), locked.resolve("x").toString(), List.of(), -1L))
                    : hr(() -> job.addFile(r.url(), locked.resolve("x").toString()));
            assertThat(code).isEqualTo(HResult.E_ACCESSDENIED);
            f.manager.allowWrites(locked);
            if (dialect == Dialect.DO) {
                job.addFileWithRanges("x", r.url(), locked.resolve("x").toString(), List.of(), -1L);
            } else {
                job.addFile(r.url(), locked.resolve("x").toString());
            }
            f.manager.denyWrites(locked);
            job.resume();
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
            assertThat(job.getError().getError().code()).isEqualTo(HResult.E_ACCESSDENIED);
            assertThat(job.getError().getError().context())
                    .isEqualTo(dialect == Dialect.DO ? dev.bgcopy.api.BgErrorContext.NONE : dev.bgcopy.api.BgErrorContext.LOCAL_FILE);
        }
    }

    @Test
    @DisplayName("Provider 'simulator': priority 1000, always available; dialect option; unknown option or value -> E_INVALIDARG")
    void provider() {
        BackgroundCopyProvider provider = BackgroundCopy.providers().stream()
                .filter(p -> p.name().equals("simulator")).findFirst().orElseThrow();
        assertThat(provider.priority()).isEqualTo(1000);
        assertThat(provider.isAvailable()).isTrue();
        try (IBackgroundCopyManager m = BackgroundCopy.open("simulator", Map.of())) {
            assertThat(m.dialect()).isEqualTo(Dialect.DO);
        }
        try (IBackgroundCopyManager m = BackgroundCopy.open("simulator", Map.of("dialect", "bits"))) {
            assertThat(m.dialect()).isEqualTo(Dialect.BITS);
        }
        assertThat(hr(() -> BackgroundCopy.open("simulator", Map.of("dialect", "com")))).isEqualTo(HResult.E_INVALIDARG);
        assertThat(hr(() -> BackgroundCopy.open("simulator", Map.of("colour", "blue")))).isEqualTo(HResult.E_INVALIDARG);
    }

    @Test
    @DisplayName("close() is idempotent, stops the engine, and later calls fail with RPC_E_DISCONNECTED")
    void closeIsIdempotent() {
        SimFixture f = new SimFixture(dir, Dialect.DO);
        IBackgroundCopyJob job = f.newJob();
        f.addFile(job, f.serve(100).stallAt(50, RemoteResource.ALWAYS));
        job.resume();
        f.manager.runUntilIdle();
        f.manager.close();
        f.manager.close();
        assertThat(hr(() -> f.manager.createJob("x", BgJobType.DOWNLOAD))).isEqualTo(JobEngine.DISCONNECTED);
        assertThat(hr(job::suspend)).isEqualTo(JobEngine.DISCONNECTED);
        assertThat(job.getState()).as("getters still answer").isNotNull();
    }

    @Test
    @DisplayName("R83-R90 the file enumerator: Next, Skip, Reset, GetCount over files in add order")
    void fileEnumerator() {
        try (SimFixture f = new SimFixture(dir, Dialect.DO)) {
            IBackgroundCopyJob job = f.newJob();
            List<String> locals = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                locals.add(f.addFile(job, f.serve(10)).toString());
            }
            IEnumBackgroundCopyFiles e = job.enumFiles();
            assertThat(e.next(3)).extracting(dev.bgcopy.api.IBackgroundCopyFile::getLocalName).containsExactlyElementsOf(locals);
            assertThat(e.next(1)).isEmpty();
            assertThat(e.getCount()).isEqualTo(3);
            e.reset();
            assertThat(e.skip(3)).isEqualTo(HResult.S_OK);
            assertThat(e.skip(1)).isEqualTo(HResult.S_FALSE);
            e.reset();
            assertThat(e.skip(4)).isEqualTo(HResult.S_FALSE);
            assertThat(hr(() -> e.next(-1))).isEqualTo(HResult.E_INVALIDARG);
            assertThat(e.next(0)).isEmpty();
        }
    }

    static void forEachDialect(Consumer<Dialect> body) {
        for (Dialect d : Dialect.values()) {
            body.accept(d);
        }
    }
}
