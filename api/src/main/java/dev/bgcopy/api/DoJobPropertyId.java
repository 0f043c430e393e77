package dev.bgcopy.api;

/**
 * {@code DOJobPropertyId}, the properties of {@link IDeliveryOptimizationJob2} (docs/contract.md §6.5). The
 * numeric value is not in any Microsoft source; 0 follows the Wine fork (§8 I-3).
 */
public enum DoJobPropertyId implements NativeEnum {
    /** {@code DOJobPropertyId_ExtendedErrorInfo} (0): VT_BSTR, read-only. */
    EXTENDED_ERROR_INFO(0);

    private final int nativeValue;

    DoJobPropertyId(int nativeValue) {
        this.nativeValue = nativeValue;
    }

    @Override
    public int nativeValue() {
        return nativeValue;
    }
}
