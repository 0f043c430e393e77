package dev.bgcopy.windows.internal;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.platform.win32.Ole32;
import com.sun.jna.platform.win32.OleAuto;
import com.sun.jna.platform.win32.WTypes;
import com.sun.jna.ptr.PointerByReference;

import java.util.UUID;

/**
 * The real COM runtime: {@code ole32.dll} and {@code oleaut32.dll}, Windows only. Its thread joins the
 * MTA and sets the process security the services need to call back
 * ({@code CoInitializeSecurity}: connect-level authentication, impersonation allowed); when the host
 * application already set process security ({@code RPC_E_TOO_LATE}), its settings stay.
 */
public final class Ole32ComRuntime implements ComRuntime {

    private static final int COINIT_MULTITHREADED = 0x0;
    private static final int RPC_C_AUTHN_LEVEL_CONNECT = 2;
    private static final int RPC_C_IMP_LEVEL_IMPERSONATE = 3;
    private static final int EOAC_NONE = 0;

    private final ComThread thread;

    /** Starts the COM thread; call only on Windows. */
    public Ole32ComRuntime() {
        this.thread = new ComThread("bgcopy-com-mta", Ole32ComRuntime::initialize, Ole32.INSTANCE::CoUninitialize);
    }

    private static int initialize() {
        int hr = Ole32.INSTANCE.CoInitializeEx(Pointer.NULL, COINIT_MULTITHREADED).intValue();
        if (hr >= 0) {
            // Failure here (e.g. RPC_E_TOO_LATE) means the process already chose its security: keep it.
            Ole32.INSTANCE.CoInitializeSecurity(null, -1, null, null, RPC_C_AUTHN_LEVEL_CONNECT,
                    RPC_C_IMP_LEVEL_IMPERSONATE, null, EOAC_NONE, null);
        }
        return hr;
    }

    @Override
    public String name() {
        return "ole32";
    }

    @Override
    public ComThread thread() {
        return thread;
    }

    @Override
    public int coCreateInstance(UUID clsid, int clsctx, UUID iid, PointerByReference out) {
        return Ole32.INSTANCE.CoCreateInstance(guid(clsid), Pointer.NULL, clsctx, guid(iid), out).intValue();
    }

    private static Guid.GUID guid(UUID uuid) {
        return Guid.GUID.fromString("{" + uuid + "}");
    }

    @Override
    public Pointer coTaskMemAlloc(long size) {
        return Ole32.INSTANCE.CoTaskMemAlloc(size);
    }

    @Override
    public void coTaskMemFree(Pointer p) {
        if (p != null) {
            Ole32.INSTANCE.CoTaskMemFree(p);
        }
    }

    @Override
    public Pointer sysAllocString(String s) {
        WTypes.BSTR bstr = OleAuto.INSTANCE.SysAllocString(s);
        return bstr == null ? null : bstr.getPointer();
    }

    @Override
    public void sysFreeString(Pointer bstr) {
        if (bstr != null) {
            OleAuto.INSTANCE.SysFreeString(new WTypes.BSTR(bstr));
        }
    }

    @Override
    public void close() {
        thread.close();
    }
}
