package dev.bgcopy.api;

import java.util.Optional;

/**
 * {@code IBackgroundCopyJobHttpOptions3} (IID {@code 8A9263D3-FD4C-4EDA-9B28-30132A4D4E3C}; bits10_3.h;
 * docs/contract.md §3.22, §4.22): write-only custom headers and a server-certificate check of the application's own,
 * slots 13-14. BITS only ({@link Feature#HTTP_OPTIONS_10}).
 */
public interface IBackgroundCopyJobHttpOptions3 extends IBackgroundCopyJobHttpOptions2 {

    /**
     * {@code SetServerCertificateValidationInterface} (slot 13): the callback asked about each server certificate
     * the platform accepted; null removes it. {@code BG_E_READ_ONLY_WHEN_JOB_ACTIVE} unless the job is SUSPENDED,
     * ERROR or TRANSFERRED; {@code INVALID_STATE} when terminal (R228-R229). The registration is not stored: it ends
     * with the process, as BITS keeps no record of it, and the job then fails its next https connection with
     * {@code BG_E_SERVER_CERT_VALIDATION_INTERFACE_REQUIRED} until a callback is registered again (R234).
     */
    void setServerCertificateValidationInterface(IBackgroundCopyServerCertificateValidationCallback callback);

    /** The callback registered with {@link #setServerCertificateValidationInterface}, if any (not a native slot). */
    Optional<IBackgroundCopyServerCertificateValidationCallback> serverCertificateValidationInterface();

    /**
     * {@code MakeCustomHeadersWriteOnly} (slot 14): always {@code S_OK}; from now on
     * {@link #getCustomHeaders()} answers {@code E_ACCESSDENIED} while the headers are still sent. It cannot be
     * undone (R230).
     */
    void makeCustomHeadersWriteOnly();
}
