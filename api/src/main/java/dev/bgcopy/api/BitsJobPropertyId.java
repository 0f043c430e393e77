package dev.bgcopy.api;

import java.util.Map;
import java.util.Optional;

/**
 * {@code BITS_JOB_PROPERTY_ID} (bits5_0.h; docs/contract.md §6.13): which property {@link IBackgroundCopyJob5}'s
 * {@code SetProperty}/{@code GetProperty} read or write, and which member of {@link BitsJobPropertyValue} it uses.
 * A value class rather than an enum, because a caller may pass a number the service does not know (6, 8, 11, …),
 * which the service answers with {@code UNKNOWN_PROPERTY_ID} (R211).
 *
 * @param nativeValue the native enumeration value
 */
public record BitsJobPropertyId(int nativeValue) {

    /** {@code BITS_JOB_PROPERTY_ID_COST_FLAGS} (1): the {@link BitsJobTransferPolicy} mask ({@code Dword}). */
    public static final BitsJobPropertyId COST_FLAGS = new BitsJobPropertyId(1);
    /** {@code BITS_JOB_PROPERTY_NOTIFICATION_CLSID} (2): a COM class to notify ({@code ClsID}; GUID_NULL clears). */
    public static final BitsJobPropertyId NOTIFICATION_CLSID = new BitsJobPropertyId(2);
    /** {@code BITS_JOB_PROPERTY_DYNAMIC_CONTENT} (3): no Range requests, restart from zero ({@code Enable}). */
    public static final BitsJobPropertyId DYNAMIC_CONTENT = new BitsJobPropertyId(3);
    /** {@code BITS_JOB_PROPERTY_HIGH_PERFORMANCE} (4): fewer progress writes ({@code Enable}). */
    public static final BitsJobPropertyId HIGH_PERFORMANCE = new BitsJobPropertyId(4);
    /** {@code BITS_JOB_PROPERTY_MAX_DOWNLOAD_SIZE} (5): the most bytes the job may download ({@code Uint64}). */
    public static final BitsJobPropertyId MAX_DOWNLOAD_SIZE = new BitsJobPropertyId(5);
    /** {@code BITS_JOB_PROPERTY_USE_STORED_CREDENTIALS} (7): default credentials for the proxy ({@code Target}). */
    public static final BitsJobPropertyId USE_STORED_CREDENTIALS = new BitsJobPropertyId(7);
    /** {@code BITS_JOB_PROPERTY_MINIMUM_NOTIFICATION_INTERVAL_MS} (9): the shortest gap between progress callbacks ({@code Dword}). */
    public static final BitsJobPropertyId MINIMUM_NOTIFICATION_INTERVAL_MS = new BitsJobPropertyId(9);
    /** {@code BITS_JOB_PROPERTY_ON_DEMAND_MODE} (10): transfer only the ranges asked for ({@code Enable}). */
    public static final BitsJobPropertyId ON_DEMAND_MODE = new BitsJobPropertyId(10);

    private static final Map<Integer, Kind> KINDS = Map.of(1, Kind.DWORD, 2, Kind.CLSID, 3, Kind.ENABLE, 4, Kind.ENABLE,
            5, Kind.UINT64, 7, Kind.TARGET, 9, Kind.DWORD, 10, Kind.ENABLE);
    private static final Map<Integer, String> NAMES = Map.of(1, "COST_FLAGS", 2, "NOTIFICATION_CLSID", 3, "DYNAMIC_CONTENT",
            4, "HIGH_PERFORMANCE", 5, "MAX_DOWNLOAD_SIZE", 7, "USE_STORED_CREDENTIALS", 9, "MINIMUM_NOTIFICATION_INTERVAL_MS",
            10, "ON_DEMAND_MODE");

    /** The member of {@code BITS_JOB_PROPERTY_VALUE} a property uses. */
    public enum Kind {
        /** {@code DWORD Dword}. */
        DWORD,
        /** {@code GUID ClsID}. */
        CLSID,
        /** {@code BOOL Enable}. */
        ENABLE,
        /** {@code UINT64 Uint64}. */
        UINT64,
        /** {@code BG_AUTH_TARGET Target}. */
        TARGET
    }

    /** The member this property uses, or empty for an id bits5_0.h does not define. */
    public Optional<Kind> kind() {
        return Optional.ofNullable(KINDS.get(nativeValue));
    }

    /** Whether bits5_0.h defines this id. */
    public boolean isKnown() {
        return KINDS.containsKey(nativeValue);
    }

    @Override
    public String toString() {
        return NAMES.getOrDefault(nativeValue, "BITS_JOB_PROPERTY_ID(" + nativeValue + ")");
    }
}
