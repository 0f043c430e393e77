package dev.bgcopy.api;

/**
 * {@code IDeliveryOptimizationFile} (IID {@code B76B9699-E99E-4101-803F-A20E325D93E2}; docs/contract.md §3.10,
 * §4.8): a DO file's swarm statistics. Reached with {@code file.queryInterface(IDeliveryOptimizationFile.class)}
 * or returned by {@link IDeliveryOptimizationJob2#addFile}.
 */
public interface IDeliveryOptimizationFile extends IUnknown {

    /** {@code GetStats} (slot 3): where the file's bytes came from (R107). */
    DoSwarmStats getStats();
}
