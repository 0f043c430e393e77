package dev.bgcopy.windows;

import dev.bgcopy.windows.internal.ServiceKind;

/**
 * Provider {@code windows-bits} (priority 200): {@code IBackgroundCopyManager} of BITS,
 * {@code CoCreateInstance(CLSID_BackgroundCopyManager, CLSCTX_LOCAL_SERVER)}. Speaks the BITS dialect;
 * implements {@code BITS_METHODS} and {@code CALLBACKS}.
 *
 * <pre>{@code
 * try (IBackgroundCopyManager manager = BackgroundCopy.open("windows-bits", Map.of())) { ... }
 * }</pre>
 */
public final class WindowsBitsProvider extends WindowsComProvider {

    /** For {@link java.util.ServiceLoader}. */
    public WindowsBitsProvider() {
        super(ServiceKind.BITS);
    }
}
