package dev.bgcopy.simulator;

import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyManager;
import java.nio.file.Path;

/**
 * A simulated {@link IBackgroundCopyManager} plus the controls a test needs (docs/contract.md §5.6): waiting
 * for the engine to settle, the caller identity, and local file-system faults. The clock and the
 * network are controlled through the {@link VirtualClock} and {@link ScriptedNetwork} given in the
 * {@link SimulatorConfig}. Obtain one from {@link Simulator#newManager(SimulatorConfig)}.
 *
 * <p>Every method may be called from any thread.
 */
public interface SimulatorManager extends IBackgroundCopyManager {

    /** The configuration this manager was created with. */
    SimulatorConfig config();

    /**
     * Runs the engine until nothing more can happen at the current instant, then returns: due retries,
     * timeouts and expiries have fired, queued jobs have been started as far as the concurrency limit
     * allows, every running transfer has finished or is waiting for the virtual clock (scripted latency
     * or a stall), and every callback already due has been delivered. With real transfers it waits for
     * their real I/O; a callback that blocks longer than the callback retry interval plus one second
     * is not waited for. Tests use this instead of sleeping.
     *
     * @throws IllegalStateException when the manager is closed
     */
    void runUntilIdle();

    /** Makes {@code caller} the identity of every following call on this manager and its jobs. */
    void setCaller(CallerIdentity caller);

    /** The identity of the current caller. */
    CallerIdentity caller();

    /**
     * Another client connection to the same service, acting as {@code identity}: its CreateJob, GetJob
     * and EnumJobs are checked against that identity (R19), while it shares every job, the clock and
     * the network with this manager. Closing the view releases only the view.
     */
    SimulatorManager forCaller(CallerIdentity identity);

    /**
     * Directory-permission policy: denies writing to {@code directory} (and not to its subdirectories),
     * as a missing ACL would. AddFile/AddFileWithRanges into it fail with {@code E_ACCESSDENIED}; a
     * transfer into it fails with {@code E_ACCESSDENIED} in context LOCAL_FILE.
     */
    void denyWrites(Path directory);

    /** Lifts {@link #denyWrites(Path)} for {@code directory}. */
    void allowWrites(Path directory);

    /**
     * Rename fault injection: while set, every rename Complete attempts fails with {@code failure}
     * (e.g. {@code HResult.E_ACCESSDENIED}); the job stays as it was (docs/contract.md §4.2 Complete). Null clears it.
     *
     * @throws IllegalArgumentException when {@code failure} is a success code
     */
    void setRenameFailure(HResult failure);

    /**
     * Delete fault injection: while true, discarding temporary files fails, so Complete reports
     * {@code BG_S_UNABLE_TO_DELETE_FILES} in the BITS dialect and the files stay behind.
     */
    void setDeleteFailure(boolean failing);

    /**
     * The user {@code user} logs off (docs/contract.md §5.3 A7): that user's connecting or transferring jobs go
     * back to QUEUED and their callbacks are dropped, as registrations do not outlive the process.
     */
    void logOff(String user);
}
