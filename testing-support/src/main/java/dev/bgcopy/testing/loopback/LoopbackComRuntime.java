package dev.bgcopy.testing.loopback;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.windows.internal.Apartment;
import dev.bgcopy.windows.internal.ComObject;
import dev.bgcopy.windows.internal.ComRuntime;
import dev.bgcopy.windows.internal.ComThread;
import dev.bgcopy.windows.internal.ProxyBlanket;
import dev.bgcopy.windows.internal.Wide;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process COM runtime: {@code CoCreateInstance} of a registered CLSID returns a native
 * {@code IBackgroundCopyManager} built by {@link LoopbackServer} over a Java implementation of the api
 * (the simulator), and task memory and BSTRs are counted so a test can prove that every allocation
 * handed across the boundary was freed exactly once.
 *
 * <p>Apartments are modelled as COM has them, process-wide and per thread: {@link #coInitializeEx}
 * and {@link #coUninitialize} on the calling thread; a thread that never initialised COM is in the
 * implicit MTA while the process has an MTA (a thread that joined it, or an MTA usage, which each
 * runtime holds from its start to its close); {@code CoGetApartmentType} answers accordingly. The
 * service's methods behave as proxies of the MTA: a call from a thread outside it answers
 * {@code RPC_E_WRONG_THREAD}, and each method records the thread that last ran it
 * ({@link #lastCaller}). {@code CoSetProxyBlanket} records the blanket asked for, per interface
 * pointer of the service's objects ({@link #blanketOf}); on any other object it answers
 * {@code E_NOINTERFACE}, as an object that is no proxy does.
 */
public final class LoopbackComRuntime implements ComRuntime {

    /** {@code COINIT_MULTITHREADED}. */
    public static final int COINIT_MULTITHREADED = 0x0;
    /** {@code COINIT_APARTMENTTHREADED}: a single-threaded apartment. */
    public static final int COINIT_APARTMENTTHREADED = 0x2;
    /** {@code RPC_E_WRONG_THREAD}: an interface pointer called from an apartment it does not belong to. */
    public static final int RPC_E_WRONG_THREAD = 0x8001010E;

    /** Per thread: {@code {model, count}}, model -1 while the thread has not initialised COM. */
    private static final ThreadLocal<int[]> APARTMENT = ThreadLocal.withInitial(() -> new int[] {-1, 0});
    private static final AtomicInteger MTA_THREADS = new AtomicInteger();
    private static final AtomicInteger MTA_USAGES = new AtomicInteger();

    private final Set<Long> mtaCookies = ConcurrentHashMap.newKeySet();
    private final AtomicLong nextCookie = new AtomicLong(1);
    private final Map<String, Thread> lastCallers = new ConcurrentHashMap<>();
    private final Map<ComObject, Map<Long, ProxyBlanket>> blankets = Collections.synchronizedMap(new WeakHashMap<>());
    private final ComThread thread = new ComThread("bgcopy-com-loopback",
            () -> coInitializeEx(COINIT_MULTITHREADED), LoopbackComRuntime::coUninitialize,
            this::apartmentOfCurrentThread);
    private final Pointer mtaUsage = holdMta();
    private final Map<UUID, IBackgroundCopyManager> services = new ConcurrentHashMap<>();
    private final Map<Long, Memory> taskMemory = new ConcurrentHashMap<>();
    private final Map<Long, Memory> bstrs = new ConcurrentHashMap<>();
    private final AtomicLong taskAllocations = new AtomicLong();
    private final AtomicLong taskFrees = new AtomicLong();
    private final AtomicLong bstrAllocations = new AtomicLong();
    private final AtomicLong bstrFrees = new AtomicLong();
    private final AtomicLong invalidFrees = new AtomicLong();
    private final Set<LoopbackServer.HeldInterface> heldCallbacks = ConcurrentHashMap.newKeySet();

    /** Serves {@code service} as the coclass {@code clsid}. */
    public LoopbackComRuntime register(UUID clsid, IBackgroundCopyManager service) {
        services.put(clsid, service);
        return this;
    }

    /**
     * A new reference to a native manager serving {@code service} (e.g. the same simulator seen by
     * another caller), as {@code CoCreateInstance} would hand it out.
     */
    public Pointer serve(IBackgroundCopyManager service) {
        return LoopbackServer.exportManager(this, service).pointer();
    }

    @Override
    public String name() {
        return "loopback";
    }

    @Override
    public ComThread thread() {
        return thread;
    }

    /**
     * {@code CoInitializeEx(NULL, coinit)} on the calling thread: {@code S_OK} the first time,
     * {@code S_FALSE} again in the same model, {@code RPC_E_CHANGED_MODE} in the other (nothing changes).
     */
    public static int coInitializeEx(int coinit) {
        int model = (coinit & COINIT_APARTMENTTHREADED) != 0 ? Apartment.APTTYPE_STA : Apartment.APTTYPE_MTA;
        int[] state = APARTMENT.get();
        if (state[1] > 0) {
            if (state[0] != model) {
                return HResult.RPC_E_CHANGED_MODE.value();
            }
            state[1]++;
            return HResult.S_FALSE.value();
        }
        state[0] = model;
        state[1] = 1;
        if (model == Apartment.APTTYPE_MTA) {
            MTA_THREADS.incrementAndGet();
        }
        return HResult.S_OK.value();
    }

    /** {@code CoUninitialize} on the calling thread: the last one leaves its apartment. */
    public static void coUninitialize() {
        int[] state = APARTMENT.get();
        if (state[1] == 0) {
            return;
        }
        if (--state[1] == 0) {
            if (state[0] == Apartment.APTTYPE_MTA) {
                MTA_THREADS.decrementAndGet();
            }
            state[0] = -1;
        }
    }

    @Override
    public Apartment apartmentOfCurrentThread() {
        int[] state = APARTMENT.get();
        if (state[1] > 0) {
            return Apartment.of(HResult.S_OK.value(), state[0], Apartment.APTTYPEQUALIFIER_NONE);
        }
        if (MTA_THREADS.get() + MTA_USAGES.get() > 0) {
            return Apartment.of(HResult.S_OK.value(), Apartment.APTTYPE_MTA, Apartment.APTTYPEQUALIFIER_IMPLICIT_MTA);
        }
        return Apartment.of(HResult.CO_E_NOTINITIALIZED.value(), 0, 0);
    }

    private Pointer holdMta() {
        PointerByReference cookie = new PointerByReference();
        coIncrementMtaUsage(cookie);
        return cookie.getValue();
    }

    @Override
    public int coIncrementMtaUsage(PointerByReference cookie) {
        long value = nextCookie.getAndIncrement();
        mtaCookies.add(value);
        MTA_USAGES.incrementAndGet();
        cookie.setValue(new Pointer(value));
        return HResult.S_OK.value();
    }

    @Override
    public int coDecrementMtaUsage(Pointer cookie) {
        if (cookie == null || !mtaCookies.remove(Pointer.nativeValue(cookie))) {
            return HResult.E_INVALIDARG.value();
        }
        MTA_USAGES.decrementAndGet();
        return HResult.S_OK.value();
    }

    @Override
    public int coSetProxyBlanket(Pointer proxy, ProxyBlanket blanket) {
        if (!apartmentOfCurrentThread().mayCallMtaPointers()) {
            return RPC_E_WRONG_THREAD;
        }
        ComObject object = ComObject.find(proxy);
        if (object == null || !LoopbackServer.serves(object)) {
            return HResult.E_NOINTERFACE.value();
        }
        blankets.computeIfAbsent(object, o -> new ConcurrentHashMap<>()).put(Pointer.nativeValue(proxy), blanket);
        return HResult.S_OK.value();
    }

    /** The blanket last set on the service's interface pointer {@code proxy}, if any was. */
    public Optional<ProxyBlanket> blanketOf(Pointer proxy) {
        ComObject object = ComObject.find(proxy);
        Map<Long, ProxyBlanket> set = object == null ? null : blankets.get(object);
        return Optional.ofNullable(set == null ? null : set.get(Pointer.nativeValue(proxy)));
    }

    /**
     * The thread that last ran the service's method {@code method} ({@code IBackgroundCopyJob::GetProgress}),
     * if it ran.
     */
    public Optional<Thread> lastCaller(String method) {
        return Optional.ofNullable(lastCallers.get(method));
    }

    /** A call of the service's {@code method} begins: {@code RPC_E_WRONG_THREAD} outside the MTA, else S_OK. */
    int enter(String method) {
        lastCallers.put(method, Thread.currentThread());
        return apartmentOfCurrentThread().mayCallMtaPointers() ? HResult.S_OK.value() : RPC_E_WRONG_THREAD;
    }

    @Override
    public int coCreateInstance(UUID clsid, int clsctx, UUID iid, PointerByReference out) {
        out.setValue(null);
        IBackgroundCopyManager service = services.get(clsid);
        if (service == null || (clsctx & CLSCTX_LOCAL_SERVER) == 0) {
            return HResult.REGDB_E_CLASSNOTREG.value();
        }
        ComObject manager = LoopbackServer.exportManager(this, service);
        Pointer p = manager.pointer(iid);
        if (p == null) {
            manager.release();
            return HResult.E_NOINTERFACE.value();
        }
        out.setValue(p);
        return HResult.S_OK.value();
    }

    @Override
    public Pointer coTaskMemAlloc(long size) {
        Memory m = new Memory(Math.max(1, size));
        taskMemory.put(Pointer.nativeValue(m), m);
        taskAllocations.incrementAndGet();
        return m;
    }

    @Override
    public void coTaskMemFree(Pointer p) {
        if (p == null) {
            return;
        }
        Memory m = taskMemory.remove(Pointer.nativeValue(p));
        if (m == null) {
            invalidFrees.incrementAndGet();
            return;
        }
        taskFrees.incrementAndGet();
        m.close();
    }

    @Override
    public Pointer sysAllocString(String s) {
        byte[] text = Wide.bytes(s);
        Memory m = new Memory(4L + text.length);
        m.setInt(0, text.length - 2);
        m.write(4, text, 0, text.length);
        Pointer bstr = m.share(4);
        bstrs.put(Pointer.nativeValue(bstr), m);
        bstrAllocations.incrementAndGet();
        return bstr;
    }

    @Override
    public void sysFreeString(Pointer bstr) {
        if (bstr == null) {
            return;
        }
        Memory m = bstrs.remove(Pointer.nativeValue(bstr));
        if (m == null) {
            invalidFrees.incrementAndGet();
            return;
        }
        bstrFrees.incrementAndGet();
        m.close();
    }

    void hold(LoopbackServer.HeldInterface held) {
        heldCallbacks.add(held);
    }

    void unhold(LoopbackServer.HeldInterface held) {
        heldCallbacks.remove(held);
    }

    /**
     * What a stopping service does: releases every callback interface it still holds (jobs that ended
     * with a registered callback). Called by tests before they count live objects.
     */
    public void releaseServiceReferences() {
        thread.call(() -> {
            for (LoopbackServer.HeldInterface held : Set.copyOf(heldCallbacks)) {
                held.release();
            }
            return null;
        });
    }

    /** {@code CoTaskMemAlloc} calls so far. */
    public long taskAllocations() {
        return taskAllocations.get();
    }

    /** {@code CoTaskMemFree} calls of a live allocation so far. */
    public long taskFrees() {
        return taskFrees.get();
    }

    /** {@code SysAllocString} calls so far. */
    public long bstrAllocations() {
        return bstrAllocations.get();
    }

    /** {@code SysFreeString} calls of a live BSTR so far. */
    public long bstrFrees() {
        return bstrFrees.get();
    }

    /** Frees of a pointer that was never allocated here or was already freed (double free). */
    public long invalidFrees() {
        return invalidFrees.get();
    }

    /** A one-line account of every counter, for assertion messages. */
    public String report() {
        return "task memory " + taskAllocations + " allocated / " + taskFrees + " freed, BSTR " + bstrAllocations
                + " / " + bstrFrees + ", invalid frees " + invalidFrees + ", live COM objects "
                + ComObject.liveCount() + ", stray calls " + ComObject.strayCalls() + ", held callbacks "
                + heldCallbacks.size();
    }

    /** Releases this runtime's MTA usage and stops its COM thread (which leaves the MTA); idempotent. */
    @Override
    public void close() {
        if (mtaCookies.contains(Pointer.nativeValue(mtaUsage))) {
            coDecrementMtaUsage(mtaUsage);
        }
        thread.close();
    }
}
