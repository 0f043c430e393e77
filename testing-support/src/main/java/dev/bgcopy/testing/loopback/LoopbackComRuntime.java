package dev.bgcopy.testing.loopback;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.windows.internal.ComObject;
import dev.bgcopy.windows.internal.ComRuntime;
import dev.bgcopy.windows.internal.ComThread;
import dev.bgcopy.windows.internal.Wide;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process COM runtime: {@code CoCreateInstance} of a registered CLSID returns a native
 * {@code IBackgroundCopyManager} built by {@link LoopbackServer} over a Java implementation of the api
 * (the simulator), and task memory and BSTRs are counted so a test can prove that every allocation
 * handed across the boundary was freed exactly once.
 */
public final class LoopbackComRuntime implements ComRuntime {

    private final ComThread thread = new ComThread("bgcopy-com-loopback", () -> HResult.S_OK.value(), () -> { });
    private final Map<UUID, IBackgroundCopyManager> services = new ConcurrentHashMap<>();
    private final Map<Long, Memory> taskMemory = new ConcurrentHashMap<>();
    private final Map<Long, Memory> bstrs = new ConcurrentHashMap<>();
    private final AtomicLong taskAllocations = new AtomicLong();
    private final AtomicLong taskFrees = new AtomicLong();
    private final AtomicLong bstrAllocations = new AtomicLong();
    private final AtomicLong bstrFrees = new AtomicLong();
    private final AtomicLong invalidFrees = new AtomicLong();
    private final Set<LoopbackServer.NativeCallbackProxy> heldCallbacks = ConcurrentHashMap.newKeySet();

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

    void hold(LoopbackServer.NativeCallbackProxy proxy) {
        heldCallbacks.add(proxy);
    }

    void unhold(LoopbackServer.NativeCallbackProxy proxy) {
        heldCallbacks.remove(proxy);
    }

    /**
     * What a stopping service does: releases every callback interface it still holds (jobs that ended
     * with a registered callback). Called by tests before they count live objects.
     */
    public void releaseServiceReferences() {
        thread.call(() -> {
            for (LoopbackServer.NativeCallbackProxy proxy : Set.copyOf(heldCallbacks)) {
                proxy.release();
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

    @Override
    public void close() {
        thread.close();
    }
}
