package dev.bgcopy.api;

/**
 * {@code IBackgroundCopyServerCertificateValidationCallback} (IID {@code 4CEC0D02-DEF7-4158-813A-C32A46945FF7};
 * bits10_3.h; docs/contract.md §3.22, §4.22): the application's own check of a server certificate, registered with
 * {@link IBackgroundCopyJobHttpOptions3#setServerCertificateValidationInterface}. Called after the platform accepted
 * the certificate, before the request is sent.
 */
@FunctionalInterface
public interface IBackgroundCopyServerCertificateValidationCallback {

    /**
     * {@code ValidateServerCertificate} (slot 3): {@link HResult#S_OK} accepts; any failure declines, and the job
     * goes to TRANSIENT_ERROR with that code and the context {@code SERVER_CERTIFICATE_CALLBACK}.
     *
     * @param certData the DER-encoded certificate
     * @param certEncodingType the encoding ({@code X509_ASN_ENCODING | PKCS_7_ASN_ENCODING} = 0x10001)
     * @param certStore the chain as a serialized store, or an empty array
     */
    HResult validateServerCertificate(IBackgroundCopyJob job, IBackgroundCopyFile file, byte[] certData,
                                      int certEncodingType, byte[] certStore);
}
