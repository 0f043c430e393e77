package dev.bgcopy.api;

import java.util.Optional;

/**
 * {@code IUnknown}: what every IBackgroundCopy* object shares (docs/contract.md §3.1).
 *
 * <p>{@link #queryInterface(Class)} is {@code QueryInterface} (slot 0): it answers whether this object
 * also implements another interface of the contract, such as {@link IDeliveryOptimizationJob2} on a
 * job or {@link IDeliveryOptimizationFile2} on a file, and is empty where the native call returns
 * {@code E_NOINTERFACE}. {@link #close()} is {@code Release} (slot 2) of the one reference this Java
 * object holds: it never cancels a job or deletes a file; the job goes on in the service. After
 * {@code close()} the object must not be used. Implementations without native references (the
 * simulator) make it a no-op.
 */
public interface IUnknown extends AutoCloseable {

    /**
     * {@code IUnknown::QueryInterface} (slot 0): this object seen as {@code iface}, or empty for
     * {@code E_NOINTERFACE}. Thread-safe.
     *
     * @throws BackgroundCopyException {@code E_INVALIDARG} when {@code iface} is null (a null
     *         {@code riid})
     */
    default <T extends IUnknown> Optional<T> queryInterface(Class<T> iface) {
        requireInterface(iface);
        return iface.isInstance(this) ? Optional.of(iface.cast(this)) : Optional.empty();
    }

    /**
     * The argument check every {@link #queryInterface(Class)} starts with: a null interface is
     * {@code E_INVALIDARG}, as for every null input argument of the contract, never a bare
     * {@link NullPointerException}.
     *
     * @return {@code iface}
     * @throws BackgroundCopyException {@code E_INVALIDARG} when {@code iface} is null
     */
    static <T extends IUnknown> Class<T> requireInterface(Class<T> iface) {
        if (iface == null) {
            throw new BackgroundCopyException("IUnknown::QueryInterface", HResult.E_INVALIDARG,
                    "the interface to query for is null");
        }
        return iface;
    }

    /** {@code IUnknown::Release} (slot 2) of this wrapper's reference; idempotent. */
    @Override
    default void close() {
    }
}
