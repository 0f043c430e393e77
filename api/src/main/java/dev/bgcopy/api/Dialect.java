package dev.bgcopy.api;

/**
 * Which family of error codes an implementation speaks: Delivery Optimization's {@code DO_E_*}
 * (facility 0xD0) or BITS' {@code BG_E_*} (facility 0x20). The two services share the
 * {@code IBackgroundCopyJob} interfaces and IIDs but report the same condition with different
 * values (docs/contract.md §7.4); {@link SemanticError} maps one to the other.
 */
public enum Dialect {
    /** Windows Delivery Optimization (dosvc): {@code DO_E_*} codes, download jobs only. */
    DO,
    /** Windows Background Intelligent Transfer Service (qmgr): {@code BG_E_*} and {@code BG_S_*} codes. */
    BITS;

    /** The concrete code this dialect reports for {@code error}. */
    public HResult code(SemanticError error) {
        return error.in(this);
    }
}
