package dev.bgcopy.cli.internal;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.HResult;
import java.util.Objects;

/**
 * A command failed: carries the exit code and the one line printed on stderr ("what failed: NAME
 * (0xHEX): detail; hint: what to do"). Built from a {@link BackgroundCopyException} with
 * {@link #of(String, BackgroundCopyException)}, which keeps the HRESULT and picks the exit code.
 */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param exitCode one of {@link ExitCode}
     * @param line the whole message; line breaks are flattened so that it stays one line
     * @param cause the underlying failure, printed only with {@code --verbose}; may be null
     */
    public CliException(int exitCode, String line, Throwable cause) {
        super(oneLine(line), cause);
        this.exitCode = exitCode;
    }

    /** A failure without an HRESULT (bad arguments checked by the CLI itself). */
    public static CliException usage(String what, String hint) {
        return new CliException(ExitCode.USAGE, what + "; hint: " + hint, null);
    }

    /** {@code what} failed with {@code e}: the exit code follows the HRESULT ({@link ExitCode#of}). */
    public static CliException of(String what, BackgroundCopyException e) {
        return of(what, e, Hints.forCode(e.hresult()));
    }

    /** As {@link #of(String, BackgroundCopyException)} with a hint chosen by the caller. */
    public static CliException of(String what, BackgroundCopyException e, String hint) {
        return of(ExitCode.of(e.hresult()), what, e, hint);
    }

    /** As {@link #of(String, BackgroundCopyException, String)} with an explicit exit code. */
    public static CliException of(int exitCode, String what, BackgroundCopyException e, String hint) {
        return new CliException(exitCode, what + ": " + e.hresult() + detail(e) + "; hint: " + hint, e);
    }

    /** The detail of a {@link BackgroundCopyException}, without the method and code it starts with. */
    static String detail(BackgroundCopyException e) {
        String message = Objects.requireNonNullElse(e.getMessage(), "");
        String prefix = e.method() + ": " + e.hresult();
        String rest = message.startsWith(prefix) ? message.substring(prefix.length()) : ": " + message;
        return rest.isBlank() || rest.equals(":") ? "" : rest;
    }

    /** A failure of the job itself (ERROR state): exit code {@link ExitCode#FAILED}. */
    public static CliException jobFailed(String what, HResult code, String context, String hint) {
        return new CliException(ExitCode.FAILED, what + ": " + code + " (context " + context + "); hint: " + hint, null);
    }

    /** The exit code for this failure. */
    public int exitCode() {
        return exitCode;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
