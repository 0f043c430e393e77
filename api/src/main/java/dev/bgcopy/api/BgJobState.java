package dev.bgcopy.api;

import java.util.Optional;

/**
 * {@code BG_JOB_STATE}: the state of a job (docs/contract.md §5.1, §6.5). Transitions are listed in §5.2 (client
 * calls) and §5.3 (the service's own).
 */
public enum BgJobState implements NativeEnum {
    /** {@code BG_JOB_STATE_QUEUED} (0): waiting for the scheduler to run it. */
    QUEUED(0),
    /** {@code BG_JOB_STATE_CONNECTING} (1): connecting to the server. BITS only; DO never reports it. */
    CONNECTING(1),
    /** {@code BG_JOB_STATE_TRANSFERRING} (2): data is being transferred. */
    TRANSFERRING(2),
    /** {@code BG_JOB_STATE_SUSPENDED} (3): new jobs start here; no work is done until Resume. */
    SUSPENDED(3),
    /** {@code BG_JOB_STATE_ERROR} (4): a non-recoverable failure; Resume retries. */
    ERROR(4),
    /** {@code BG_JOB_STATE_TRANSIENT_ERROR} (5): a recoverable failure; the service retries by itself. */
    TRANSIENT_ERROR(5),
    /** {@code BG_JOB_STATE_TRANSFERRED} (6): every file transferred; call Complete to take the files. */
    TRANSFERRED(6),
    /** {@code BG_JOB_STATE_ACKNOWLEDGED} (7): terminal, after Complete. */
    ACKNOWLEDGED(7),
    /** {@code BG_JOB_STATE_CANCELLED} (8): terminal, after Cancel or expiry. */
    CANCELLED(8);

    private final int nativeValue;

    BgJobState(int nativeValue) {
        this.nativeValue = nativeValue;
    }

    @Override
    public int nativeValue() {
        return nativeValue;
    }

    /** {@link #ACKNOWLEDGED} or {@link #CANCELLED}: no method but the getters works any more. */
    public boolean isTerminal() {
        return this == ACKNOWLEDGED || this == CANCELLED;
    }

    /** The state with native value {@code value}, if any. */
    public static Optional<BgJobState> fromNative(int value) {
        return NativeEnum.find(BgJobState.class, value);
    }
}
