package dev.bgcopy.api;

/**
 * {@code IBackgroundCopyFile5} (IID {@code 85C1657F-DAFC-40E8-8834-DF18EA25717E}; bits5_0.h; docs/contract.md §3.18,
 * §4.18): a file's generic properties, reached with {@code file.queryInterface(IBackgroundCopyFile5.class)}. It
 * derives from {@link IBackgroundCopyFile4}, as natively: {@code SetProperty} is slot 13, {@code GetProperty} slot 14. Both
 * dialects implement it ({@link Feature#JOB_PROPERTIES}).
 */
public interface IBackgroundCopyFile5 extends IBackgroundCopyFile4 {

    /**
     * {@code SetProperty} (slot 13): the only defined property is read-only, so this answers
     * {@code READ_ONLY_PROPERTY} for it and {@code UNKNOWN_PROPERTY_ID} for any other id (R217).
     */
    void setProperty(BitsFilePropertyId id, String value);

    /**
     * {@code GetProperty} (slot 14): for {@link BitsFilePropertyId#HTTP_RESPONSE_HEADERS} the status line and
     * headers of the last HTTP response the file got, CR LF separated, or an empty string before the first
     * (R216); {@code UNKNOWN_PROPERTY_ID} for any other id.
     */
    String getProperty(BitsFilePropertyId id);
}
