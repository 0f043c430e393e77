package dev.bgcopy.testing.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyCallback3;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.testing.loopback.LoopbackComRuntime;
import dev.bgcopy.windows.internal.BindingAccess;
import dev.bgcopy.windows.internal.ComMethod;
import dev.bgcopy.windows.internal.ComObject;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.ComVtable;
import dev.bgcopy.windows.internal.Guids;
import dev.bgcopy.windows.internal.ServiceKind;
import dev.bgcopy.windows.internal.Slots;
import dev.bgcopy.windows.internal.Structs;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The COM-callable wrapper of an application callback (docs/contract.md §3.9), driven through its native
 * vtable exactly as a service would call it: QueryInterface, reference counting, E_NOINTERFACE,
 * dispatch of slots 3-6, and survival across garbage collections while native code holds it.
 */
class CallbackExportTest {

    /** A stand-in job object: only IUnknown, answering IID_IBackgroundCopyJob, to pass as [cb-param]. */
    private static final ComVtable BARE_JOB = ComVtable.of("BareJob", Set.of(Guids.IID_IBACKGROUND_COPY_JOB),
            List.<ComMethod>of());

    /** A stand-in file object, answering IID_IBackgroundCopyFile. */
    private static final ComVtable BARE_FILE = ComVtable.of("BareFile", Set.of(Guids.IID_IBACKGROUND_COPY_FILE),
            List.<ComMethod>of());

    private final LoopbackComRuntime runtime = new LoopbackComRuntime();

