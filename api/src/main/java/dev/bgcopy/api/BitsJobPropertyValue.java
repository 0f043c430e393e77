package dev.bgcopy.api;

import java.util.UUID;

/**
 * {@code BITS_JOB_PROPERTY_VALUE} (bits5_0.h; docs/contract.md §6.13): the union {@link IBackgroundCopyJob5} passes,
 * one record per member. Natively the union carries no tag and the property id says which member counts; in Java a
 * value of another member than the id uses is {@code E_INVALIDARG} (R212).
 */
public sealed interface BitsJobPropertyValue {

    /** The member this value fills. */
    BitsJobPropertyId.Kind kind();

    /** {@code DWORD Dword}: the cost flags or the notification interval, as an unsigned 32-bit mask. */
    record Dword(int value) implements BitsJobPropertyValue {
        @Override
        public BitsJobPropertyId.Kind kind() {
            return BitsJobPropertyId.Kind.DWORD;
        }
    }

    /** {@code GUID ClsID}: the notification class; {@link #NONE} ({@code GUID_NULL}) for none. */
    record ClsId(UUID clsid) implements BitsJobPropertyValue {
        /** {@code GUID_NULL}. */
        public static final ClsId NONE = new ClsId(new UUID(0, 0));

        public ClsId {
            if (clsid == null) {
                throw new BackgroundCopyException("BITS_JOB_PROPERTY_VALUE", HResult.E_INVALIDARG, "the CLSID is null");
            }
        }

        @Override
        public BitsJobPropertyId.Kind kind() {
            return BitsJobPropertyId.Kind.CLSID;
        }
    }

    /** {@code BOOL Enable}. */
    record Enable(boolean enabled) implements BitsJobPropertyValue {
        @Override
        public BitsJobPropertyId.Kind kind() {
            return BitsJobPropertyId.Kind.ENABLE;
        }
    }

    /** {@code UINT64 Uint64}: the maximum download size, unsigned. */
    record Uint64(long value) implements BitsJobPropertyValue {
        @Override
        public BitsJobPropertyId.Kind kind() {
            return BitsJobPropertyId.Kind.UINT64;
        }
    }

    /** {@code BG_AUTH_TARGET Target}: null is the native 0, no target set. */
    record Target(BgAuthTarget target) implements BitsJobPropertyValue {
        @Override
        public BitsJobPropertyId.Kind kind() {
            return BitsJobPropertyId.Kind.TARGET;
        }
    }
}
