package dev.bgcopy.tck;

/**
 * Deterministic controls an implementation may offer the kit (docs/contract.md §5.6). Tests that need one
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
    OTHER_CALLER,
    /**
     * Every {@code E_INVALIDARG} failure carries a detail saying what was wrong with the input (the
     * project's standard for Java implementations). A native binding cannot offer it: an HRESULT
     * crosses COM without text, and the services set no error info. Strict mode checks the detail
     * only when the fixture declares this.
     */
    EXPLAINED_ERRORS,
    /**
     * {@link TckService#nativeCalls()}: raw vtable calls and struct layouts of a native (COM) binding,
     * for the rules the Java API cannot express (R64, R86, R111). A pure-Java implementation has no
     * native side, so those rules are reported as skipped for it, with this reason.
     */
    NATIVE_CALLS("the call cannot be written in Java; only a native binding can make it"),
    /**
     * {@link TckService#denyWrites}, {@link TckService#failRenames} and {@link TckService#failDeletes}:
     * the local-file fault injection of docs/contract.md §5.6 (a directory whose ACL refuses writing, a rename
     * at Complete that fails, temporary files that cannot be deleted), for the §4 rows that answer
     * them: E_ACCESSDENIED from the Add* calls, the rename failure of Complete and
     * BG_S_UNABLE_TO_DELETE_FILES.
     */
    LOCAL_FAULTS,
    /**
     * {@link TckService#logOffOwner()}: the user who owns the kit's jobs logs off (docs/contract.md §5.3 A7),
     * which sends their transferring jobs back to QUEUED and ends their callback registrations.
     */
    LOG_OFF,
    /**
     * {@link TckService#restart()}: the service stops and starts again over the jobs it keeps, as across
     * a reboot. Jobs outlive the process that created them (docs/contract.md §4.1 CreateJob), callback
     * registrations do not (§4 SetNotifyInterface).
     */
    RESTART,
    /**
     * {@link TckService#setNetworkCost}: the cost of the network the service is on (docs/contract.md §4.17), which a
     * job's {@code BITS_JOB_PROPERTY_ID_COST_FLAGS} are compared with (R215).
     */
    NETWORK_COST;

    private final String whyOftenAbsent;

    Capability() {
        this(null);
    }

    Capability(String whyOftenAbsent) {
        this.whyOftenAbsent = whyOftenAbsent;
    }

    /** Why whole kinds of implementations lack this capability, for the report's skip reason. */
    public java.util.Optional<String> whyOftenAbsent() {
        return java.util.Optional.ofNullable(whyOftenAbsent);
    }
}
