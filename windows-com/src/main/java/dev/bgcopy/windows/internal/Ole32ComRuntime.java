package dev.bgcopy.windows.internal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.platform.win32.Ole32;
import com.sun.jna.platform.win32.OleAuto;
import com.sun.jna.platform.win32.WTypes;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

import java.util.UUID;

/**
 * The real COM runtime: {@code ole32.dll} and {@code oleaut32.dll}, Windows only. Its thread joins the
 * MTA, sets the process security the services need to call back ({@code CoInitializeSecurity}:
 * connect-level authentication, impersonation allowed) and keeps the MTA alive for every other thread
 * ({@code CoIncrementMTAUsage}, Windows 8 and later) until {@link #close()}. When the host application
 * already set process security, {@code CoInitializeSecurity} answers {@code RPC_E_TOO_LATE} and the
 * host's settings stay: the binding then relies on the blanket it sets on each service proxy
 * ({@link ProxyBlanket#FOR_SERVICES}).
 */
public final class Ole32ComRuntime implements ComRuntime {

    private static final int COINIT_MULTITHREADED = 0x0;
    private static final int RPC_C_AUTHN_LEVEL_CONNECT = 2;
    private static final int EOAC_NONE = 0;

    /** The functions of {@code ole32} that JNA's {@code Ole32} does not declare. */
    private interface Apartments extends StdCallLibrary {
        Apartments INSTANCE = Native.load("ole32", Apartments.class, W32APIOptions.DEFAULT_OPTIONS);

        int CoGetApartmentType(int[] aptType, int[] qualifier);

        int CoIncrementMTAUsage(PointerByReference cookie);

        int CoDecrementMTAUsage(Pointer cookie);

        int CoSetProxyBlanket(Pointer proxy, int authnService, int authzService, Pointer serverPrincipal,
                int authnLevel, int impersonationLevel, Pointer authInfo, int capabilities);
    }

    private final ComThread thread;
    private volatile Pointer mtaUsage;

    /** Starts the COM thread; call only on Windows. */
    public Ole32ComRuntime() {
        this.thread = new ComThread("bgcopy-com-mta", this::initialize, Ole32.INSTANCE::CoUninitialize,
                this::apartmentOfCurrentThread);
    }

    private int initialize() {
        int hr = Ole32.INSTANCE.CoInitializeEx(Pointer.NULL, COINIT_MULTITHREADED).intValue();
        if (hr >= 0) {
            // Failure here (e.g. RPC_E_TOO_LATE) means the process already chose its security: keep it.
            Ole32.INSTANCE.CoInitializeSecurity(null, -1, null, null, RPC_C_AUTHN_LEVEL_CONNECT,
                    ProxyBlanket.RPC_C_IMP_LEVEL_IMPERSONATE, null, EOAC_NONE, null);
            holdMta();
        }
        return hr;
    }

    /**
     * Keeps the MTA for the threads that never initialised COM. Without it (before Windows 8, where the
     * function is missing) the MTA still lives as long as the COM thread, which stays in it until close.
     */
    private void holdMta() {
        PointerByReference cookie = new PointerByReference();
        try {
            if (coIncrementMtaUsage(cookie) >= 0) {
                mtaUsage = cookie.getValue();
            }
        } catch (UnsatisfiedLinkError beforeWindows8) {
            // The COM thread's own membership keeps the MTA alive until close().
        }
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
    public Apartment apartmentOfCurrentThread() {
        int[] type = new int[1];
        int[] qualifier = new int[1];
        return Apartment.of(Apartments.INSTANCE.CoGetApartmentType(type, qualifier), type[0], qualifier[0]);
    }

    @Override
    public int coIncrementMtaUsage(PointerByReference cookie) {
        return Apartments.INSTANCE.CoIncrementMTAUsage(cookie);
    }

    @Override
    public int coDecrementMtaUsage(Pointer cookie) {
        return Apartments.INSTANCE.CoDecrementMTAUsage(cookie);
    }

    @Override
    public int coSetProxyBlanket(Pointer proxy, ProxyBlanket b) {
        return Apartments.INSTANCE.CoSetProxyBlanket(proxy, b.authnService(), b.authzService(),
                new Pointer(b.serverPrincipal()), b.authnLevel(), b.impersonationLevel(), new Pointer(b.authInfo()),
                b.capabilities());
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
        Pointer cookie = mtaUsage;
        if (cookie != null) {
            mtaUsage = null;
            coDecrementMtaUsage(cookie);
        }
        thread.close();
    }
}
