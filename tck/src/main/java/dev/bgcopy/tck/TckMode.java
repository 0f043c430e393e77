package dev.bgcopy.tck;

/**
 * How strictly the kit holds an implementation to the contract (docs/contract.md §0.3).
 */
public enum TckMode {
    /**
     * The simulator: exact dialect codes ({@code DO_E_*} or {@code BG_E_*}), every SIM choice, every
     * rule of §9 including those of mode "S".
     */
    STRICT,
    /**
     * Real Windows services: error codes are compared by their §7.4 equivalence class
     * ({@link dev.bgcopy.api.SemanticError#matches}), SIM/UNDOC items are checked only as
     * success/failure, and the rules of mode "S" are skipped.
     */
    LENIENT
}
