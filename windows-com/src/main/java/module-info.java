/**
 * The Windows COM binding of the bgcopy contract: providers {@code windows-do} and {@code windows-bits}.
 */
module dev.bgcopy.windows {
    requires transitive dev.bgcopy.api;
    requires com.sun.jna;
    requires com.sun.jna.platform;

    exports dev.bgcopy.windows;

    provides dev.bgcopy.api.BackgroundCopyProvider with
            dev.bgcopy.windows.WindowsDeliveryOptimizationProvider,
            dev.bgcopy.windows.WindowsBitsProvider;
}
