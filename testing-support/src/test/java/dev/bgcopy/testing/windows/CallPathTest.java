package dev.bgcopy.testing.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import dev.bgcopy.api.BgFileInfo;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.simulator.Simulator;
import dev.bgcopy.simulator.SimulatorConfig;
import dev.bgcopy.simulator.SimulatorManager;
import dev.bgcopy.testing.loopback.LoopbackComRuntime;
import dev.bgcopy.testing.loopback.LoopbackService;
import dev.bgcopy.windows.internal.Apartment;
import dev.bgcopy.windows.internal.BindingAccess;
import dev.bgcopy.windows.internal.ComMethod;
import dev.bgcopy.windows.internal.ComObject;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.ComVtable;
import dev.bgcopy.windows.internal.Guids;
import dev.bgcopy.windows.internal.ServiceKind;
import dev.bgcopy.windows.internal.Slots;
import dev.bgcopy.windows.internal.Structs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a binding call runs, proved by the thread the loopback's service saw: on the caller's own
 * thread when it is in the (implicit) MTA, on the COM thread when the caller is in an STA; the service
 * refuses a call from an STA that did not hop, as a real proxy does; and a call re-entering the binding
 * on the same thread never writes into the outer call's out-buffer.
 */
@Timeout(60)
class CallPathTest {

    private static final String GET_PROGRESS = "IBackgroundCopyJob::GetProgress";

    @TempDir
    Path dir;

    private SimulatorManager simulator;
    private LoopbackService service;
    private LoopbackComRuntime runtime;
    private IBackgroundCopyJob job;
    /** A thread of the test's own, so that the apartments it enters never outlive the test. */
    private final ExecutorService caller = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-caller"));

    @BeforeEach
    void open() {
        simulator = Simulator.newManager(SimulatorConfig.deterministic().toBuilder().dialect(Dialect.BITS).build());
        service = LoopbackService.open(simulator);
        runtime = service.runtime();
        job = service.manager().createJob("call path", BgJobType.DOWNLOAD);
        job.addFileSet(List.of(new BgFileInfo("https://cdn.example.test/a", dir.resolve("a").toString())));
    }

