/**
 * The bgcopy simulator: a pure-Java {@code IBackgroundCopyJob} engine (real http/https/file transfers)
 * that doubles as a deterministic test service with a virtual clock and a scripted network.
 */
module dev.bgcopy.simulator {
    requires transitive dev.bgcopy.api;
    requires org.apache.httpcomponents.client5.httpclient5;
    requires org.apache.httpcomponents.core5.httpcore5;
    requires java.sql;

    exports dev.bgcopy.simulator;

    provides dev.bgcopy.api.BackgroundCopyProvider with dev.bgcopy.simulator.SimulatorProvider;
}
