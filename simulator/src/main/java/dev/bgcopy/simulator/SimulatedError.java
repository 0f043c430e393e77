package dev.bgcopy.simulator;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgError;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.SemanticError;
import java.util.Locale;

/**
 * {@code IBackgroundCopyError}: a snapshot of a job's error record (docs/contract.md §4.6), never changing
 * after it is handed out. The BITS-only slots fail with {@code E_NOTIMPL} in the DO dialect.
 */
final class SimulatedError implements IBackgroundCopyError {

    private static final String IFACE = "IBackgroundCopyError::";

    private final Failure failure;
    private final IBackgroundCopyFile file;
    private final DialectRules rules;
    private final String protocol;

    SimulatedError(Failure failure, IBackgroundCopyFile file, DialectRules rules, String protocol) {
        this.failure = failure;
        this.file = file;
        this.rules = rules;
        this.protocol = protocol;
    }

    Failure failure() {
        return failure;
    }

    @Override
    public BgError getError() {
        return new BgError(rules.context(failure), failure.code());
    }

    @Override
    public IBackgroundCopyFile getFile() {
        if (file == null) {
            throw new BackgroundCopyException(IFACE + "GetFile", rules.code(SemanticError.FILE_NOT_AVAILABLE),
                    "the error concerns no file");
        }
        return file;
    }

    @Override
    public String getErrorDescription(Locale locale) {
        requireBits("GetErrorDescription");
        return failure.code() + ": " + failure.description();
    }

    @Override
    public String getErrorContextDescription(Locale locale) {
        requireBits("GetErrorContextDescription");
        return switch (failure.bitsContext()) {
            case NONE -> "No error context.";
            case LOCAL_FILE -> "The error occurred while processing the local file.";
            case REMOTE_FILE -> "The error occurred while processing the remote file.";
            case GENERAL_TRANSPORT -> "The error occurred in the transport layer.";
            case GENERAL_QUEUE_MANAGER -> "The error occurred in the queue manager.";
            case QUEUE_MANAGER_NOTIFICATION -> "The error occurred while notifying the application.";
            case REMOTE_APPLICATION -> "The error occurred in the remote application.";
            case SERVER_CERTIFICATE_CALLBACK -> "The error occurred in the server certificate validation callback.";
            case UNKNOWN -> "The error context is unknown.";
        };
    }

    @Override
    public String getProtocol() {
        requireBits("GetProtocol");
        if (protocol == null) {
            throw new BackgroundCopyException(IFACE + "GetProtocol", HResult.BG_E_PROTOCOL_NOT_AVAILABLE,
                    "the error concerns no file");
        }
        return protocol;
    }

    private void requireBits(String method) {
        rules.requireBitsMethod(IFACE + method);
    }

    @Override
    public String toString() {
        return "SimulatedError[" + getError() + "]";
    }
}
