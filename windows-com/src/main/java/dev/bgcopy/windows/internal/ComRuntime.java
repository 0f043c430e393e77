package dev.bgcopy.windows.internal;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

import java.util.UUID;

/**
 * The seam between the binding and the COM runtime: activation, task memory, BSTRs, the apartment
 * thread and the calling convention. On Windows it is {@code ole32}/{@code oleaut32}
 * ({@link Ole32ComRuntime}); in tests an in-process loopback whose servers are native COM objects
 * built by {@link ComObject}, so every other line of the binding is the code that runs on Windows.
 * The calling convention is not part of the seam: it is the process's ({@code CallingConvention}).
 */
public interface ComRuntime extends AutoCloseable {

    /** {@code CLSCTX_LOCAL_SERVER}: activate an out-of-process server (dosvc, qmgr). */
    int CLSCTX_LOCAL_SERVER = 0x4;

    /** What the runtime is, for messages: {@code ole32} or {@code loopback}. */
    String name();

    /** The apartment thread every call into a COM object runs on. */
    ComThread thread();

    /** {@code CoCreateInstance(clsid, NULL, clsctx, iid, out)}; returns the HRESULT. Call on {@link #thread()}. */
    int coCreateInstance(UUID clsid, int clsctx, UUID iid, PointerByReference out);

    /** {@code CoTaskMemAlloc}: memory a callee hands to its caller. */
    Pointer coTaskMemAlloc(long size);

    /** {@code CoTaskMemFree}; NULL is allowed and ignored. */
    void coTaskMemFree(Pointer p);

    /** {@code SysAllocString}: a {@code BSTR} copy of {@code s} (length-prefixed UTF-16). */
    Pointer sysAllocString(String s);

    /** {@code SysFreeString}; NULL is allowed and ignored. */
    void sysFreeString(Pointer bstr);

    /** Stops the apartment thread. */
    @Override
    void close();
}
