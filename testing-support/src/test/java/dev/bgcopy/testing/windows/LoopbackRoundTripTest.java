package dev.bgcopy.testing.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgError;
import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.BgFileInfo;
import dev.bgcopy.api.BgFileProgress;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.BgNotify;
import dev.bgcopy.api.BgProxySettings;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.DoFilePropertyId;
import dev.bgcopy.api.DoJobPropertyId;
import dev.bgcopy.api.DoSwarmStats;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions3;
import dev.bgcopy.api.IBackgroundCopyServerCertificateValidationCallback;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.api.IDeliveryOptimizationFile2;
import dev.bgcopy.api.IDeliveryOptimizationFile;
import dev.bgcopy.api.IDeliveryOptimizationJob2;
import dev.bgcopy.api.IEnumBackgroundCopyFiles;
import dev.bgcopy.api.IEnumBackgroundCopyJobs;
import dev.bgcopy.api.SemanticError;
import dev.bgcopy.simulator.ScriptedNetwork;
import dev.bgcopy.simulator.Simulator;
import dev.bgcopy.simulator.SimulatorConfig;
import dev.bgcopy.simulator.SimulatorManager;
import dev.bgcopy.testing.loopback.LoopbackService;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every method of every interface through the native path: the binding's façade calls vtable slots of
 * native objects served by the loopback over the simulator, in both dialects, asserting exact
 * HRESULTs and values, and ending each test with the loopback's leak check (every reference
 * released, every task allocation and BSTR freed once).
 */
@Timeout(60)
class LoopbackRoundTripTest {

    private static final long SEED = 0x5EED_B6C0L;

    @TempDir
    Path dir;

    private static final String BASE = "https://cdn.example.test/";

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private SimulatorManager simulator;
    private ScriptedNetwork network;

    /**
     * The simulator's deterministic preset (virtual clock, scripted network; its own HTTP client is
     * exercised by its own tests) in {@code dialect}, served through the loopback.
     */
    private LoopbackService open(Dialect dialect) {
        simulator = Simulator.newManager(SimulatorConfig.deterministic().toBuilder().dialect(dialect).build());
        network = simulator.config().scriptedNetwork().orElseThrow();
        LoopbackService service = LoopbackService.open(simulator);
        // Close order: the binding (with its leak check) first, then the simulator behind it.
        toClose.add(simulator);
        toClose.add(service);
        return service;
    }

    private static String url(String path) {
        return BASE + path;
    }

