package dev.bgcopy.simulator;

import java.time.Instant;
import java.util.UUID;

/**
 * What a job needs from the engine that runs it: the fixed rules and settings, the store, the
 * notifier, the local disk, the clock, the registry and the transfer machinery. Implemented by the
 * engine; a job sees nothing else of it.
 */
interface JobContext {

    DialectRules rules();

    SimulatorConfig config();

    JobStore store();

    Notifier notifier();

    LocalFiles localFiles();

    /** The engine clock. */
    Instant now();

    /** The next value of the engine-wide sequence that orders creations and entries into QUEUED. */
    long nextSequence();

    /** The job left the queue (cancelled, acknowledged or expired): GetJob no longer finds it. */
    void removeJob(UUID id);

    TransferTask.Host transferHost();

    TransferTask.Settings transferSettings();

    /** The identity of the calling client. */
    CallerIdentity caller();

    /** {@code RPC_E_DISCONNECTED} once the manager is closed. */
    void checkOpen(String method);

    /** Something changed: the scheduler should look again. */
    void wake();
}