    @AfterEach
    void close() throws Exception {
        caller.shutdown();
        assertThat(caller.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        job.cancel();
        job.close();
        service.close();
        simulator.close();
    }

    private <T> T onCaller(Callable<T> body) throws Exception {
        return caller.submit(body).get(30, TimeUnit.SECONDS);
    }

    @Test
    void aThreadThatNeverInitialisedComCallsTheServiceItself() throws Exception {
        Thread self = onCaller(() -> {
            assertThat(runtime.apartmentOfCurrentThread()).isEqualTo(Apartment.IMPLICIT_MTA);
            assertThat(job.getProgress().filesTotal()).isEqualTo(1);
            return Thread.currentThread();
        });
        assertThat(runtime.lastCaller(GET_PROGRESS)).contains(self);
    }

    @Test
    void aThreadInAnStaHopsToTheComThreadAndReadsTheSameValues() throws Exception {
        BgJobProgress direct = job.getProgress();
        AtomicReference<Thread> self = new AtomicReference<>();
        BgJobProgress hopped = onCaller(() -> {
            self.set(Thread.currentThread());
            assertThat(LoopbackComRuntime.coInitializeEx(LoopbackComRuntime.COINIT_APARTMENTTHREADED))
                    .isEqualTo(HResult.S_OK.value());
            try {
                assertThat(runtime.apartmentOfCurrentThread()).isEqualTo(Apartment.STA);
                return job.getProgress();
            } finally {
                LoopbackComRuntime.coUninitialize();
            }
        });
        assertThat(hopped).isEqualTo(direct);
        Thread ran = runtime.lastCaller(GET_PROGRESS).orElseThrow();
        assertThat(ran).isNotSameAs(self.get());
        assertThat(ran.getName()).isEqualTo("bgcopy-com-loopback");
    }

    @Test
    void aThreadThatEntersAnStaAfterCallingDirectlyHopsFromThen() throws Exception {
        List<Thread> ranOn = onCaller(() -> {
            List<Thread> seen = new ArrayList<>();
            job.getProgress();
            seen.add(runtime.lastCaller(GET_PROGRESS).orElseThrow());
            LoopbackComRuntime.coInitializeEx(LoopbackComRuntime.COINIT_APARTMENTTHREADED);
            try {
                job.getProgress();
                seen.add(runtime.lastCaller(GET_PROGRESS).orElseThrow());
            } finally {
                LoopbackComRuntime.coUninitialize();
            }
            seen.add(Thread.currentThread());
            return seen;
        });
        assertThat(ranOn.get(0)).isSameAs(ranOn.get(2));
        assertThat(ranOn.get(1).getName()).isEqualTo("bgcopy-com-loopback");
    }

    @Test
    void theServiceRefusesACallFromAnStaThatDidNotHop() throws Exception {
        Pointer raw = BindingAccess.get().reference(job).orElseThrow().pointer();
        int hr = onCaller(() -> {
            LoopbackComRuntime.coInitializeEx(LoopbackComRuntime.COINIT_APARTMENTTHREADED);
            try {
                return ComPtr.callSlot(raw, Slots.Job.GET_PROGRESS, new Memory(24));
            } finally {
                LoopbackComRuntime.coUninitialize();
            }
        });
        assertThat(hr).isEqualTo(LoopbackComRuntime.RPC_E_WRONG_THREAD);
    }

    @Test
    void coInitializeExAnswersAsComDoes() throws Exception {
        onCaller(() -> {
            int sta = LoopbackComRuntime.COINIT_APARTMENTTHREADED;
            int mta = LoopbackComRuntime.COINIT_MULTITHREADED;
            assertThat(LoopbackComRuntime.coInitializeEx(mta)).isEqualTo(HResult.S_OK.value());
            assertThat(runtime.apartmentOfCurrentThread()).isEqualTo(Apartment.MTA);
            assertThat(LoopbackComRuntime.coInitializeEx(mta)).isEqualTo(HResult.S_FALSE.value());
            assertThat(LoopbackComRuntime.coInitializeEx(sta)).isEqualTo(HResult.RPC_E_CHANGED_MODE.value());
            LoopbackComRuntime.coUninitialize();
            assertThat(runtime.apartmentOfCurrentThread()).as("one initialisation left").isEqualTo(Apartment.MTA);
            LoopbackComRuntime.coUninitialize();
            assertThat(runtime.apartmentOfCurrentThread()).isEqualTo(Apartment.IMPLICIT_MTA);
            assertThat(runtime.coDecrementMtaUsage(new Pointer(-1))).isEqualTo(HResult.E_INVALIDARG.value());
            return null;
        });
    }

    @Test
    void aCallReenteringTheBindingOnTheSameThreadKeepsTheOuterOutBuffer() {
        AtomicInteger depth = new AtomicInteger();
        AtomicReference<IBackgroundCopyJob> binding = new AtomicReference<>();
        AtomicReference<BgJobProgress> inner = new AtomicReference<>();
        List<ComMethod> methods = new ArrayList<>();
        for (int slot = Slots.Unknown.COUNT; slot < Slots.Job.GET_PROGRESS; slot++) {
            methods.add(ComMethod.of("Unused" + slot, (self, a) -> HResult.E_NOTIMPL.value()));
        }
        // GetProgress writes its answer first and then, while the caller's buffer holds it, calls the
        // binding again on this same thread, as an in-process object serving a call may.
        methods.add(ComMethod.of("GetProgress", (self, a) -> {
            int level = depth.getAndIncrement();
            try {
                Structs.JobProgress out = new Structs.JobProgress((Pointer) a[0]);
                out.set(new BgJobProgress(100 + level, 10 + level, 2, level));
                out.write();
                if (level == 0) {
                    inner.set(binding.get().getProgress());
                }
                return HResult.S_OK.value();
            } finally {
                depth.decrementAndGet();
            }
        }, Pointer.class));
        ComVtable vtable = ComVtable.of("ReentrantJob", Set.of(Guids.IID_IBACKGROUND_COPY_JOB), methods);
        ComObject object = ComObject.create("reentrant job", List.of(vtable), null);
        try {
            binding.set(BindingAccess.get().adoptJob(ServiceKind.BITS,
                    ComPtr.addRef(runtime, object.pointer(), "IBackgroundCopyJob")));
            assertThat(binding.get().getProgress()).isEqualTo(new BgJobProgress(100, 10, 2, 0));
            assertThat(inner.get()).isEqualTo(new BgJobProgress(101, 11, 2, 1));
            binding.get().close();
        } finally {
            object.release();
        }
    }
}
