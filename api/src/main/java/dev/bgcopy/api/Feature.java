package dev.bgcopy.api;

/**
 * Optional parts of the contract. An {@link IBackgroundCopyManager} lists the ones it implements in
 * {@link IBackgroundCopyManager#supportedFeatures()}; each constant says what happens without it.
 */
public enum Feature {
    /**
     * {@link IBackgroundCopyJob#addFileWithRanges} ({@code IDeliveryOptimizationJob}). Absent: it fails
     * with {@code E_NOINTERFACE} and changes nothing (BITS has no such interface).
     */
    ADD_FILE_WITH_RANGES,
    /**
     * {@link IDeliveryOptimizationJob2} on jobs, and {@link IDeliveryOptimizationFile} /
     * {@link IDeliveryOptimizationFile2} on files. Absent: {@code queryInterface} is empty.
     */
    DO_EXTENSIONS,
    /**
     * The methods DO leaves undocumented (docs/contract.md §1.2 item 2): {@code addFile}, {@code addFileSet},
     * {@code getOwner}, {@code setDisplayName}, {@code set/getDescription}, {@code set/getMinimumRetryDelay},
     * {@code getErrorCount}, {@code set/getProxySettings}, {@code takeOwnership}, {@code enumJobs},
     * {@code getErrorDescription}, the error descriptions and protocol, and enumerator {@code clone}.
     * Absent: each fails with {@code E_NOTIMPL} and changes nothing.
     */
    BITS_METHODS,
    /**
     * {@link IBackgroundCopyJob2} and {@link IBackgroundCopyJobHttpOptions} on jobs (BITS 1.5 and 2.5; not
     * documented for Delivery Optimization). Absent: {@code queryInterface} is empty.
     */
    HTTP_OPTIONS,
    /**
     * {@link IBackgroundCopyJob3} and {@link IBackgroundCopyJob4} on jobs, {@link IBackgroundCopyFile3} and
     * {@link IBackgroundCopyFile4} on files (BITS 2.0-4.0; not in the current Delivery Optimization reference).
     * Absent: {@code queryInterface} is empty.
     */
    BITS3_INTERFACES,
    /**
     * {@link IBackgroundCopyJob5} on jobs and {@link IBackgroundCopyFile5} on files (BITS 5.0; Delivery Optimization
     * with the cost flags and the notification CLSID only). Absent: {@code queryInterface} is empty.
     */
    JOB_PROPERTIES,
    /**
     * {@link IBackgroundCopyFile6} on files and delivery of {@link IBackgroundCopyCallback3} (BITS 10.1; not in
     * Delivery Optimization). Absent: {@code queryInterface} is empty and no range is reported.
     */
    ON_DEMAND_RANGES,
    /**
     * {@link IBackgroundCopyJobHttpOptions2} and {@link IBackgroundCopyJobHttpOptions3} on jobs (BITS 10.2 and 10.3;
     * not in Delivery Optimization). Absent: {@code queryInterface} is empty.
     */
    HTTP_OPTIONS_10,
    /**
     * Delivery of {@link IBackgroundCopyCallback} events registered with
     * {@link IBackgroundCopyJob#setNotifyInterface}. Absent: registration is stored but nothing is called.
     */
    CALLBACKS
}
