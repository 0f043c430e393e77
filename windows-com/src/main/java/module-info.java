/**
 * The Windows COM binding of the bgcopy contract: providers {@code windows-do} and {@code windows-bits}.
 */
module dev.bgcopy.windows {
    requires transitive dev.bgcopy.api;
    requires com.sun.jna;
    requires com.sun.jna.platform;

    exports dev.bgcopy.windows;
    // The in-process COM loopback and the tests over it (bgcopy-testing-support) stand where ole32 and
    // the services stand: they reach the binding's internals through BindingAccess, and no other module
    // may. (The benchmarks use the same class from the class path, where exports do not apply.)
    exports dev.bgcopy.windows.internal to dev.bgcopy.testing;

    provides dev.bgcopy.api.BackgroundCopyProvider with
            dev.bgcopy.windows.WindowsDeliveryOptimizationProvider,
            dev.bgcopy.windows.WindowsBitsProvider;
}
