package dev.bgcopy.api;

import java.util.Optional;

/**
 * {@code BITS_JOB_TRANSFER_POLICY} and the {@code BITS_COST_STATE_*} bits it is made of (bits5_0.h; docs/contract.md
 * §6.13): the value of {@link BitsJobPropertyId#COST_FLAGS}. A job transfers on a network whose cost state (one
 * {@code BITS_COST_STATE_*} bit) is set in its mask; {@link #IGNORE_CONGESTION} is an option bit, not a cost.
 */
public enum BitsJobTransferPolicy implements NativeEnum {
    /** {@code BITS_JOB_TRANSFER_POLICY_ALWAYS} (0x800000FF): whatever the cost. */
    ALWAYS(0x800000FF),
    /** {@code BITS_JOB_TRANSFER_POLICY_NOT_ROAMING} (0x8000007F): not while roaming. */
    NOT_ROAMING(0x8000007F),
    /** {@code BITS_JOB_TRANSFER_POLICY_NO_SURCHARGE} (0x8000006F): not where a surcharge applies. */
    NO_SURCHARGE(0x8000006F),
    /** {@code BITS_JOB_TRANSFER_POLICY_STANDARD} (0x80000067): neither surcharged nor near the cap. */
    STANDARD(0x80000067),
    /** {@code BITS_JOB_TRANSFER_POLICY_UNRESTRICTED} (0x80000021): only networks without costs or limits. */
    UNRESTRICTED(0x80000021);

    /** {@code BITS_COST_STATE_UNRESTRICTED}: no cost, no limit. */
    public static final int COST_UNRESTRICTED = 0x1;
    /** {@code BITS_COST_STATE_CAPPED_USAGE_UNKNOWN}: a cap of unknown use. */
    public static final int COST_CAPPED_USAGE_UNKNOWN = 0x2;
    /** {@code BITS_COST_STATE_BELOW_CAP}. */
    public static final int COST_BELOW_CAP = 0x4;
    /** {@code BITS_COST_STATE_NEAR_CAP}. */
    public static final int COST_NEAR_CAP = 0x8;
    /** {@code BITS_COST_STATE_OVERCAP_CHARGED}: over the cap, charged. */
    public static final int COST_OVERCAP_CHARGED = 0x10;
    /** {@code BITS_COST_STATE_OVERCAP_THROTTLED}: over the cap, throttled. */
    public static final int COST_OVERCAP_THROTTLED = 0x20;
    /** {@code BITS_COST_STATE_USAGE_BASED}: charged by use. */
    public static final int COST_USAGE_BASED = 0x40;
    /** {@code BITS_COST_STATE_ROAMING}. */
    public static final int COST_ROAMING = 0x80;
    /** {@code BITS_COST_OPTION_IGNORE_CONGESTION}: an option, not a cost state. */
    public static final int IGNORE_CONGESTION = 0x80000000;
    /** {@code BITS_COST_STATE_RESERVED}. */
    public static final int COST_RESERVED = 0x40000000;
    /** Every bit bits5_0.h defines for the cost flags. */
    public static final int VALID_MASK = 0xC00000FF;

    private final int nativeValue;

    BitsJobTransferPolicy(int nativeValue) {
        this.nativeValue = nativeValue;
    }

    @Override
    public int nativeValue() {
        return nativeValue;
    }

    /** Whether a job with cost flags {@code flags} may transfer on a network whose cost state is {@code costState}. */
    public static boolean allows(int flags, int costState) {
        return (flags & costState & 0xFF) != 0;
    }

    /** The policy whose mask is {@code flags}, if it is one of the five. */
    public static Optional<BitsJobTransferPolicy> fromNative(int flags) {
        return NativeEnum.find(BitsJobTransferPolicy.class, flags);
    }
}
