package dev.bgcopy.simulator.downloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BackgroundCopyProvider;
import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.api.SemanticError;
import dev.bgcopy.api.downloads.Download;
import dev.bgcopy.api.downloads.DownloadError;
import dev.bgcopy.api.downloads.DownloadRequest;
import dev.bgcopy.api.downloads.Downloads;
import dev.bgcopy.simulator.LoopbackFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The task-level API on the real simulator (durable store, real sockets to a loopback server). */
@Timeout(60)
class DownloadsTest {

    private static final long SIZE = 300_000;
    private static final long SEED = 7;

    @TempDir
    Path dir;

    private LoopbackFiles server;
    private Path out;
    private Downloads downloads;

    @BeforeEach
    void setUp() throws IOException {
        server = new LoopbackFiles();
        out = Files.createDirectories(dir.resolve("out"));
        downloads = open(Map.of());
    }

    @AfterEach
    void tearDown() {
        downloads.close();
        server.close();
    }

    @Test
    void startThenWait_putsTheBytesAtTheDestination() throws Exception {
        URI url = server.serve("/app.zip", SIZE, SEED);
        Download d = downloads.start(DownloadRequest.builder(url, out.resolve("app.zip")).name("app").build());

        assertThat(d.completion().get()).isEqualTo(out.resolve("app.zip"));
        assertThat(Files.readAllBytes(out.resolve("app.zip"))).isEqualTo(LoopbackFiles.bytes(SIZE, SEED));
        assertThat(downloads.provider()).isEqualTo("simulator");
        assertThat(downloads.list()).isEmpty();
        assertThat(downloads.find("app")).isEmpty();
    }

    @Test
    void onBits_theSameRequestWorks_throughAddFile() throws Exception {
        downloads.close();
        downloads = open(Map.of("dialect", "bits"));
        URI url = server.serve("/app.zip", SIZE, SEED);
        Download d = downloads.start(DownloadRequest.builder(url, out.resolve("app.zip")).sha256(LoopbackFiles.sha256(SIZE, SEED)).build());

        assertThat(d.completion().get()).isEqualTo(out.resolve("app.zip"));
        assertThat(Files.readAllBytes(out.resolve("app.zip"))).isEqualTo(LoopbackFiles.bytes(SIZE, SEED));
        assertThat(filesIn(out)).containsExactly("app.zip");
    }

    @Test
    void ranges_fetchOnlyThoseBytes_andAreRefusedWhereTheServiceHasNone() throws Exception {
        URI url = server.serve("/app.zip", 1_000, SEED);
        List<BgFileRange> ranges = List.of(new BgFileRange(0, 100), new BgFileRange(900, BgFileRange.BG_LENGTH_TO_EOF));
        Download d = downloads.start(DownloadRequest.builder(url, out.resolve("app.zip")).ranges(ranges).build());

        assertThat(d.completion().get()).isEqualTo(out.resolve("app.zip"));
        byte[] expected = LoopbackFiles.bytes(1_000, SEED);
        Arrays.fill(expected, 100, 900, (byte) 0);
        assertThat(Files.readAllBytes(out.resolve("app.zip"))).isEqualTo(expected);

        downloads.close();
        downloads = open(Map.of("dialect", "bits"));
        assertThatThrownBy(() -> downloads.start(DownloadRequest.builder(url, out.resolve("other.zip")).ranges(ranges).build()))
                .isInstanceOf(BackgroundCopyException.class)
                .satisfies(e -> assertThat(((BackgroundCopyException) e).hresult()).isEqualTo(HResult.E_NOINTERFACE));
        assertThat(filesIn(out)).containsExactly("app.zip");
    }

    @Test
    void progressListener_neverOverlaps_andAlwaysGetsAFinalCall() throws Exception {
        URI url = server.serve("/app.zip", SIZE, SEED);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<BgJobProgress> calls = new CopyOnWriteArrayList<>();
        Download d = downloads.start(DownloadRequest.builder(url, out.resolve("app.zip")).build());
        d.onProgress(p -> {
            if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            calls.add(p);
            inside.decrementAndGet();
        });
        d.completion().get();
        CountDownLatch lateFinal = new CountDownLatch(1);
        List<BgJobProgress> late = new CopyOnWriteArrayList<>();
        d.onProgress(p -> {
            late.add(p);
            lateFinal.countDown();
        });

        assertThat(lateFinal.await(10, TimeUnit.SECONDS)).as("a listener added after the end gets the final call").isTrue();
        assertThat(late).singleElement().isEqualTo(new BgJobProgress(SIZE, SIZE, 1, 1));
        assertThat(calls).last().isEqualTo(new BgJobProgress(SIZE, SIZE, 1, 1));
        assertThat(overlaps).hasValue(0);
    }

