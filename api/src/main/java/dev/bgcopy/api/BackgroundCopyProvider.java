package dev.bgcopy.api;

import java.util.Map;
import java.util.Objects;

/**
 * A way to obtain an {@link IBackgroundCopyManager}, found with {@link java.util.ServiceLoader}: the
 * Java counterpart of a registered COM class ({@code CLSID_DeliveryOptimization},
 * {@code CLSID_BackgroundCopyManager}) plus the simulator. Applications use {@link BackgroundCopy};
 * implementations register a provider in {@code module-info} ({@code provides}) and in
 * {@code META-INF/services/dev.bgcopy.api.BackgroundCopyProvider}.
 */
public interface BackgroundCopyProvider {

    /** The name users select it by: {@code windows-do}, {@code windows-bits}, {@code simulator}. */
    String name();

    /**
     * Order of preference for {@link BackgroundCopy#open()}: lower comes first (the OS services before
     * the simulator).
     */
    int priority();

    /** Whether {@link #open} can work on this machine, and if not, why (with the HRESULT where there is one). */
    Availability availability();

    /** Shorthand for {@code availability().available()}. */
    default boolean isAvailable() {
        return availability().available();
    }

    /**
     * A new manager. Options are provider-specific strings (e.g. the simulator's {@code dialect});
     * an unknown or malformed option fails with {@code E_INVALIDARG}.
     *
     * @throws BackgroundCopyException when the manager cannot be created
     */
    IBackgroundCopyManager open(Map<String, String> options);

    /**
     * Whether a provider can be used, with the reason when it cannot.
     *
     * @param available whether {@link #open} can work
     * @param reason why not (empty when available)
     */
    record Availability(boolean available, String reason) {

        /** A reason is required (empty when available). */
        public Availability {
            Objects.requireNonNull(reason, "reason");
        }

        /** Usable. */
        public static Availability yes() {
            return new Availability(true, "");
        }

        /** Not usable, because of {@code reason}. */
        public static Availability no(String reason) {
            return new Availability(false, reason);
        }
    }
}
