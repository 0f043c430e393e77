package dev.bgcopy.windows.internal;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.Ulong;

/**
 * The one place a native {@code HRESULT} becomes Java: a failure is thrown as
 * {@link BackgroundCopyException} carrying exactly that code; a success ({@code S_OK}, {@code S_FALSE},
 * {@code BG_S_PARTIAL_COMPLETE}, ...) is returned so callers that care can tell them apart.
 */
public final class Hr {

    private Hr() {
    }

    /**
     * {@code hr} as an {@link HResult} when it is a success.
     *
     * @param method the native method, {@code Interface::Method}
     * @throws BackgroundCopyException carrying {@code hr} when it is a failure
     */
    public static HResult check(String method, int hr) {
        HResult result = HResult.of(hr);
        if (result.isFailure()) {
            throw new BackgroundCopyException(method, result, null);
        }
        return result;
    }

    /** A failure raised by the binding itself, before any native call (bad Java argument). */
    public static BackgroundCopyException fail(String method, HResult hr, String detail) {
        return new BackgroundCopyException(method, hr, detail);
    }

    /** {@code value} as a {@code ULONG} argument, or {@code E_INVALIDARG} when it does not fit. */
    public static int ulong(String method, long value, String what) {
        if (value < 0 || value > Ulong.MAX) {
            throw fail(method, HResult.E_INVALIDARG, what + " is a ULONG (0.." + Ulong.MAX + "): " + value);
        }
        return (int) value;
    }
}