    @Test
    void matchingSha256_putsEveryFileInPlace_andNoStagingFileRemains() throws Exception {
        URI url = server.serve("/app.zip", SIZE, SEED);
        URI signature = server.serve("/app.sig", 64, SEED + 1);
        Download d = downloads.start(DownloadRequest.builder(url, out.resolve("app.zip"))
                .sha256(LoopbackFiles.sha256(SIZE, SEED).toUpperCase())
                .file(signature, out.resolve("app.sig"), null)
                .build());

        assertThat(d.completion().get()).isEqualTo(out.resolve("app.zip"));
        assertThat(LoopbackFiles.sha256(out.resolve("app.zip"))).isEqualTo(LoopbackFiles.sha256(SIZE, SEED));
        assertThat(Files.readAllBytes(out.resolve("app.sig"))).isEqualTo(LoopbackFiles.bytes(64, SEED + 1));
        assertThat(filesIn(out)).containsExactly("app.sig", "app.zip");
    }

    @Test
    void wrongSha256_failsNamingTheFileAndBothDigests_andLeavesNothing() throws Exception {
        URI url = server.serve("/app.zip", SIZE, SEED);
        String wrong = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        Download d = downloads.start(DownloadRequest.builder(url, out.resolve("app.zip")).sha256(wrong).build());

        assertThatThrownBy(() -> d.completion().get()).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(BackgroundCopyException.class)
                .hasMessageContaining(out.resolve("app.zip").toString())
                .hasMessageContaining(wrong)
                .hasMessageContaining(LoopbackFiles.sha256(SIZE, SEED))
                .satisfies(e -> assertThat(((BackgroundCopyException) e).hresult()).isEqualTo(Download.SHA256_MISMATCH));
        assertThat(filesIn(out)).isEmpty();
        assertThat(downloads.list()).isEmpty();
    }

    @Test
    void cancel_failsWithCancellation_andLeavesNoTemporaryData() throws Exception {
        Download d = startHeldHalfway(DownloadRequest.builder(server.url("/app.zip"), out.resolve("app.zip")));

        d.cancel();
        assertThatThrownBy(() -> d.completion().get()).isInstanceOf(CancellationException.class);
        assertThat(filesIn(out)).isEmpty();
        assertThat(downloads.find(d.name())).isEmpty();
    }

    @Test
    void cancellingTheFuture_cancelsTheDownload() throws Exception {
        Download d = startHeldHalfway(DownloadRequest.builder(server.url("/app.zip"), out.resolve("app.zip")));

        assertThat(d.completion().cancel(true)).isTrue();
        assertThat(filesIn(out)).isEmpty();
        assertThat(downloads.list()).isEmpty();
    }

    @Test
    void http404_failsWithTheJobsErrorHresult() throws Exception {
        Download d = downloads.start(DownloadRequest.builder(server.url("/missing"), out.resolve("app.zip")).build());

        assertThatThrownBy(() -> d.completion().get()).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(BackgroundCopyException.class)
                .hasMessageContaining("failed in context NONE")
                .hasMessageContaining(server.url("/missing").toString())
                .satisfies(e -> assertThat(((BackgroundCopyException) e).hresult()).isEqualTo(HResult.fromHttpStatus(404)));
        assertThat(filesIn(out)).isEmpty();
        assertThat(downloads.list()).isEmpty();
    }

    @Test
    void findAndList_afterReopeningTheApplication() throws Exception {
        Download first = startHeldHalfway(DownloadRequest.builder(server.url("/app.zip"), out.resolve("app.zip"))
                .name("app-2.4").sha256(LoopbackFiles.sha256(SIZE, SEED)));
        downloads.close();

        downloads = open(Map.of());
        Download again = downloads.find("app-2.4").orElseThrow();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(downloads.list()).extracting(Download::name).containsExactly("app-2.4");
        server.release("/app.zip");
        assertThat(again.completion().get()).isEqualTo(out.resolve("app.zip"));
        assertThat(LoopbackFiles.sha256(out.resolve("app.zip"))).isEqualTo(LoopbackFiles.sha256(SIZE, SEED));
        assertThat(downloads.list()).isEmpty();
    }

