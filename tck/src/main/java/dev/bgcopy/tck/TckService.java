package dev.bgcopy.tck;

import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyManager;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One running instance of the implementation under test, opened by {@link TckFixture#open} for a
 * single test and closed after it: the manager plus the optional deterministic controls declared in
 * {@link TckFixture#capabilities()}.
 */
public interface TckService extends AutoCloseable {

    /** The manager of this instance (the native {@code IBackgroundCopyManager}). */
    IBackgroundCopyManager manager();

    /** {@link Capability#VIRTUAL_CLOCK}: the service clock's current instant. */
    default Instant now() {
        throw new UnsupportedOperationException("no virtual clock: declare Capability.VIRTUAL_CLOCK and override now()");
    }

    /** {@link Capability#VIRTUAL_CLOCK}: moves the clock forward, running whatever becomes due. */
    default void advance(Duration duration) {
        throw new UnsupportedOperationException("no virtual clock: declare Capability.VIRTUAL_CLOCK and override advance()");
    }

    /**
     * {@link Capability#VIRTUAL_CLOCK}: runs scheduled work (transfers, automatic transitions,
     * callbacks) until nothing is runnable without moving the clock.
     */
    default void runUntilIdle() {
        throw new UnsupportedOperationException("no scheduler step: declare Capability.VIRTUAL_CLOCK and override runUntilIdle()");
    }

    /**
     * {@link Capability#OTHER_CALLER}: a manager of the same service for a second identity that is
     * neither the jobs' owner nor an administrator.
     */
    default IBackgroundCopyManager openManagerAsOtherCaller() {
        throw new UnsupportedOperationException("no second identity: declare Capability.OTHER_CALLER");
    }

    /** {@link Capability#NATIVE_CALLS}: raw calls through the native binding of this instance. */
    default NativeCalls nativeCalls() {
        throw new UnsupportedOperationException("no native binding: declare Capability.NATIVE_CALLS and override nativeCalls()");
    }

    /**
     * {@link Capability#LOCAL_FAULTS}: writing into {@code directory} (not its subdirectories) is
     * refused from now on, as a missing ACL would refuse it.
     */
    default void denyWrites(Path directory) {
        throw new UnsupportedOperationException("no local faults: declare Capability.LOCAL_FAULTS and override denyWrites()");
    }

    /**
     * {@link Capability#LOCAL_FAULTS}: while {@code failure} is not null, every rename that Complete
     * attempts fails with it; null ends the fault.
     */
    default void failRenames(HResult failure) {
        throw new UnsupportedOperationException("no local faults: declare Capability.LOCAL_FAULTS and override failRenames()");
    }

    /** {@link Capability#LOCAL_FAULTS}: while {@code failing}, temporary files cannot be deleted. */
    default void failDeletes(boolean failing) {
        throw new UnsupportedOperationException("no local faults: declare Capability.LOCAL_FAULTS and override failDeletes()");
    }

    /** {@link Capability#LOG_OFF}: the owner of the jobs this instance's manager creates logs off. */
    default void logOffOwner() {
        throw new UnsupportedOperationException("no log-off: declare Capability.LOG_OFF and override logOffOwner()");
    }

    /**
     * {@link Capability#RESTART}: stops the service and starts it again over the jobs it keeps. Job
     * pointers from before are dead afterwards; {@link #manager()} answers the new instance.
     */
    default void restart() {
        throw new UnsupportedOperationException("no restart: declare Capability.RESTART and override restart()");
    }

    /**
     * {@link Capability#NETWORK_COST}: the network's cost becomes {@code costState}, one
     * {@code BITS_COST_STATE_*} bit ({@link dev.bgcopy.api.BitsJobTransferPolicy#COST_ROAMING} and the others).
     */
    default void setNetworkCost(int costState) {
        throw new UnsupportedOperationException("no network cost: declare Capability.NETWORK_COST and override setNetworkCost()");
    }

    /** Stops this instance and releases everything it holds. */
    @Override
    void close();
}
