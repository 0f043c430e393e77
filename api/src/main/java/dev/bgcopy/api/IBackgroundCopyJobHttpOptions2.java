package dev.bgcopy.api;

/**
 * {@code IBackgroundCopyJobHttpOptions2} (IID {@code B591A192-A405-4FC3-8323-4C5C542578FC}; bits10_2.h;
 * docs/contract.md §3.21, §4.21): the HTTP method of a job, slots 11-12 after those of
 * {@link IBackgroundCopyJobHttpOptions}. BITS only ({@link Feature#HTTP_OPTIONS_10}).
 */
public interface IBackgroundCopyJobHttpOptions2 extends IBackgroundCopyJobHttpOptions {

    /** The method of a download job until one is set. */
    String DEFAULT_DOWNLOAD_METHOD = "GET";

    /**
     * {@code SetHttpMethod} (slot 11): the method every request of the job uses. {@code GET} changes nothing;
     * another method makes the job FOREGROUND for good, turns its transient errors into ERROR and restarts its files
     * from zero. {@code E_INVALIDARG} for a name that is not an HTTP token, {@code BG_E_READ_ONLY_PROPERTY_AFTER_RESUME}
     * once the job was resumed, {@code BG_E_UNSUPPORTED_JOB_CONFIGURATION} for a job with dynamic content or on
     * demand, {@code INVALID_STATE} when terminal (R225-R227).
     */
    void setHttpMethod(String method);

    /** {@code GetHttpMethod} (slot 12): the method set, {@value #DEFAULT_DOWNLOAD_METHOD} until then (R225). */
    String getHttpMethod();
}