    @Test
    void aNameInUseByALiveDownload_isRefused() throws Exception {
        Download first = startHeldHalfway(DownloadRequest.builder(server.url("/app.zip"), out.resolve("app.zip")).name("app"));
        URI url = server.url("/app.zip");

        assertThatThrownBy(() -> downloads.start(DownloadRequest.builder(url, out.resolve("other.zip")).name("app").build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'app'")
                .hasMessageContaining("find(\"app\")");
        assertThat(downloads.list()).containsExactly(first);
        server.release("/app.zip");
        first.completion().get();
        assertThat(filesIn(out)).containsExactly("app.zip");
    }

    @Test
    void aDisplayName_isTheJobs_whileTheNameStaysTheKey() throws Exception {
        Download d = startHeldHalfway(DownloadRequest.builder(server.url("/app.zip"), out.resolve("app.zip"))
                .name(out.resolve("app.zip").toString()).displayName("App 2.4"));

        assertThat(d.job().orElseThrow().getDisplayName()).isEqualTo("App 2.4");
        assertThat(downloads.find(out.resolve("app.zip").toString())).contains(d);
        assertThat(downloads.find("App 2.4")).isEmpty();
        server.release("/app.zip");
        assertThat(d.completion().get()).isEqualTo(out.resolve("app.zip"));
    }

    @Test
    void aMissingDestinationDirectory_isRefused_andNothingIsCreated() throws Exception {
        URI url = server.serve("/app.zip", SIZE, SEED);
        Path missing = out.resolve("missing");

        assertThatThrownBy(() -> downloads.start(DownloadRequest.builder(url, missing.resolve("app.zip")).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString());
        assertThat(missing).doesNotExist();
        assertThat(downloads.list()).isEmpty();
    }

    @Test
    void aDestinationDirectoryThatIsNotWritable_isRefused_andNothingIsCreated() throws Exception {
        URI url = server.serve("/app.zip", SIZE, SEED);
        Path readOnly = Files.createDirectories(out.resolve("read-only"));
        assumeTrue(Files.getFileStore(readOnly).supportsFileAttributeView("posix"), "needs POSIX permissions");
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        assumeFalse(Files.isWritable(readOnly), "running as root: permissions do not bind, so this cannot be tested here");

        assertThatThrownBy(() -> downloads.start(DownloadRequest.builder(url, readOnly.resolve("app.zip")).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not writable").hasMessageContaining(readOnly.toString());
        assertThat(filesIn(readOnly)).isEmpty();
        assertThat(downloads.list()).isEmpty();
    }

    @Test
    void aFailedDownload_keepsItsJobsError_afterTheJobIsCancelled() throws Exception {
        Download d = downloads.start(DownloadRequest.builder(server.url("/missing"), out.resolve("app.zip")).build());

        assertThatThrownBy(() -> d.completion().get()).isInstanceOf(ExecutionException.class);
        DownloadError error = d.error().orElseThrow();
        assertThat(error.code()).isEqualTo(HResult.fromHttpStatus(404));
        assertThat(error.context()).isEqualTo(BgErrorContext.NONE);
        assertThat(error.file()).contains(server.url("/missing").toString());
        assertThat(d.job().orElseThrow().getState()).isEqualTo(BgJobState.CANCELLED);
    }

    @Test
    void adopt_followsAJobStartedWithoutTheApi_andARegisteredOneByItsId() throws Exception {
        URI url = server.serve("/app.zip", SIZE, SEED);
        Path store = downloads.directory().resolve("store");
        downloads.close();
        UUID foreign;
        try (IBackgroundCopyManager manager = BackgroundCopy.open("simulator", Map.of("store", store.toString()))) {
            IBackgroundCopyJob job = manager.createJob("made elsewhere", BgJobType.DOWNLOAD);
            job.addFileWithRanges("f", url.toString(), out.resolve("foreign.zip").toString(), List.of(),
                    IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
            foreign = job.getId();
        }
        downloads = open(Map.of());
        Download registered = startHeldHalfway(DownloadRequest.builder(server.url("/app.zip"), out.resolve("app.zip")).name("app"));

        assertThat(downloads.adopt(registered.id())).isSameAs(registered);
        Download adopted = downloads.adopt(foreign);
        adopted.resume();
        server.release("/app.zip");
        assertThat(adopted.completion().get()).isEqualTo(out.resolve("foreign.zip"));
        assertThat(registered.completion().get()).isEqualTo(out.resolve("app.zip"));
        assertThat(Files.readAllBytes(out.resolve("foreign.zip"))).isEqualTo(LoopbackFiles.bytes(SIZE, SEED));
        assertThatThrownBy(() -> downloads.adopt(foreign)).isInstanceOf(BackgroundCopyException.class)
                .satisfies(e -> assertThat(SemanticError.NOT_FOUND.matches(((BackgroundCopyException) e).hresult())).isTrue());
    }

    @Test
    void inMemory_writesNothing_andTheNamesEndWithTheJobs() throws Exception {
        downloads.close();
        Path data = dir.resolve("memory-data");
        downloads = Downloads.open("test-app", "simulator", Map.of(Downloads.OPTION_DATA_DIR, data.toString(),
                Downloads.OPTION_STORE, Downloads.IN_MEMORY));
        startHeldHalfway(DownloadRequest.builder(server.url("/app.zip"), out.resolve("app.zip")).name("app"));

        assertThat(downloads.find("app")).isPresent();
        assertThat(data).doesNotExist();
        downloads.close();
        downloads = Downloads.open("test-app", "simulator", Map.of(Downloads.OPTION_DATA_DIR, data.toString(),
                Downloads.OPTION_STORE, Downloads.IN_MEMORY));
        assertThat(downloads.list()).isEmpty();
        server.release("/app.zip");
    }

    @Test
    void anExplicitStore_keepsTheRegistryBesideTheJobs_ownerOnly() throws Exception {
        downloads.close();
        Path store = dir.resolve("explicit-store");
        downloads = Downloads.open("test-app", "simulator", Map.of(Downloads.OPTION_STORE, store.toString()));
        startHeldHalfway(DownloadRequest.builder(server.url("/app.zip"), out.resolve("app.zip")).name("app"));

        Path directory = store.resolve("apps").resolve("test-app");
        assertThat(downloads.directory()).isEqualTo(directory);
        assumeTrue(Files.getFileStore(directory).supportsFileAttributeView("posix"), "needs POSIX permissions");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("downloads.properties"))))
                .isEqualTo("rw-------");
        server.release("/app.zip");
    }

    @Test
    void aPollingIntervalOutOfRange_isRefusedNamingTheOption() {
        for (String bad : List.of("0", "60001", "soon")) {
            assertThatThrownBy(() -> open(Map.of(Downloads.OPTION_POLL_MILLIS, bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(Downloads.OPTION_POLL_MILLIS);
        }
    }

    @Test
    void aMissedCallback_isMadeUpForByThePoll_withinOneInterval() throws Exception {
        downloads.close();
        long pollMillis = 300;
        downloads = Downloads.open("test-app", CallbacksRefusedProvider.NAME, Map.of(Downloads.OPTION_DATA_DIR,
                dir.resolve("data").toString(), Downloads.OPTION_POLL_MILLIS, Long.toString(pollMillis)));
        int refusedBefore = CallbacksRefusedProvider.REFUSED.get();
        URI url = server.serve("/app.zip", SIZE, SEED);
        Download d = downloads.start(DownloadRequest.builder(url, out.resolve("app.zip")).build());

        assertThat(d.completion().get()).isEqualTo(out.resolve("app.zip"));
        long noticedAt = System.nanoTime();
        assertThat(CallbacksRefusedProvider.REFUSED.get()).as("the callback was refused").isGreaterThan(refusedBefore);
        long lateMillis = TimeUnit.NANOSECONDS.toMillis(noticedAt - CallbacksRefusedProvider.TRANSFERRED_AT.get(d.id()));
        // One interval, plus a second for a loaded machine to run the poll and move the file.
        assertThat(lateMillis).isLessThan(pollMillis + 1_000);
        assertThat(Files.readAllBytes(out.resolve("app.zip"))).isEqualTo(LoopbackFiles.bytes(SIZE, SEED));
    }

    @Test
    void aProviderWhoseClassIsNotRegistered_isPassedOver_forTheNext() throws Exception {
        assertThat(BackgroundCopy.providers()).extracting(BackgroundCopyProvider::name)
                .as("the failing provider comes first").startsWith(UnregisteredServiceProvider.NAME);
        String before = System.setProperty(Downloads.DATA_DIR_PROPERTY, dir.resolve("fallback-data").toString());
        try (Downloads best = Downloads.open("fallback-app")) {
            assertThat(best.provider()).isEqualTo("simulator");
        } finally {
            if (before == null) {
                System.clearProperty(Downloads.DATA_DIR_PROPERTY);
            } else {
                System.setProperty(Downloads.DATA_DIR_PROPERTY, before);
            }
        }
    }

    @Test
    void aUrlTheServiceRefuses_leavesNoJobBehind() throws Exception {
        downloads.close();
        downloads = open(Map.of("dialect", "bits"));

        assertThatThrownBy(() -> downloads.start(DownloadRequest.builder(URI.create("ftp://127.0.0.1/app.zip"), out.resolve("app.zip")).build()))
                .isInstanceOf(BackgroundCopyException.class)
                .satisfies(e -> assertThat(((BackgroundCopyException) e).hresult()).isEqualTo(HResult.E_INVALIDARG));
        assertThat(downloads.list()).isEmpty();
        Path store = downloads.directory().resolve("store");
        downloads.close();
        try (IBackgroundCopyManager manager = BackgroundCopy.open("simulator", Map.of("store", store.toString(), "dialect", "bits"))) {
            assertThat(manager.enumJobs().getCount()).as("jobs in the store").isZero();
        }
        downloads = open(Map.of());
    }

    /** Serves /app.zip, holds its body halfway, starts the download and waits until the body is held. */
    private Download startHeldHalfway(DownloadRequest.Builder request) throws InterruptedException {
        server.serve("/app.zip", SIZE, SEED);
        server.holdAt("/app.zip", SIZE / 2);
        Download d = downloads.start(request.build());
        assertThat(server.awaitHeld("/app.zip")).as("the body is held halfway").isTrue();
        return d;
    }

    @Test
    void aJobCompletedBeforeACrash_isStillVerifiedAndMovedInPlace_byFind() throws Exception {
        Download first = startHeldHalfway(DownloadRequest.builder(server.url("/app.zip"), out.resolve("app.zip"))
                .name("app").sha256(LoopbackFiles.sha256(SIZE, SEED)));
        Path store = downloads.directory().resolve("store");
        downloads.close();
        // What a crash between Complete and the move leaves: the job gone, the file staged.
        try (IBackgroundCopyManager manager = BackgroundCopy.open("simulator", Map.of("store", store.toString()))) {
            IBackgroundCopyJob job = manager.getJob(first.id());
            CountDownLatch transferred = new CountDownLatch(1);
            job.setNotifyInterface(new IBackgroundCopyCallback() {
                @Override
                public HResult jobTransferred(IBackgroundCopyJob j) {
                    transferred.countDown();
                    return HResult.S_OK;
                }
            });
            server.release("/app.zip");
            assertThat(transferred.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(job.complete()).isEqualTo(HResult.S_OK);
        }
        assertThat(filesIn(out)).singleElement().asString().startsWith(".app.zip.bgcopy-staging-" + first.id());

        downloads = open(Map.of());
        assertThat(downloads.find("app").orElseThrow().completion().get()).isEqualTo(out.resolve("app.zip"));
        assertThat(LoopbackFiles.sha256(out.resolve("app.zip"))).isEqualTo(LoopbackFiles.sha256(SIZE, SEED));
        assertThat(filesIn(out)).containsExactly("app.zip");
        assertThat(downloads.find("app")).isEmpty();
    }

    @Test
    void openWithoutAProvider_takesTheDurableSimulator_underTheDataDirectoryProperty() throws Exception {
        Path data = dir.resolve("property-data");
        String before = System.setProperty(Downloads.DATA_DIR_PROPERTY, data.toString());
        try (Downloads best = Downloads.open("best-app")) {
            assertThat(best.provider()).isEqualTo("simulator");
            assertThat(best.directory()).isEqualTo(data.resolve("apps").resolve("best-app"));
            assertThat(best.directory().resolve("store")).isDirectory();
        } finally {
            if (before == null) {
                System.clearProperty(Downloads.DATA_DIR_PROPERTY);
            } else {
                System.setProperty(Downloads.DATA_DIR_PROPERTY, before);
            }
        }
    }

    @Test
    void applicationNames_mustBeSafeDirectoryNames() {
        for (String bad : List.of("", "..", "../escape", "a/b", ".hidden", "a b")) {
            assertThatThrownBy(() -> Downloads.open(bad, "simulator", Map.of(Downloads.OPTION_DATA_DIR, dir.toString())))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("application ");
        }
        assertThatThrownBy(() -> Downloads.open(null)).isInstanceOf(NullPointerException.class).hasMessage("application");
        assertThat(dir.resolve("apps")).doesNotExist();
    }

    private Downloads open(Map<String, String> options) {
        Map<String, String> all = new java.util.HashMap<>(options);
        all.put(Downloads.OPTION_DATA_DIR, dir.resolve("data").toString());
        return Downloads.open("test-app", "simulator", all);
    }

    private static List<String> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
