package dev.bgcopy.windows;

import dev.bgcopy.windows.internal.ServiceKind;

/**
 * Provider {@code windows-do} (priority 100): {@code IBackgroundCopyManager} of Windows Delivery
 * Optimization, {@code CoCreateInstance(CLSID_DeliveryOptimization, CLSCTX_LOCAL_SERVER)} (Windows 10
 * 1709 or later). Speaks the DO dialect; implements {@code ADD_FILE_WITH_RANGES}, {@code DO_EXTENSIONS}
 * and {@code CALLBACKS}.
 *
 * <pre>{@code
 * try (IBackgroundCopyManager manager = BackgroundCopy.open("windows-do", Map.of())) { ... }
 * }</pre>
 */
public final class WindowsDeliveryOptimizationProvider extends WindowsComProvider {

    /** For {@link java.util.ServiceLoader}. */
    public WindowsDeliveryOptimizationProvider() {
        super(ServiceKind.DELIVERY_OPTIMIZATION);
    }
}
