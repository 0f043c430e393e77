package dev.bgcopy.api;

import java.util.Optional;

/**
 * {@code IBackgroundCopyJobHttpOptions} (IID {@code F1BD1079-9F01-4BDC-8036-F09B70095066}; docs/contract.md
 * §3.12, §4.12): BITS 2.5's HTTP options of a job (client certificate, custom headers, security flags),
 * reached with {@code job.queryInterface(IBackgroundCopyJobHttpOptions.class)}. It derives from
 * {@code IUnknown}, so its methods take slots 3-10. Delivery Optimization does not document it: there
 * {@code queryInterface} is empty ({@link Feature#HTTP_OPTIONS}).
 */
public interface IBackgroundCopyJobHttpOptions extends IUnknown {

    /** Store names and subject names are limited to 256 characters including the terminator. */
    int MAX_CERTIFICATE_NAME = 255;
    /** The custom headers are limited to 16,384 characters including the terminator. */
    int MAX_CUSTOM_HEADERS = 16_383;

    /**
     * {@code SetClientCertificateByID} (slot 3): the certificate with this SHA-1 thumbprint in a store.
     * {@code E_NOTIMPL} for a null location, {@code RPC_X_NULL_REF_POINTER} for a null name or hash,
     * {@code RPC_X_BAD_STUB_DATA} for a hash not 20 bytes long, {@code BG_E_STRING_TOO_LONG},
     * {@code HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)} for an unknown store, {@code CRYPT_E_NOT_FOUND} for no
     * such certificate, {@code INVALID_STATE} when terminal (R152-R154).
     */
    void setClientCertificateByID(BgCertStoreLocation storeLocation, String storeName, byte[] certHash);

    /**
     * {@code SetClientCertificateByName} (slot 4): the first client-authentication certificate of the store whose
     * subject contains {@code subjectName}. Codes as for {@link #setClientCertificateByID}, an empty subject
     * name being {@code E_INVALIDARG} (R152-R154).
     */
    void setClientCertificateByName(BgCertStoreLocation storeLocation, String storeName, String subjectName);

    /**
     * {@code RemoveClientCertificate} (slot 5).
     *
     * @return {@link HResult#S_OK}, or {@link HResult#S_FALSE} when the job had no certificate (R155)
     */
    HResult removeClientCertificate();

    /**
     * {@code GetClientCertificate} (slot 6).
     *
     * @throws BackgroundCopyException {@code RPC_X_BAD_STUB_DATA} when the job has no certificate (R155)
     */
    BgClientCertificate getClientCertificate();

    /**
     * {@code SetCustomHeaders} (slot 7): {@code Name: value} lines, each ended by CR LF, sent with every HTTP
     * request of the job; null removes them. {@code BG_E_STRING_TOO_LONG} over 16,383 characters,
     * {@code E_INVALIDARG} for text that is not such lines, {@code INVALID_STATE} when terminal; a refusal
     * keeps the headers set before (R156-R159).
     */
    void setCustomHeaders(String requestHeaders);

    /** {@code GetCustomHeaders} (slot 8): the headers as set, or empty ({@code S_FALSE}) when none are (R156). */
    Optional<String> getCustomHeaders();

    /**
     * {@code SetSecurityFlags} (slot 9): a {@link BgSecurityFlags} mask. {@code E_NOTIMPL} for a bit no flag
     * defines or a redirect policy outside the enumeration; {@code INVALID_STATE} when terminal (R160-R161).
     */
    void setSecurityFlags(int flags);

    /** {@link #setSecurityFlags(int)} of a value. */
    default void setSecurityFlags(BgSecurityFlags flags) {
        setSecurityFlags(flags.toMask());
    }

    /** {@code GetSecurityFlags} (slot 10): the mask last set; 0 for a new job (R160). */
    int getSecurityFlags();
}
