package dev.bgcopy.api;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code BG_NOTIFY_*} flags of {@code SetNotifyFlags}/{@code GetNotifyFlags} (docs/contract.md §6.5).
 * The native value is a {@code ULONG} mask; {@link #toMask(Collection)} and {@link #fromMask(int)}
 * convert. Bits outside {@link #VALID_MASK} make {@code SetNotifyFlags} fail with {@code E_NOTIMPL}.
 */
public enum BgNotify implements NativeEnum {
    /** {@code BG_NOTIFY_JOB_TRANSFERRED} (0x01): call {@code JobTransferred}. */
    JOB_TRANSFERRED(0x0001),
    /** {@code BG_NOTIFY_JOB_ERROR} (0x02): call {@code JobError}. */
    JOB_ERROR(0x0002),
    /** {@code BG_NOTIFY_DISABLE} (0x04): no notifications at all (DO: "not supported", §8 I-12). */
    DISABLE(0x0004),
    /** {@code BG_NOTIFY_JOB_MODIFICATION} (0x08): call {@code JobModification}. */
    JOB_MODIFICATION(0x0008),
    /** {@code BG_NOTIFY_FILE_TRANSFERRED} (0x10): call {@code FileTransferred}. */
    FILE_TRANSFERRED(0x0010),
    /** {@code BG_NOTIFY_FILE_RANGES_TRANSFERRED} (0x20): call {@code FileRangesTransferred} (BITS; DO: "not supported"). */
    FILE_RANGES_TRANSFERRED(0x0020);

    /** Every defined flag: 0x3F. */
    public static final int VALID_MASK = 0x3F;

    /** The flags of a new job: {@code JOB_TRANSFERRED | JOB_ERROR} = 0x03. */
    public static final int DEFAULT_MASK = 0x03;

    private final int nativeValue;

    BgNotify(int nativeValue) {
        this.nativeValue = nativeValue;
    }

    @Override
    public int nativeValue() {
        return nativeValue;
    }

    /** The {@code ULONG} mask of {@code flags}. */
    public static int toMask(Collection<BgNotify> flags) {
        int mask = 0;
        for (BgNotify flag : flags) {
            mask |= flag.nativeValue;
        }
        return mask;
    }

    /** The flags set in {@code mask}; bits outside {@link #VALID_MASK} are ignored. */
    public static Set<BgNotify> fromMask(int mask) {
        EnumSet<BgNotify> flags = EnumSet.noneOf(BgNotify.class);
        for (BgNotify flag : values()) {
            if ((mask & flag.nativeValue) != 0) {
                flags.add(flag);
            }
        }
        return flags;
    }
}
