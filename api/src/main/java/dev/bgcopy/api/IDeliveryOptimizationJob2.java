package dev.bgcopy.api;

import java.util.List;

/**
 * {@code IDeliveryOptimizationJob2} (IID {@code 18995A26-BF59-4ABE-9F8B-D5092D5A2405}; docs/contract.md §3.5,
 * §4.3): DO's second job extension, reached with {@code job.queryInterface(IDeliveryOptimizationJob2.class)}.
 * Property ids are raw {@code DOJobPropertyId} numbers so that unknown ids can be passed; see
 * {@link DoJobPropertyId}.
 */
public interface IDeliveryOptimizationJob2 extends IUnknown {

    /**
     * {@code AddFile} (slot 3): adds a file without a local name; its destination is set later through
     * {@link IDeliveryOptimizationFile2} ({@link DoFilePropertyId#DOWNLOAD_SINK_FILE_PATH}). Same checks
     * as {@link IBackgroundCopyJob#addFileWithRanges} minus the local name (R102).
     *
     * @param ranges the byte ranges, or an empty list for the whole file
     */
    IDeliveryOptimizationFile addFile(String fileId, String remoteUrl, List<BgFileRange> ranges);

    /**
     * {@code GetProperty} (slot 4): {@link DoJobPropertyId#EXTENDED_ERROR_INFO} returns a String; any
     * other id fails with {@code DO_E_UNKNOWN_PROPERTY_ID} (R103).
     */
    Object getProperty(int propertyId);

    /**
     * {@code SetProperty} (slot 5): always fails: {@code DO_E_READ_ONLY_PROPERTY} for
     * {@link DoJobPropertyId#EXTENDED_ERROR_INFO}, {@code DO_E_UNKNOWN_PROPERTY_ID} otherwise (R104).
     */
    void setProperty(int propertyId, Object value);
}
