package dev.bgcopy.testing.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Callback;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IDeliveryOptimizationJob2;
import dev.bgcopy.testing.loopback.LoopbackComRuntime;
import dev.bgcopy.windows.internal.BindingAccess;
import dev.bgcopy.windows.internal.ComObject;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.Guids;
import dev.bgcopy.windows.internal.ServiceKind;
import dev.bgcopy.windows.internal.Structs;
import dev.bgcopy.windows.internal.WindowsLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binding against code it did not write: {@code src/test/c/foreign_com.c}, compiled here by the
 * system C compiler (skipped, visibly, where there is none or the platform is not 64-bit). Its struct
 * layouts are the C compiler's, its {@code IBackgroundCopyJob} vtable is a C struct in IDL order, and
 * it calls the callback wrapper the way a service would, so neither side is built by our own vtable
 * machinery.
 */
class ForeignCodeTest {

    private static NativeLibrary library;

    @TempDir
    static Path build;

    private final LoopbackComRuntime runtime = new LoopbackComRuntime();

    /** {@code void *(*)(size_t)}: the C job allocates the strings it returns through the runtime. */
    public interface Allocator extends Callback {
        /** {@code CoTaskMemAlloc}. */
        Pointer allocate(long size);
    }

    private final Allocator allocator = runtime::coTaskMemAlloc;

    @BeforeAll
    static void compile() throws IOException, InterruptedException {
        assumeTrue(Platform.is64Bit() && !Platform.isWindows(),
                "the C oracle stands for Windows x64 only on a 64-bit System V platform");
        Path source = Path.of("src/test/c/foreign_com.c").toAbsolutePath();
        assumeTrue(Files.exists(source), "no C source at " + source);
        Path lib = build.resolve(System.mapLibraryName("foreign_com"));
        Process gcc;
        try {
            gcc = new ProcessBuilder("cc", "-std=c11", "-O1", "-Wall", "-Wextra", "-Werror", "-shared", "-fPIC",
                    "-o", lib.toString(), source.toString()).redirectErrorStream(true).start();
        } catch (IOException noCompiler) {
            assumeTrue(false, "no C compiler (cc) on PATH: " + noCompiler.getMessage());
            return;
        }
        String output = new String(gcc.getInputStream().readAllBytes());
        assertThat(gcc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(gcc.exitValue()).as(output).isZero();
        library = NativeLibrary.getInstance(lib.toString());
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private static List<Integer> layout(String function) {
        int[] out = new int[32];
        int n = library.getFunction(function).invokeInt(new Object[] {out});
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(out[i]);
        }
        return values;
    }

    private static List<Integer> ours(Class<? extends Structs.NativeStruct> type) {
        WindowsLayout x64 = WindowsLayout.of(type, WindowsLayout.X64);
        List<Integer> values = new ArrayList<>(List.of(x64.size(), x64.alignment()));
        values.addAll(x64.offsets().values());
        return values;
    }

    @Test
    void theCompilersLayoutsEqualTheX64Column() {
        assertThat(layout("layout_job_progress")).isEqualTo(ours(Structs.JobProgress.class));
        assertThat(layout("layout_job_times")).isEqualTo(ours(Structs.JobTimes.class));
        assertThat(layout("layout_file_progress")).isEqualTo(ours(Structs.FileProgress.class));
        assertThat(layout("layout_file_range")).isEqualTo(ours(Structs.FileRange.class));
        assertThat(layout("layout_file_info")).isEqualTo(ours(Structs.FileInfo.class));
        assertThat(layout("layout_swarm_stats")).isEqualTo(ours(Structs.SwarmStats.class));
        assertThat(layout("layout_swarm_stats").get(0)).isEqualTo(136);
    }

    @Test
    void theFacadeReadsAJobWrittenInC() {
        Pointer cJob = library.getFunction("c_job_create").invokePointer(new Object[] {allocator});
        IBackgroundCopyJob job = BindingAccess.get().adoptJob(ServiceKind.DELIVERY_OPTIMIZATION,
                ComPtr.adopt(runtime, cJob, "IBackgroundCopyJob"));
        assertThat(job.getId()).isEqualTo(UUID.fromString("01234567-89AB-CDEF-0123-456789ABCDEF"));
        assertThat(job.getType()).isEqualTo(BgJobType.DOWNLOAD);
        assertThat(job.getProgress()).isEqualTo(new BgJobProgress(BgJobProgress.BG_SIZE_UNKNOWN,
                0x8000_0000_0000_0001L, 0xFFFF_FFFFL, 7));
        BgJobTimes times = job.getTimes();
        assertThat(times.creationTime()).isEqualTo(Instant.EPOCH);
        assertThat(times.modificationFileTime()).isEqualTo(0x0100_0000_FFFF_FFFFL);
        assertThat(times.transferCompleted()).isEmpty();
        assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
        job.setDisplayName("naïve \uD83D\uDE00");
        assertThat(job.getDisplayName()).isEqualTo("naïve \uD83D\uDE00");
        assertThat(job.complete()).isEqualTo(HResult.BG_S_PARTIAL_COMPLETE);
        assertThatThrownBy(job::resume).isInstanceOfSatisfying(BackgroundCopyException.class,
                e -> assertThat(e.hresult()).isEqualTo(HResult.BG_E_INVALID_STATE));
        assertThatThrownBy(job::getError).isInstanceOfSatisfying(BackgroundCopyException.class,
                e -> assertThat(e.hresult()).isEqualTo(HResult.BG_E_ERROR_INFORMATION_UNAVAILABLE));
        assertThatThrownBy(() -> job.setPriority(BgJobPriority.LOW)).isInstanceOfSatisfying(
                BackgroundCopyException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.E_NOTIMPL));
        assertThat(job.queryInterface(IDeliveryOptimizationJob2.class)).isEmpty();
        assertThatThrownBy(() -> job.addFileWithRanges("f", "https://x/", "/tmp/f", List.of(), 1))
                .isInstanceOfSatisfying(BackgroundCopyException.class,
                        e -> assertThat(e.hresult()).isEqualTo(HResult.E_NOINTERFACE));
        assertThat(refs()).isEqualTo(1);
        job.close();
        job.close();
        assertThat(refs()).isZero();
        assertThat(runtime.taskAllocations()).isEqualTo(1).isEqualTo(runtime.taskFrees());
        assertThat(runtime.invalidFrees()).isZero();
    }

