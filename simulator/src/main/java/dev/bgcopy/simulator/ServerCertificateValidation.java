package dev.bgcopy.simulator;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyServerCertificateValidationCallback;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The application's own check of a server certificate ({@code IBackgroundCopyServerCertificateValidationCallback},
 * registered with {@code IBackgroundCopyJobHttpOptions3::SetServerCertificateValidationInterface}; docs/contract.md
 * §4.22 "On the wire (SIM)"): asked during the TLS handshake, after the job's certificate checks accepted the
 * certificate, before any request is sent.
 *
 * <p>As BITS documents, each registration keeps the {@code <host:port, certificate hash>} pairs its callback
 * approved and is not asked again for them; a declined certificate is never remembered, so every attempt asks
 * again. A new registration starts with nothing approved.
 */
final class ServerCertificateValidation {

    /** {@code X509_ASN_ENCODING | PKCS_7_ASN_ENCODING}: how {@code certData} is encoded. */
    static final int CERT_ENCODING_TYPE = 0x00010001;
    /** The element id of an encoded certificate in a serialized store ({@code CERT_CERT_PROP_ID}). */
    private static final int CERT_CERT_PROP_ID = 32;
    /** What {@code CertSaveStore(CERT_STORE_SAVE_AS_STORE)} writes first: a zero DWORD and "CERT". */
    private static final byte[] STORE_HEADER = {0, 0, 0, 0, 'C', 'E', 'R', 'T'};
    /** The element header that ends a serialized store: id, encoding and length, all zero. */
    private static final int STORE_TRAILER_LENGTH = 12;

    private ServerCertificateValidation() {
    }

    /**
     * One call of SetServerCertificateValidationInterface with a callback, and what it approved. Compared by
     * identity: it is also part of the key of the connections it approved, so no other job and no later
     * registration reuses them.
     */
    static final class Registration {
        /**
         * What a job registered in a process that is gone (the service restarted; the callback is never stored):
         * it still needs a callback, and none can be asked.
         */
        static final Registration DROPPED = new Registration(null);

        private final IBackgroundCopyServerCertificateValidationCallback callback;
        private final Set<String> approved = ConcurrentHashMap.newKeySet();

        Registration(IBackgroundCopyServerCertificateValidationCallback callback) {
            this.callback = callback;
        }

        /** The callback, or null when its process is gone. */
        IBackgroundCopyServerCertificateValidationCallback callback() {
            return callback;
        }
    }

    /** The callback refused the certificate, or there was none to ask: the handshake fails with {@code code}. */
    static final class Declined extends CertificateException {
        private static final long serialVersionUID = 1L;
        final transient HResult code;

        Declined(HResult code, String detail) {
            super(detail);
            this.code = code;
        }

        /** Whether the job needs its callback registered again ({@code BG_E_SERVER_CERT_VALIDATION_INTERFACE_REQUIRED}). */
        boolean callbackMissing() {
            return code.equals(HResult.BG_E_SERVER_CERT_VALIDATION_INTERFACE_REQUIRED);
        }
    }

    /**
     * What the handshakes of one file's requests ask the job's callback with: the registration, the job and the
     * file. A stop request ({@link #abandon}) releases a handshake waiting for the callback's answer.
     */
    static final class Question {
        private final Registration registration;
        private final IBackgroundCopyJob job;
        private final IBackgroundCopyFile file;
        private volatile boolean abandoned;
        private volatile CompletableFuture<HResult> pending;

        Question(Registration registration, IBackgroundCopyJob job, IBackgroundCopyFile file) {
            this.registration = registration;
            this.job = job;
            this.file = file;
        }

        Registration registration() {
            return registration;
        }

        /** The transfer stops: a handshake waiting for the callback fails at once (the callback's answer is dropped). */
        void abandon() {
            abandoned = true;
            CompletableFuture<HResult> waiting = pending;
            if (waiting != null) {
                waiting.cancel(false);
            }
        }

        /**
         * Asks the callback about {@code chain}, which the job's own checks accepted for {@code host:port}, unless
         * this registration approved that certificate from there before. The callback runs on a thread of its own
         * that holds nothing of the engine, so it may call the job (Suspend and Cancel included) while this
         * handshake waits.
         *
         * @throws Declined when the callback answers a failure, throws, or is gone
         */
        void ask(X509Certificate[] chain, String host, int port) throws CertificateException {
            IBackgroundCopyServerCertificateValidationCallback callback = registration.callback();
            if (callback == null) {
                throw new Declined(HResult.BG_E_SERVER_CERT_VALIDATION_INTERFACE_REQUIRED,
                        "the job's certificate-validation callback ended with its process; register it again and resume");
            }
            byte[] certificate = chain[0].getEncoded();
            String approval = host + ":" + port + "/" + sha256(certificate);
            if (registration.approved.contains(approval)) {
                return;
            }
            byte[] store = serializedStore(chain);
            CompletableFuture<HResult> answer = new CompletableFuture<>();
            pending = answer;
            if (abandoned) {
                throw new CertificateException("the transfer stopped before the certificate-validation callback was asked");
            }
            Thread asking = new Thread(() -> answer.complete(call(callback, certificate, store)),
                    "bgcopy-certificate-validation");
            asking.setDaemon(true);
            asking.start();
            HResult result;
            try {
                result = answer.get();
            } catch (CancellationException | ExecutionException stopped) {
                throw new CertificateException("the transfer stopped while the certificate-validation callback ran");
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new CertificateException("interrupted while the certificate-validation callback ran");
            } finally {
                pending = null;
            }
            if (result.isFailure()) {
                throw new Declined(result, "the job's certificate-validation callback declined the certificate of "
                        + host + ":" + port + " with " + result);
            }
            registration.approved.add(approval);
        }

        /** The callback's answer: a thrown {@link BackgroundCopyException} answers its code, anything else E_FAIL. */
        private HResult call(IBackgroundCopyServerCertificateValidationCallback callback, byte[] certificate, byte[] store) {
            try {
                HResult result = callback.validateServerCertificate(job, file, certificate.clone(), CERT_ENCODING_TYPE, store);
                return result == null ? HResult.E_POINTER : result;
            } catch (BackgroundCopyException refused) {
                return refused.hresult().isFailure() ? refused.hresult() : HResult.E_FAIL;
            } catch (RuntimeException | Error failed) {
                if (failed instanceof VirtualMachineError vm) {
                    throw vm;
                }
                return HResult.E_FAIL;
            }
        }
    }

    /**
     * {@code chain} as {@code CertSaveStore(CERT_STORE_SAVE_AS_STORE)} writes a store holding it: the header, one
     * element per certificate (id {@code CERT_CERT_PROP_ID}, encoding {@code X509_ASN_ENCODING}, length, DER, the
     * DWORDs little-endian), then an all-zero element. {@code CertOpenStore(CERT_STORE_PROV_SERIALIZED)} reads it.
     */
    static byte[] serializedStore(X509Certificate[] chain) throws CertificateEncodingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(STORE_HEADER);
        for (X509Certificate certificate : chain) {
            byte[] der = certificate.getEncoded();
            out.writeBytes(ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(CERT_CERT_PROP_ID).putInt(1).putInt(der.length).array());
            out.writeBytes(der);
        }
        out.writeBytes(new byte[STORE_TRAILER_LENGTH]);
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
