/**
 * The shared test fixtures of bgcopy, as main code so that tests and benchmarks use them without
 * test-jars: {@link dev.bgcopy.testing.SimulatorTckControls}, the conformance kit's deterministic
 * controls over a simulator, and {@link dev.bgcopy.testing.loopback.LoopbackService}, the Windows
 * binding reached through an in-process COM loopback that plays ole32 and the service on any OS.
 */
module dev.bgcopy.testing {
    requires transitive dev.bgcopy.tck;
    requires transitive dev.bgcopy.simulator;
    requires transitive dev.bgcopy.windows;
    requires com.sun.jna;

    exports dev.bgcopy.testing;
    exports dev.bgcopy.testing.loopback;
}