    @Test
    void cCallsTheCallbackWrapperAsAServiceWould() {
        Pointer cJob = library.getFunction("c_job_create").invokePointer(new Object[] {allocator});
        AtomicInteger transferred = new AtomicInteger();
        ComObject callback = BindingAccess.get().exportCallback(runtime, ServiceKind.DELIVERY_OPTIMIZATION, new IBackgroundCopyCallback() {
            @Override
            public HResult jobTransferred(IBackgroundCopyJob job) {
                assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
                transferred.incrementAndGet();
                return HResult.S_OK;
            }

            @Override
            public HResult jobModification(IBackgroundCopyJob job) {
                return HResult.S_FALSE;
            }
        });
        Memory iidCallback = Guids.toNative(Guids.IID_IBACKGROUND_COPY_CALLBACK);
        Memory iidRefused = Guids.toNative(Guids.IID_IBACKGROUND_COPY_JOB);
        int[] r = new int[16];
        int n = library.getFunction("c_drive_callback")
                .invokeInt(new Object[] {callback.pointer(), iidCallback, iidRefused, cJob, r});
        assertThat(n).isEqualTo(9);
        assertThat(r[0]).as("QueryInterface(IID_IBackgroundCopyCallback)").isZero();
        assertThat(r[1]).as("one identity").isEqualTo(1);
        assertThat(r[2]).as("AddRef").isEqualTo(3);
        assertThat(r[3]).as("Release").isEqualTo(2);
        assertThat(r[4]).as("JobTransferred").isZero();
        assertThat(r[5]).as("JobModification").isEqualTo(HResult.S_FALSE.value());
        assertThat(r[6]).as("QueryInterface(IID_IBackgroundCopyJob)").isEqualTo(HResult.E_NOINTERFACE.value());
        assertThat(r[7]).as("refused out-pointer NULL").isEqualTo(1);
        assertThat(r[8]).as("service's final Release").isEqualTo(1);
        assertThat(transferred).hasValue(1);
        assertThat(refs()).as("the [cb-param] job was released after each call").isEqualTo(1);
        assertThat(callback.release()).isZero();
        assertThat(Native.POINTER_SIZE).isEqualTo(8);
    }

    private static int refs() {
        return library.getFunction("c_job_refs").invokeInt(new Object[0]);
    }
}