    @AfterEach
    void closeAll() throws Exception {
        AssertionError leak = null;
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (AssertionError e) {
                leak = e;
            }
        }
        if (leak != null) {
            throw leak;
        }
    }

    private static void assertFails(Runnable call, HResult expected) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(BackgroundCopyException.class,
                e -> assertThat(e.hresult()).as(e.getMessage()).isEqualTo(expected));
    }

    private static HResult code(Dialect d, SemanticError e) {
        return d.code(e);
    }

    // ---- manager and a new job (R1-R17) ----

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aNewJobReadsBackEveryDefaultThroughTheVtable(Dialect dialect) {
        IBackgroundCopyManager manager = open(dialect).manager();
        String name = "naïve \uD83D\uDE00 job";
        try (IBackgroundCopyJob job = manager.createJob(name, BgJobType.DOWNLOAD)) {
            UUID id = job.getId();
            assertThat(id).isNotEqualTo(new UUID(0, 0));                                      // R1
            assertThat(job.getDisplayName()).isEqualTo(name);                                 // R2, UTF-16 both ways
            assertThat(job.getState()).isEqualTo(BgJobState.SUSPENDED);                       // R3
            assertThat(job.getProgress()).isEqualTo(BgJobProgress.EMPTY);                     // R4
            assertThat(job.getType()).isEqualTo(BgJobType.DOWNLOAD);                          // R5
            assertThat(job.getPriority()).isEqualTo(BgJobPriority.NORMAL);                    // R6
            assertThat(job.getNotifyFlags()).isEqualTo(BgNotify.DEFAULT_MASK);                // R7
            assertThat(job.getNotifyInterface()).isEmpty();                                   // R8
            assertFails(job::getError, code(dialect, SemanticError.NO_ERROR_INFO));           // R9
            try (IEnumBackgroundCopyFiles files = job.enumFiles()) {
                assertThat(files.getCount()).isZero();                                        // R10
            }
            BgJobTimes times = job.getTimes();
            assertThat(times.modificationTime()).isAfterOrEqualTo(times.creationTime());      // R11
            assertThat(times.transferCompleted()).isEmpty();                                  // R12
            assertThat(job.getNoProgressTimeout()).isEqualTo(dialect == Dialect.DO ? 86_400 : 1_209_600); // R13
            try (IBackgroundCopyJob again = manager.getJob(id)) {                             // R16: GUID both ways
                assertThat(again.getId()).isEqualTo(id);
                assertThat(again.getState()).isEqualTo(BgJobState.SUSPENDED);
            }
            job.cancel();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void badCreateJobArgumentsAndUnknownIdsCarryTheServiceCode(Dialect dialect) {
        IBackgroundCopyManager manager = open(dialect).manager();
        assertFails(() -> manager.createJob(null, BgJobType.DOWNLOAD), HResult.E_INVALIDARG);           // R14
        assertFails(() -> manager.createJob("x".repeat(257), BgJobType.DOWNLOAD), HResult.E_INVALIDARG);
        try (IBackgroundCopyJob job = manager.createJob("y".repeat(256), BgJobType.DOWNLOAD)) {
            assertThat(job.getDisplayName()).hasSize(256);
            job.cancel();
        }
        if (dialect == Dialect.DO) {
            assertFails(() -> manager.createJob("u", BgJobType.UPLOAD), HResult.E_INVALIDARG);            // R15
        }
        assertFails(() -> manager.getJob(new UUID(SEED, ~SEED)), code(dialect, SemanticError.NOT_FOUND)); // R17
        assertThat(manager.dialect()).isEqualTo(dialect);
    }

    // ---- state changes and setters (R21, R26, R30-R33, R51-R56, R63-R65) ----

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void settersRoundTripAndTerminalJobsRefuseWithTheDialectCode(Dialect dialect) {
        IBackgroundCopyManager manager = open(dialect).manager();
        try (IBackgroundCopyJob job = manager.createJob("setters", BgJobType.DOWNLOAD)) {
            assertFails(job::resume, code(dialect, SemanticError.EMPTY));                                 // R21
            for (BgJobPriority p : BgJobPriority.values()) {
                job.setPriority(p);
                assertThat(job.getPriority()).isEqualTo(p);                                               // R63
            }
            job.setNotifyFlags(0x1F);
            assertThat(job.getNotifyFlags()).isEqualTo(0x1F);                                             // R52
            assertFails(() -> job.setNotifyFlags(0x40), HResult.E_NOTIMPL);                               // R53
            assertThat(job.getNotifyFlags()).isEqualTo(0x1F);
            job.setNoProgressTimeout(0xFFFF_FFFFL);
            assertThat(job.getNoProgressTimeout()).isEqualTo(0xFFFF_FFFFL);                               // R65, unsigned
            job.setNoProgressTimeout(0);
            assertThat(job.getNoProgressTimeout()).isZero();
            assertFails(() -> job.setNoProgressTimeout(1L << 32), HResult.E_INVALIDARG);
            job.suspend();
            assertThat(job.getState()).isEqualTo(BgJobState.SUSPENDED);                                   // R29
            UUID id = job.getId();
            job.cancel();
            assertThat(job.getState()).isEqualTo(BgJobState.CANCELLED);                                   // R30, R34
            HResult invalid = code(dialect, SemanticError.INVALID_STATE);
            assertFails(job::cancel, invalid);                                                            // R31
            assertFails(job::resume, invalid);                                                            // R26
            assertFails(job::suspend, invalid);
            assertFails(job::complete, invalid);                                                          // R37
            assertFails(() -> job.setPriority(BgJobPriority.HIGH), invalid);                              // R66
            assertFails(() -> job.setNotifyFlags(1), invalid);                                            // R54
            assertFails(() -> job.setNoProgressTimeout(5), invalid);
            assertFails(() -> job.setNotifyInterface(null), invalid);                                     // R56
            assertFails(() -> manager.getJob(id), code(dialect, SemanticError.NOT_FOUND));                // R33
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void getNotifyInterfaceReturnsTheVeryCallbackRegistered(Dialect dialect) {
        IBackgroundCopyManager manager = open(dialect).manager();
        IBackgroundCopyCallback callback = new IBackgroundCopyCallback() { };
        try (IBackgroundCopyJob job = manager.createJob("cb", BgJobType.DOWNLOAD)) {
            job.setNotifyInterface(callback);
            assertThat(job.getNotifyInterface()).containsSame(callback);                                  // R55
            IBackgroundCopyCallback other = new IBackgroundCopyCallback() { };
            job.setNotifyInterface(other);
            assertThat(job.getNotifyInterface()).containsSame(other);
            job.setNotifyInterface(null);
            assertThat(job.getNotifyInterface()).isEmpty();
            job.setNotifyInterface(callback);
            job.cancel();
        }
    }

    // ---- files and enumerators (R72, R82-R92, R95-R100) ----

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void filesAndEnumeratorsCrossTheBoundaryIntact(Dialect dialect) {
        IBackgroundCopyManager manager = open(dialect).manager();
        String a = url("a.bin");
        String b = url("b.bin");
        Path localA = dir.resolve("ä a.bin");
        Path localB = dir.resolve("b.bin");
        try (IBackgroundCopyJob job = manager.createJob("files", BgJobType.DOWNLOAD)) {
            List<BgFileRange> descending = List.of(new BgFileRange(100, 50), new BgFileRange(0, 10));
            if (dialect == Dialect.DO) {
                job.addFileWithRanges("a", a, localA.toString(), descending, 1000);
                job.addFileWithRanges("b", b, localB.toString(), List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
                assertFails(() -> job.addFileWithRanges("c", a, dir.resolve("c").toString(),
                        List.of(new BgFileRange(0, 10), new BgFileRange(5, 10)), 1000),
                        HResult.DO_E_OVERLAPPING_RANGES);                                                  // R97
                assertFails(() -> job.addFileWithRanges("d", a, dir.resolve("d").toString(),
                        List.of(new BgFileRange(BgFileRange.BG_LENGTH_TO_EOF, 1)), 1000),
                        HResult.DO_E_INVALID_RANGE);                                                       // R96
                assertFails(() -> job.addFileWithRanges("e", a, "", List.of(), 1000), HResult.E_INVALIDARG); // R95
            } else {
                job.addFileSet(List.of(new BgFileInfo(a, localA.toString())));
                job.addFile(b, localB.toString());
                assertFails(() -> job.addFileWithRanges("a", a, localA.toString(), descending, 1000),
                        HResult.E_NOINTERFACE);                                                            // Feature doc
            }
            assertThat(job.getProgress().filesTotal()).isEqualTo(2);                                       // R72, R100
            try (IEnumBackgroundCopyFiles files = job.enumFiles()) {
                assertThat(files.getCount()).isEqualTo(2);
                List<IBackgroundCopyFile> first = files.next(1);
                assertThat(first).hasSize(1);                                                              // R84
                IBackgroundCopyFile fa = first.get(0);
                assertThat(fa.getRemoteName()).isEqualTo(a);                                               // R82
                assertThat(fa.getLocalName()).isEqualTo(localA.toString());
                assertThat(fa.getProgress()).isEqualTo(new BgFileProgress(
                        dialect == Dialect.DO ? 60 : BgJobProgress.BG_SIZE_UNKNOWN, 0, false));          // R79, R80
                if (dialect == Dialect.DO) {
                    assertThat(fa.getFileRanges()).containsExactly(new BgFileRange(0, 10), new BgFileRange(100, 50)); // R92
                } else {
                    assertThat(fa.getFileRanges()).isEmpty();                                              // R92 S_FALSE
                }
                assertThat(files.getCount()).isEqualTo(2);                                                 // R89
                List<IBackgroundCopyFile> rest = files.next(5);
                assertThat(rest).hasSize(1);                                                               // S_FALSE, fewer
                assertThat(rest.get(0).getRemoteName()).isEqualTo(b);                                      // R90
                assertThat(rest.get(0).getFileRanges()).isEmpty();
                assertThat(files.next(1)).isEmpty();
                files.reset();
                assertThat(files.skip(2)).isEqualTo(HResult.S_OK);                                        // R87, R88
                assertThat(files.skip(1)).isEqualTo(HResult.S_FALSE);
                files.reset();
                assertThat(files.next(0)).isEmpty();
                if (dialect == Dialect.DO) {
                    assertFails(files::clone, HResult.E_NOTIMPL);                                          // R91
                } else {
                    files.reset();
                    files.skip(1);
                    try (IEnumBackgroundCopyFiles clone = files.clone()) {
                        assertThat(clone.getCount()).isEqualTo(2);
                        assertThat(clone.next(2)).hasSize(1);
                    }
                }
                String moved = url("moved.bin");
                fa.setRemoteName(moved);
                assertThat(fa.getRemoteName()).isEqualTo(moved);                                           // R93
                assertFails(() -> fa.setRemoteName("not a url"), HResult.E_INVALIDARG);
                fa.close();
                rest.get(0).close();
            }
            job.cancel();
        }
    }

    // ---- BITS-only slots (R108 in DO, §4.9 in BITS) ----

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void bitsOnlySlotsWorkInBitsAndAreNotImplementedInDo(Dialect dialect) {
        IBackgroundCopyManager manager = open(dialect).manager();
        try (IBackgroundCopyJob job = manager.createJob("bits", BgJobType.DOWNLOAD)) {
            if (dialect == Dialect.DO) {
                HResult notImpl = HResult.E_NOTIMPL;
                assertFails(() -> job.addFile(url("x"), dir.resolve("x").toString()), notImpl);
                assertFails(() -> job.addFileSet(List.of()), notImpl);
                assertFails(job::getOwner, notImpl);
                assertFails(() -> job.setDisplayName("n"), notImpl);
                assertFails(() -> job.setDescription("d"), notImpl);
                assertFails(job::getDescription, notImpl);
                assertFails(() -> job.setMinimumRetryDelay(5), notImpl);
                assertFails(job::getMinimumRetryDelay, notImpl);
                assertFails(job::getErrorCount, notImpl);
                assertFails(() -> job.setProxySettings(BgJobProxyUsage.NO_PROXY, null, null), notImpl);
                assertFails(job::getProxySettings, notImpl);
                assertFails(job::takeOwnership, notImpl);
                assertFails(() -> manager.enumJobs(), notImpl);
                assertFails(() -> manager.getErrorDescription(HResult.BG_E_EMPTY, Locale.ENGLISH), notImpl);
                assertThat(job.getDisplayName()).isEqualTo("bits");
            } else {
                assertThat(job.getOwner()).isNotEmpty();
                job.setDisplayName("renamed \u00e9");
                assertThat(job.getDisplayName()).isEqualTo("renamed \u00e9");
                assertThat(job.getDescription()).isEmpty();
                job.setDescription("about");
                assertThat(job.getDescription()).isEqualTo("about");
                job.setMinimumRetryDelay(0xFFFF_FFFEL);
                assertThat(job.getMinimumRetryDelay()).isEqualTo(0xFFFF_FFFEL);
                assertThat(job.getErrorCount()).isZero();
                assertThat(job.getProxySettings()).isEqualTo(BgProxySettings.PRECONFIG);
                job.setProxySettings(BgJobProxyUsage.OVERRIDE, "proxy:8080", "<local>");
                assertThat(job.getProxySettings())
                        .isEqualTo(new BgProxySettings(BgJobProxyUsage.OVERRIDE, "proxy:8080", "<local>"));
                job.takeOwnership();
                try (IEnumBackgroundCopyJobs jobs = manager.enumJobs()) {
                    assertThat(jobs.getCount()).isEqualTo(1);
                    List<IBackgroundCopyJob> listed = jobs.next(1);
                    assertThat(listed.get(0).getId()).isEqualTo(job.getId());
                    listed.get(0).close();
                    try (IEnumBackgroundCopyJobs clone = jobs.clone()) {
                        assertThat(clone.next(1)).isEmpty();
                    }
                }
                assertThat(manager.getErrorDescription(HResult.BG_E_EMPTY, Locale.ENGLISH)).isNotEmpty();
            }
            assertThat(job.queryInterface(IDeliveryOptimizationJob2.class).isPresent()).isEqualTo(dialect == Dialect.DO);
            job.cancel();
        }
    }

    // ---- IBackgroundCopyJob5 / IBackgroundCopyFile5 in both dialects (§3.17, §3.18) ----

    /**
     * The Job5 and File5 wrappers are Job4 and File4 in Java, as natively; asked for those, they answer as the
     * service does: BITS has them, Delivery Optimization answers E_NOINTERFACE (§4.13-§4.16).
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void job5AndFile5AnswerOnlyTheInterfacesTheirServiceHas(Dialect dialect) {
        IBackgroundCopyManager manager = open(dialect).manager();
        try (IBackgroundCopyJob job = manager.createJob("five", BgJobType.DOWNLOAD)) {
            if (dialect == Dialect.DO) {
                job.addFileWithRanges("five", url("five.bin"), dir.resolve("five.bin").toString(), List.of(),
                        IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
            } else {
                job.addFile(url("five.bin"), dir.resolve("five.bin").toString());
            }
            boolean bits = dialect == Dialect.BITS;
            try (dev.bgcopy.api.IBackgroundCopyJob5 job5 = job.queryInterface(dev.bgcopy.api.IBackgroundCopyJob5.class).orElseThrow();
                    IBackgroundCopyFile file = job.enumFiles().next(1).get(0);
                    dev.bgcopy.api.IBackgroundCopyFile5 file5 = file.queryInterface(dev.bgcopy.api.IBackgroundCopyFile5.class).orElseThrow()) {
                assertThat(job5.queryInterface(dev.bgcopy.api.IBackgroundCopyJob4.class).isPresent()).isEqualTo(bits);
                assertThat(job5.queryInterface(dev.bgcopy.api.IBackgroundCopyJob2.class).isPresent()).isEqualTo(bits);
                assertThat(job5.queryInterface(IBackgroundCopyJob.class)).containsSame(job5);
                assertThat(file5.queryInterface(dev.bgcopy.api.IBackgroundCopyFile4.class).isPresent()).isEqualTo(bits);
                assertThat(file5.queryInterface(dev.bgcopy.api.IBackgroundCopyFile6.class).isPresent()).isEqualTo(bits);
                assertThat(file5.getProperty(dev.bgcopy.api.BitsFilePropertyId.HTTP_RESPONSE_HEADERS)).isEmpty();
            }
            job.cancel();
        }
    }

    // ---- IBackgroundCopyJobHttpOptions3's validation callback (§3.22, §4.22) ----

    /**
     * The application's certificate check crosses as a COM object of the binding's: the service keeps that object,
     * not the Java one, and calling it the way BITS would during a handshake reaches the Java check with the job, the
     * file and the certificate bytes, and brings its HRESULT back.
     */
    @Test
    void aValidationCallbackIsExportedKeptByTheServiceAndAnswersThroughItsVtable() {
        IBackgroundCopyManager manager = open(Dialect.BITS).manager();
        byte[] cert = {0x30, (byte) 0x82, 0x01, 0x0A, 0x02};
        byte[] store = {0x09, 0x08, 0x07};
        List<String> seen = new ArrayList<>();
        IBackgroundCopyServerCertificateValidationCallback check = (job, file, certData, encoding, certStore) -> {
            seen.add(job.getId() + " " + file.getRemoteName() + " " + java.util.Arrays.toString(certData) + " 0x"
                    + Integer.toHexString(encoding) + " " + java.util.Arrays.toString(certStore));
            return HResult.E_ACCESSDENIED;
        };
        try (IBackgroundCopyJob job = manager.createJob("tls", BgJobType.DOWNLOAD)) {
            job.addFile(url("cert.bin"), dir.resolve("cert.bin").toString());
            IBackgroundCopyJobHttpOptions3 http = job.queryInterface(IBackgroundCopyJobHttpOptions3.class).orElseThrow();
            http.setServerCertificateValidationInterface(check);
            assertThat(http.serverCertificateValidationInterface()).containsSame(check);

            IBackgroundCopyJob served = simulator.getJob(job.getId());
            IBackgroundCopyJobHttpOptions3 servedHttp = served.queryInterface(IBackgroundCopyJobHttpOptions3.class).orElseThrow();
            IBackgroundCopyServerCertificateValidationCallback kept = servedHttp.serverCertificateValidationInterface().orElseThrow();
            assertThat(kept).as("the service holds the exported object").isNotSameAs(check);
            IBackgroundCopyFile servedFile = served.enumFiles().next(1).get(0);
            assertThat(kept.validateServerCertificate(served, servedFile, cert, 0x10001, store)).isEqualTo(HResult.E_ACCESSDENIED);
            assertThat(seen).containsExactly(job.getId() + " " + url("cert.bin") + " [48, -126, 1, 10, 2] 0x10001 [9, 8, 7]");

            http.setServerCertificateValidationInterface(null);
            assertThat(http.serverCertificateValidationInterface()).isEmpty();
            assertThat(servedHttp.serverCertificateValidationInterface()).as("NULL removes it").isEmpty();
            http.close();
            job.cancel();
        }
    }

    // ---- DO extensions (R102-R107) ----

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = "DO")
    void deliveryOptimizationExtensionsCarryVariantsAndSwarmStats(Dialect dialect) {
        IBackgroundCopyManager manager = open(dialect).manager();
        String url = url("do.bin");
        try (IBackgroundCopyJob job = manager.createJob("do", BgJobType.DOWNLOAD);
                IDeliveryOptimizationJob2 job2 = job.queryInterface(IDeliveryOptimizationJob2.class).orElseThrow()) {
            assertThat(job2.getProperty(DoJobPropertyId.EXTENDED_ERROR_INFO.nativeValue())).isInstanceOf(String.class); // R103
            assertFails(() -> job2.getProperty(7), HResult.DO_E_UNKNOWN_PROPERTY_ID);
            assertFails(() -> job2.setProperty(0, "x"), HResult.DO_E_READ_ONLY_PROPERTY);                 // R104
            assertFails(() -> job2.setProperty(7, "x"), HResult.DO_E_UNKNOWN_PROPERTY_ID);
            try (IDeliveryOptimizationFile file = job2.addFile("id-1", url, List.of(new BgFileRange(0, 4)))) {   // R102
                assertThat(job.getProgress().filesTotal()).isEqualTo(1);
                DoSwarmStats stats = file.getStats();                                                      // R107
                assertThat(stats.fileId()).isEqualTo("id-1");
                assertThat(stats.sourceUrl()).isEqualTo(url);
                try (IDeliveryOptimizationFile2 file2 = file.queryInterface(IDeliveryOptimizationFile2.class).orElseThrow()) {
                    assertFails(() -> file2.getProperty(DoFilePropertyId.INTEGRITY_CHECK_MANDATORY), HResult.E_NOT_SET); // R106
                    file2.setProperty(DoFilePropertyId.INTEGRITY_CHECK_MANDATORY, true);
                    assertThat(file2.getProperty(DoFilePropertyId.INTEGRITY_CHECK_MANDATORY)).isEqualTo(true);
                    file2.setProperty(DoFilePropertyId.DECRYPTION_INFO, "{}");
                    assertFails(() -> file2.getProperty(DoFilePropertyId.DECRYPTION_INFO),
                            HResult.DO_E_WRITE_ONLY_PROPERTY);                                             // R105
                    String sink = dir.resolve("sink.bin").toString();
                    file2.setProperty(DoFilePropertyId.DOWNLOAD_SINK_FILE_PATH, sink);
                    assertThat(file2.getProperty(DoFilePropertyId.DOWNLOAD_SINK_FILE_PATH)).isEqualTo(sink);
                    assertFails(() -> file2.setProperty(DoFilePropertyId.INTEGRITY_CHECK_MANDATORY, "yes"),
                            HResult.E_INVALIDARG);
                    assertFails(() -> file2.setProperty(DoFilePropertyId.TOTAL_SIZE_BYTES, 1.5), HResult.E_INVALIDARG);
                }
                try (IBackgroundCopyFile asFile = file.queryInterface(IBackgroundCopyFile.class).orElseThrow()) {
                    assertThat(asFile.getRemoteName()).isEqualTo(url);
                    assertThat(asFile.getFileRanges()).containsExactly(new BgFileRange(0, 4));
                }
            }
            job.cancel();
        }
    }

    // ---- a real transfer with callbacks (R35, R57, R71, R81) ----

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aTransferCompletesWithCallbacksThroughTheNativeVtable(Dialect dialect) throws Exception {
        IBackgroundCopyManager manager = open(dialect).manager();
        byte[] bytes = new byte[200_000];
        new Random(SEED).nextBytes(bytes);
        String url = network.serve(url("payload.bin"), bytes).url();
        Path local = dir.resolve("payload.bin");
        CountDownLatch transferred = new CountDownLatch(1);
        AtomicReference<BgJobState> stateInCallback = new AtomicReference<>();
        AtomicReference<String> fileInCallback = new AtomicReference<>();
        try (IBackgroundCopyJob job = manager.createJob("transfer", BgJobType.DOWNLOAD)) {
            if (dialect == Dialect.DO) {
                job.addFileWithRanges("payload", url, local.toString(), List.of(), bytes.length);
            } else {
                job.addFile(url, local.toString());
            }
            job.setNotifyFlags(BgNotify.JOB_TRANSFERRED.nativeValue() | BgNotify.FILE_TRANSFERRED.nativeValue());
            job.setNotifyInterface(new IBackgroundCopyCallback() {
                @Override
                public HResult jobTransferred(IBackgroundCopyJob j) {
                    stateInCallback.set(j.getState());   // calls back into the binding from the service thread
                    transferred.countDown();
                    return HResult.S_OK;
                }

                @Override
                public HResult fileTransferred(IBackgroundCopyJob j, IBackgroundCopyFile file) {
                    fileInCallback.set(file.getRemoteName());
                    return HResult.S_OK;
                }
            });
            job.resume();
            simulator.runUntilIdle();
            boolean delivered = transferred.await(30, TimeUnit.SECONDS);
            assertThat(delivered).as("JobTransferred delivered; job is %s, %s", job.getState(), job.getProgress())
                    .isTrue();
            assertThat(stateInCallback.get()).isEqualTo(BgJobState.TRANSFERRED);                           // R57
            assertThat(fileInCallback.get()).isEqualTo(url);
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            BgJobProgress progress = job.getProgress();
            assertThat(progress).isEqualTo(new BgJobProgress(bytes.length, bytes.length, 1, 1));          // R77
            assertThat(job.getTimes().transferCompleted()).isPresent();                                    // R71
            assertFails(job::getError, code(dialect, SemanticError.NO_ERROR_INFO));                        // R41
            assertThat(job.complete()).isEqualTo(HResult.S_OK);                                            // R35
            assertThat(job.getState()).isEqualTo(BgJobState.ACKNOWLEDGED);
            try (IEnumBackgroundCopyFiles files = job.enumFiles()) {
                IBackgroundCopyFile file = files.next(1).get(0);
                assertThat(file.getProgress().completed()).isTrue();
                file.close();
            }
            assertThat(sha256(Files.readAllBytes(local))).isEqualTo(sha256(bytes));
            assertFails(job::complete, code(dialect, SemanticError.INVALID_STATE));                         // R36
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void completingAnUnfinishedJobReturnsTheDialectsSuccessCode(Dialect dialect) {
        IBackgroundCopyManager manager = open(dialect).manager();
        try (IBackgroundCopyJob job = manager.createJob("partial", BgJobType.DOWNLOAD)) {
            String url = url("never.bin");
            if (dialect == Dialect.DO) {
                job.addFileWithRanges("never", url, dir.resolve("never.bin").toString(), List.of(), 10);
            } else {
                job.addFile(url, dir.resolve("never.bin").toString());
            }
            HResult hr = job.complete();                                                                    // R38, R39
            assertThat(hr).isEqualTo(dialect == Dialect.DO ? HResult.S_OK : HResult.BG_S_PARTIAL_COMPLETE);
            assertThat(job.getState()).isEqualTo(BgJobState.ACKNOWLEDGED);
            assertThat(Files.exists(dir.resolve("never.bin"))).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aFatalHttpErrorArrivesAsJobErrorWithItsErrorObject(Dialect dialect) throws Exception {
        IBackgroundCopyManager manager = open(dialect).manager();
        String missing = url("missing.bin");
        CountDownLatch failed = new CountDownLatch(1);
        AtomicReference<BgError> seen = new AtomicReference<>();
        AtomicReference<String> fileName = new AtomicReference<>();
        try (IBackgroundCopyJob job = manager.createJob("error", BgJobType.DOWNLOAD)) {
            if (dialect == Dialect.DO) {
                job.addFileWithRanges("m", missing, dir.resolve("m.bin").toString(), List.of(), 10);
            } else {
                job.addFile(missing, dir.resolve("m.bin").toString());
            }
            job.setNotifyInterface(new IBackgroundCopyCallback() {
                @Override
                public HResult jobError(IBackgroundCopyJob j, IBackgroundCopyError error) {
                    seen.set(error.getError());
                    try (IBackgroundCopyFile f = error.getFile()) {
                        fileName.set(f.getRemoteName());
                    }
                    failed.countDown();
                    return HResult.S_OK;
                }
            });
            job.resume();
            simulator.runUntilIdle();
            assertThat(failed.await(30, TimeUnit.SECONDS)).as("JobError delivered").isTrue();              // R58
            assertThat(seen.get()).isEqualTo(new BgError(
                    dialect == Dialect.DO ? BgErrorContext.NONE : BgErrorContext.REMOTE_FILE, HResult.BG_E_HTTP_ERROR_404));
            assertThat(fileName.get()).isEqualTo(missing);                                                  // R46
            assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
            try (IBackgroundCopyError error = job.getError()) {                                              // R42
                assertThat(error.getError().code()).isEqualTo(HResult.BG_E_HTTP_ERROR_404);
                if (dialect == Dialect.DO) {
                    assertFails(error::getProtocol, HResult.E_NOTIMPL);
                    assertFails(() -> error.getErrorDescription(Locale.ENGLISH), HResult.E_NOTIMPL);
                    assertFails(() -> error.getErrorContextDescription(Locale.ENGLISH), HResult.E_NOTIMPL);
                } else {
                    assertThat(error.getProtocol()).isEqualToIgnoringCase("https");
                    assertThat(error.getErrorDescription(Locale.ENGLISH)).isNotEmpty();
                    assertThat(error.getErrorContextDescription(Locale.ENGLISH)).isNotEmpty();
                }
            }
            job.cancel();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void wrappersWorkFromManyThreadsAtOnce(Dialect dialect) throws Exception {
        IBackgroundCopyManager manager = open(dialect).manager();
        IBackgroundCopyJob shared = manager.createJob("shared", BgJobType.DOWNLOAD);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int checks = 0;
                    for (int i = 0; i < 25; i++) {
                        BgJobPriority p = BgJobPriority.values()[(thread + i) % 4];
                        try (IBackgroundCopyJob job = manager.createJob("t" + thread + "-" + i, BgJobType.DOWNLOAD)) {
                            job.setPriority(p);
                            assertThat(job.getPriority()).isEqualTo(p);
                            assertThat(job.getDisplayName()).isEqualTo("t" + thread + "-" + i);
                            job.cancel();
                        }
                        assertThat(shared.getProgress()).isEqualTo(BgJobProgress.EMPTY);
                        checks++;
                    }
                    return checks;
                }));
            }
            for (java.util.concurrent.Future<Integer> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS)).isEqualTo(25);
            }
        } finally {
            pool.shutdownNow();
        }
        shared.cancel();
        shared.close();
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

}
