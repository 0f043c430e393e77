package dev.bgcopy.simulator;

import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.SemanticError;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * A transfer failure, classified per docs/contract.md §5.5: its HRESULT, whether it is transient (the job
 * retries by itself) or fatal (ERROR), and where it happened. The context is kept in BITS terms;
 * {@link DialectRules#context(Failure)} reduces it for DO.
 *
 * @param code the failing HRESULT
 * @param bitsContext the BITS error context
 * @param isTransient whether the job goes to TRANSIENT_ERROR (else ERROR)
 * @param retryAfter a server-requested wait before the retry, or null
 * @param description text for people ({@code ExtendedErrorInfo}, {@code GetErrorDescription})
 */
record Failure(HResult code, BgErrorContext bitsContext, boolean isTransient, Duration retryAfter, String description) {

    /** What Windows reports for a stalled or silent server. */
    static final HResult TIMEOUT = HResult.ERROR_WINHTTP_TIMEOUT;
    /** Certificate or TLS failure. */
    static final HResult SECURE_FAILURE = HResult.ERROR_WINHTTP_SECURE_FAILURE;
    /** A response that breaks HTTP. */
    static final HResult INVALID_SERVER_RESPONSE = HResult.ERROR_WINHTTP_INVALID_SERVER_RESPONSE;

    /** A failure HTTP status: 408, 429 and 5xx other than 501/505 are transient, the rest fatal. */
    static Failure http(int status, Duration retryAfter) {
        boolean transientStatus = status == 408 || status == 429
                || (status >= 500 && status <= 599 && status != 501 && status != 505);
        return new Failure(HResult.fromHttpStatus(status), BgErrorContext.REMOTE_FILE, transientStatus,
                transientStatus ? retryAfter : null, "the server answered HTTP " + status);
    }

    /** A failure while talking to the source (socket, TLS, or a file: URL's file). */
    static Failure remote(IOException e, Dialect dialect) {
        if (e instanceof SocketTimeoutException) {
            return new Failure(TIMEOUT, BgErrorContext.GENERAL_TRANSPORT, true, null, "timed out: " + e.getMessage());
        }
        if (e instanceof Transport.MalformedResponseException) {
            return protocol(e.getMessage());
        }
        if (e instanceof RedirectPolicy.RedirectException redirect) {
            return new Failure(redirect.code, BgErrorContext.REMOTE_FILE, false, null, redirect.getMessage());
        }
        if (e instanceof ProxyPlan.InvalidProxyInfoException invalid) {
            // SetProxySettings page: proxy information is validated at run time; invalid information is this error.
            return new Failure(HResult.BG_E_INVALID_PROXY_INFO, BgErrorContext.GENERAL_TRANSPORT, false, null,
                    invalid.getMessage());
        }
        if (e instanceof SSLException) {
            ServerCertificateValidation.Declined declined = declinedByApplication(e);
            if (declined != null) {
                // Declined: TRANSIENT_ERROR, the next attempt asks again; no callback to ask: ERROR until one is
                // registered again and the job resumed (docs/contract.md §4.22).
                return new Failure(declined.code, BgErrorContext.SERVER_CERTIFICATE_CALLBACK, !declined.callbackMissing(), null,
                        declined.getMessage());
            }
            return new Failure(tlsCode(e), BgErrorContext.GENERAL_TRANSPORT, false, null, "TLS failure: " + e.getMessage());
        }
        if (e instanceof LocalFiles.CodedIOException refused) {
            // A file: source that can never be read as one version of a file (docs/contract.md §5.7).
            return new Failure(refused.code(), BgErrorContext.REMOTE_FILE, false, null, refused.getMessage());
        }
        if (e instanceof NoSuchFileException) {
            return new Failure(HResult.ERROR_FILE_NOT_FOUND, BgErrorContext.REMOTE_FILE, false, null,
                    "source file not found: " + e.getMessage());
        }
        if (e instanceof AccessDeniedException) {
            return new Failure(HResult.E_ACCESSDENIED, BgErrorContext.REMOTE_FILE, false, null,
                    "source file not readable: " + e.getMessage());
        }
        return new Failure(SemanticError.NETWORK_DOWN.in(dialect), BgErrorContext.GENERAL_TRANSPORT, true, null,
                "connection failed or lost: " + e);
    }

    /**
     * The code of a failed TLS handshake (docs/contract.md §4.12 "On the wire (SIM)"): the certificate problem
     * that decided it; a server's demand for a client certificate the job does not have; else {@link #SECURE_FAILURE}.
     */
    private static HResult tlsCode(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateCheck.Rejected rejected) {
                return rejected.problem.code;
            }
        }
        return e instanceof JobTls.ClientCertificateNeeded ? HResult.ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED : SECURE_FAILURE;
    }

    /** The application's refusal of the server certificate that failed the handshake {@code e}, or null. */
    private static ServerCertificateValidation.Declined declinedByApplication(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ServerCertificateValidation.Declined declined) {
                return declined;
            }
        }
        return null;
    }

    /** A failure writing, truncating or renaming the local temporary file. */
    static Failure local(IOException e) {
        HResult code;
        boolean isTransient = false;
        if (e instanceof LocalFiles.CodedIOException coded) {
            code = coded.code();
        } else if (e instanceof AccessDeniedException) {
            code = HResult.E_ACCESSDENIED;
        } else if (e instanceof NoSuchFileException) {
            code = HResult.ERROR_PATH_NOT_FOUND;
        } else if (String.valueOf(e.getMessage()).contains("No space left")) {
            // A full disk empties again: the bytes already written stay, and the retry continues from them.
            code = HResult.ERROR_DISK_FULL;
            isTransient = true;
        } else {
            code = HResult.E_FAIL;
        }
        return new Failure(code, BgErrorContext.LOCAL_FILE, isTransient, null, "local file: " + e);
    }

    /** The server sent more than it announced, or headers that contradict each other: this request failed (transient). */
    static Failure protocol(String description) {
        return new Failure(INVALID_SERVER_RESPONSE, BgErrorContext.GENERAL_TRANSPORT, true, null, description);
    }

    /** The body ended before the announced length: the connection was lost (transient). */
    static Failure truncatedBody(Dialect dialect, long got, long expected) {
        return new Failure(SemanticError.NETWORK_DOWN.in(dialect), BgErrorContext.GENERAL_TRANSPORT, true, null,
                "connection closed after " + got + " of " + expected + " bytes");
    }

    static Failure of(HResult code, BgErrorContext bitsContext, boolean isTransient, String description) {
        return new Failure(code, bitsContext, isTransient, null, description);
    }

    /** Carries a {@link Failure} out of the transfer code. */
    static final class Raised extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Failure failure;

        Raised(Failure failure) {
            super(failure.description(), null, false, false);
            this.failure = failure;
        }
    }
}