    /** The binding's callback wrapper for {@code callback}, one reference owned by the test. */
    private ComObject export(IBackgroundCopyCallback callback) {
        return BindingAccess.get().exportCallback(runtime, ServiceKind.DELIVERY_OPTIMIZATION, callback);
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private static int qi(Pointer object, UUID iid, PointerByReference out) {
        return ComPtr.callSlot(object, Slots.Unknown.QUERY_INTERFACE, Guids.toNative(iid), out);
    }

    @Test
    void answersIUnknownAndBothCallbackInterfacesWithOneIdentity() {
        ComObject cb = export(new IBackgroundCopyCallback() { });
        Pointer p = cb.pointer();
        for (UUID iid : List.of(Guids.IID_IUNKNOWN, Guids.IID_IBACKGROUND_COPY_CALLBACK, Guids.IID_IBACKGROUND_COPY_CALLBACK2)) {
            PointerByReference out = new PointerByReference();
            assertThat(qi(p, iid, out)).isEqualTo(HResult.S_OK.value());
            assertThat(out.getValue()).isEqualTo(p);
            assertThat(cb.references()).isEqualTo(2);
            assertThat(ComPtr.callSlot(out.getValue(), Slots.Unknown.RELEASE)).isEqualTo(1);
        }
        assertThat(ComPtr.callSlot(p, Slots.Unknown.RELEASE)).isZero();
    }

    @Test
    void refusesOtherInterfacesWithENoInterfaceAndANullPointer() {
        ComObject cb = export(new IBackgroundCopyCallback() { });
        PointerByReference out = new PointerByReference(new Pointer(0xDEAD));
        assertThat(qi(cb.pointer(), Guids.IID_IBACKGROUND_COPY_JOB, out)).isEqualTo(HResult.E_NOINTERFACE.value());
        assertThat(out.getValue()).isNull();
        assertThat(cb.references()).isEqualTo(1);
        cb.release();
    }

    /**
     * IBackgroundCopyCallback3 is answered only for a Java callback that implements it, so a service asks no other
     * callback about ranges; slot 7 copies the service's BG_FILE_RANGE array before the Java callback runs.
     */
    @Test
    void answersCallback3OnlyForACallbackThatHearsOfRangesAndPassesItTheRanges() {
        ComObject plain = export(new IBackgroundCopyCallback() { });
        PointerByReference out = new PointerByReference();
        assertThat(qi(plain.pointer(), Guids.IID_IBACKGROUND_COPY_CALLBACK3, out)).isEqualTo(HResult.E_NOINTERFACE.value());
        plain.release();

        List<BgFileRange> seen = new java.util.ArrayList<>();
        ComObject job = ComObject.create("job", List.of(BARE_JOB), null);
        ComObject file = ComObject.create("file", List.of(BARE_FILE), null);
        ComObject cb = export(new IBackgroundCopyCallback3() {
            @Override
            public HResult fileRangesTransferred(IBackgroundCopyJob j, dev.bgcopy.api.IBackgroundCopyFile f, List<BgFileRange> ranges) {
                seen.addAll(ranges);
                return HResult.S_FALSE;
            }
        });
        assertThat(qi(cb.pointer(), Guids.IID_IBACKGROUND_COPY_CALLBACK3, out)).isEqualTo(HResult.S_OK.value());
        List<BgFileRange> ranges = List.of(new BgFileRange(0, 10), new BgFileRange(1L << 33, BgFileRange.BG_LENGTH_TO_EOF));
        Structs.FileRange[] array = Structs.FileRange.array(ranges);
        assertThat(ComPtr.callSlot(out.getValue(), Slots.Callback3.FILE_RANGES_TRANSFERRED, job.pointer(), file.pointer(),
                ranges.size(), array[0].getPointer())).isEqualTo(HResult.S_FALSE.value());
        assertThat(seen).containsExactlyElementsOf(ranges);
        assertThat(job.references()).as("[cb-param] released").isEqualTo(1);
        assertThat(file.references()).isEqualTo(1);
        ComPtr.callSlot(out.getValue(), Slots.Unknown.RELEASE);
        cb.release();
        file.release();
        job.release();
    }

    @Test
    void countsReferencesAndLeavesTheRegistryAtZero() {
        long live = ComObject.liveCount();
        long stray = ComObject.strayCalls();
        ComObject cb = export(new IBackgroundCopyCallback() { });
        Pointer p = cb.pointer();
        assertThat(ComObject.liveCount()).isEqualTo(live + 1);
        assertThat(ComPtr.callSlot(p, Slots.Unknown.ADD_REF)).isEqualTo(2);
        assertThat(ComPtr.callSlot(p, Slots.Unknown.RELEASE)).isEqualTo(1);
        assertThat(ComPtr.callSlot(p, Slots.Unknown.RELEASE)).isZero();
        assertThat(ComObject.liveCount()).isEqualTo(live);
        assertThat(ComObject.find(p)).isNull();
        // An extra Release by a buggy caller is detected, not silently absorbed.
        assertThat(ComPtr.callSlot(p, Slots.Unknown.RELEASE)).isEqualTo(HResult.E_POINTER.value());
        assertThat(ComObject.strayCalls()).isEqualTo(stray + 1);
        assertThat(cb.references()).isZero();
    }

    @Test
    void dispatchesEverySlotToTheJavaCallbackWithAWrappedJobReleasedAfterwards() {
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<IBackgroundCopyJob> seen = new AtomicReference<>();
        ComObject job = ComObject.create("job", List.of(BARE_JOB), null);
        ComObject cb = export(new IBackgroundCopyCallback() {
            @Override
            public HResult jobTransferred(IBackgroundCopyJob j) {
                seen.set(j);
                calls.incrementAndGet();
                assertThat(job.references()).isEqualTo(2);
                return HResult.S_OK;
            }

            @Override
            public HResult jobModification(IBackgroundCopyJob j) {
                calls.incrementAndGet();
                return HResult.S_FALSE;
            }
        });
        assertThat(ComPtr.callSlot(cb.pointer(), Slots.Callback.JOB_TRANSFERRED, job.pointer())).isZero();
        assertThat(ComPtr.callSlot(cb.pointer(), Slots.Callback.JOB_MODIFICATION, job.pointer(), 0)).isEqualTo(1);
        assertThat(calls).hasValue(2);
        assertThat(seen.get().getClass().getName()).isEqualTo("dev.bgcopy.windows.WindowsBackgroundCopyJob");
        // [cb-param]: the wrapper's reference was released when the call returned.
        assertThat(job.references()).isEqualTo(1);
        cb.release();
        job.release();
    }

    @Test
    void exceptionsNeverCrossIntoNativeCode() {
        ComObject job = ComObject.create("job", List.of(BARE_JOB), null);
        ComObject cb = export(new IBackgroundCopyCallback() {
            @Override
            public HResult jobTransferred(IBackgroundCopyJob j) {
                throw new IllegalStateException("application bug");
            }

            @Override
            public HResult jobModification(IBackgroundCopyJob j) {
                throw new BackgroundCopyException("App::OnModification", HResult.E_ACCESSDENIED, null);
            }
        });
        assertThat(ComPtr.callSlot(cb.pointer(), Slots.Callback.JOB_TRANSFERRED, job.pointer()))
                .isEqualTo(HResult.E_FAIL.value());
        assertThat(ComPtr.callSlot(cb.pointer(), Slots.Callback.JOB_MODIFICATION, job.pointer(), 0))
                .isEqualTo(HResult.E_ACCESSDENIED.value());
        assertThat(job.references()).isEqualTo(1);
        cb.release();
        job.release();
    }

    @Test
    @org.junit.jupiter.api.Timeout(20)
    void aCallbackArrivingWhileTheComThreadWaitsForTheServiceDoesNotDeadlock() throws Exception {
        ComObject job = ComObject.create("job", List.of(BARE_JOB), null);
        java.util.concurrent.CountDownLatch callbackRan = new java.util.concurrent.CountDownLatch(1);
        ComObject cb = export(new IBackgroundCopyCallback() {
            @Override
            public HResult jobTransferred(IBackgroundCopyJob j) {
                callbackRan.countDown();
                return HResult.S_OK;
            }
        });
        // The COM thread is busy in an outgoing call that only returns once the service's callback
        // has run, as a synchronous service would behave.
        java.util.concurrent.ExecutorService caller = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.CountDownLatch comThreadBusy = new java.util.concurrent.CountDownLatch(1);
        // The caller is in an STA, so its call hops to the COM thread.
        java.util.concurrent.Future<Boolean> outgoing = caller.submit(() -> {
            LoopbackComRuntime.coInitializeEx(LoopbackComRuntime.COINIT_APARTMENTTHREADED);
            try {
                return runtime.thread().call(() -> {
                    assertThat(runtime.thread().isCurrent()).isTrue();
                    comThreadBusy.countDown();
                    return callbackRan.await(15, java.util.concurrent.TimeUnit.SECONDS);
                });
            } finally {
                LoopbackComRuntime.coUninitialize();
            }
        });
        assertThat(comThreadBusy.await(15, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        // The service's thread delivers the callback; wrapping the job (AddRef) must not queue behind it.
        assertThat(ComPtr.callSlot(cb.pointer(), Slots.Callback.JOB_TRANSFERRED, job.pointer())).isZero();
        assertThat(outgoing.get()).isTrue();
        caller.shutdown();
        assertThat(job.references()).isEqualTo(1);
        cb.release();
        job.release();
    }

    @Test
    void staysCallableAcrossGarbageCollectionsWhileNativeCodeHoldsIt() {
        AtomicInteger calls = new AtomicInteger();
        ComObject job = ComObject.create("job", List.of(BARE_JOB), null);
        long address = exportAndForget(calls);
        for (int i = 0; i < 5; i++) {
            System.gc();
            byte[][] churn = new byte[256][];
            for (int j = 0; j < churn.length; j++) {
                churn[j] = new byte[16 * 1024];
            }
        }
        Pointer p = new Pointer(address);
        assertThat(ComPtr.callSlot(p, Slots.Callback.JOB_TRANSFERRED, job.pointer())).isZero();
        assertThat(calls).hasValue(1);
        assertThat(ComPtr.callSlot(p, Slots.Unknown.RELEASE)).isZero();
        job.release();
    }

    /** Exports a callback and keeps nothing of it in Java but the native address. */
    private long exportAndForget(AtomicInteger calls) {
        ComObject cb = export(new IBackgroundCopyCallback() {
            @Override
            public HResult jobTransferred(IBackgroundCopyJob j) {
                calls.incrementAndGet();
                return HResult.S_OK;
            }
        });
        return Pointer.nativeValue(cb.pointer());
    }
}
