package dev.bgcopy.tck;

/**
 * Deterministic controls an implementation may offer the kit (CONTRACT §5.6). Tests that need one
 * are skipped, with the reason, when the fixture does not declare it.
 */
public enum Capability {
    /**
     * {@link TckService#now()}, {@link TckService#advance} and {@link TckService#runUntilIdle()}: a
     * virtual clock and a deterministic scheduler step. Needed for exact timing rules (R47-R50, R109)
     * and for every strict timestamp equality.
     */
    VIRTUAL_CLOCK,
    /**
     * {@link TckService#openManagerAsOtherCaller()}: the same service seen by a second, non-owner,
     * non-administrator identity (R19).
     */
    OTHER_CALLER
}
