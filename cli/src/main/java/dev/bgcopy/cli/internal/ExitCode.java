package dev.bgcopy.cli.internal;

import dev.bgcopy.api.HResult;
import dev.bgcopy.api.SemanticError;

/**
 * The process exit codes of {@code bgcopy}, and which failing {@link HResult} maps to which. Scripts
 * rely on these numbers; the README lists them.
 */
public final class ExitCode {

    /** The command did what was asked. */
    public static final int OK = 0;
    /** The job ended in ERROR, or the service refused the operation for another reason (e.g. INVALID_STATE). */
    public static final int FAILED = 1;
    /** Bad command line or bad input: unknown option, malformed URL, range or id, missing directory. */
    public static final int USAGE = 2;
    /** No job with that id (never existed, or already acknowledged or cancelled). */
    public static final int NOT_FOUND = 3;
    /** The backend cannot be used here (not installed, not on this OS, no durable store). */
    public static final int BACKEND_UNAVAILABLE = 4;
    /** {@code wait --timeout} elapsed before the job finished. */
    public static final int TIMEOUT = 5;
    /** Interrupted (Ctrl-C): the job was suspended, or cancelled when it could not outlive the process. */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }

    /**
     * The exit code for an operation that failed with {@code hr}: input the service rejects is a usage
     * error, a missing job is {@link #NOT_FOUND}, an unregistered service is
     * {@link #BACKEND_UNAVAILABLE}, anything else {@link #FAILED}.
     */
    public static int of(HResult hr) {
        if (SemanticError.NOT_FOUND.matches(hr)) {
            return NOT_FOUND;
        }
        if (hr.equals(HResult.REGDB_E_CLASSNOTREG) || hr.equals(HResult.ERROR_SERVICE_DISABLED)
                || hr.equals(HResult.DO_E_NO_SERVICE)) {
            return BACKEND_UNAVAILABLE;
        }
        if (hr.equals(HResult.E_INVALIDARG) || hr.equals(HResult.E_NOINTERFACE)
                || SemanticError.INVALID_RANGE.matches(hr) || SemanticError.OVERLAPPING_RANGES.matches(hr)
                || SemanticError.EMPTY.matches(hr) || hr.equals(HResult.BG_E_STRING_TOO_LONG)) {
            return USAGE;
        }
        return FAILED;
    }
}
