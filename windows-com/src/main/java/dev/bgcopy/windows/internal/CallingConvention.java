package dev.bgcopy.windows.internal;

import com.sun.jna.Function;
import com.sun.jna.Platform;

/** The calling convention of COM methods in this process (docs/contract.md §3: stdcall on x86, the x64 ABI otherwise). */
final class CallingConvention {

    /** Whether COM methods are {@code __stdcall}: 32-bit Windows only. */
    static final boolean STDCALL = Platform.isWindows() && !Platform.is64Bit();

    /** The JNA flag for {@link com.sun.jna.Function#getFunction(com.sun.jna.Pointer, int)}. */
    static final int COM = STDCALL ? Function.ALT_CONVENTION : Function.C_CONVENTION;

    private CallingConvention() {
    }
}
