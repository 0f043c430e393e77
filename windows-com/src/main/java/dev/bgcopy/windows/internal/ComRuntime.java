package dev.bgcopy.windows.internal;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

import java.util.UUID;

/**
 * The seam between the binding and the COM runtime: activation, task memory, BSTRs, the apartment
 * thread, the apartment of the calling thread, the process's MTA and proxy security. On Windows it is {@code ole32}/{@code oleaut32}
 * ({@link Ole32ComRuntime}); in tests an in-process loopback whose servers are native COM objects
 * built by {@link ComObject}, so every other line of the binding is the code that runs on Windows.
 * The calling convention is not part of the seam: it is the process's ({@code CallingConvention}).
 */
public interface ComRuntime extends AutoCloseable {

    /** {@code CLSCTX_LOCAL_SERVER}: activate an out-of-process server (dosvc, qmgr). */
    int CLSCTX_LOCAL_SERVER = 0x4;

    /** What the runtime is, for messages: {@code ole32} or {@code loopback}. */
    String name();

    /**
     * Where calls into the services' objects run: on the calling thread when it is in the MTA, else on
     * the runtime's COM thread ({@link ComThread#call}).
     */
    ComThread thread();

    /**
     * {@code CoGetApartmentType} of the calling thread. A thread that never initialised COM is in the
     * implicit MTA while the process has an MTA, which a runtime keeps from its start to its
     * {@link #close()} ({@link #coIncrementMtaUsage}).
     */
    Apartment apartmentOfCurrentThread();

    /**
     * {@code CoIncrementMTAUsage(cookie)}: keeps the process's MTA alive, so threads that never
     * initialised COM are in it; returns the HRESULT. Called once by the runtime when it starts.
     */
    int coIncrementMtaUsage(PointerByReference cookie);

    /** {@code CoDecrementMTAUsage(cookie)} of a successful {@link #coIncrementMtaUsage}; returns the HRESULT. */
    int coDecrementMtaUsage(Pointer cookie);

    /**
     * {@code CoSetProxyBlanket(proxy, ...)}; returns the HRESULT ({@code E_NOINTERFACE} when {@code proxy}
     * is no proxy, e.g. an object of this process). Call through {@link #thread()}.
     */
    int coSetProxyBlanket(Pointer proxy, ProxyBlanket blanket);

    /** {@code CoCreateInstance(clsid, NULL, clsctx, iid, out)}; returns the HRESULT. Call through {@link #thread()}. */
    int coCreateInstance(UUID clsid, int clsctx, UUID iid, PointerByReference out);

    /** {@code CoTaskMemAlloc}: memory a callee hands to its caller. */
    Pointer coTaskMemAlloc(long size);

    /** {@code CoTaskMemFree}; NULL is allowed and ignored. */
    void coTaskMemFree(Pointer p);

    /** {@code SysAllocString}: a {@code BSTR} copy of {@code s} (length-prefixed UTF-16). */
    Pointer sysAllocString(String s);

    /** {@code SysFreeString}; NULL is allowed and ignored. */
    void sysFreeString(Pointer bstr);

    /** Releases the MTA usage and stops the apartment thread. */
    @Override
    void close();
}
