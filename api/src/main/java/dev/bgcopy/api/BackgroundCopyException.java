package dev.bgcopy.api;

import java.util.Objects;

/**
 * A failing {@code HRESULT} returned by an IBackgroundCopy* method, as a Java exception.
 *
 * <p>The native contract reports every failure as an {@code HRESULT}; this exception carries it
 * unchanged in {@link #hresult()}, and its message names the method that failed, the code and, when
 * known, a detail ("{@code IBackgroundCopyJob::Resume: DO_E_JOB_EMPTY (0x80D02004): the job has no
 * files}"). Success codes such as {@code S_FALSE} or {@code BG_S_PARTIAL_COMPLETE} are never thrown:
 * the methods that can return them return an {@link HResult} instead.
 *
 * <p>A job that ends in {@link BgJobState#ERROR} is not an exception: it is state, read with
 * {@link IBackgroundCopyJob#getError()}.
 */
public class BackgroundCopyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HResult hresult;
    private final String method;

    /**
     * @param method the native method in {@code Interface::Method} form, e.g. {@code IBackgroundCopyJob::Resume}
     * @param hresult the failing code
     * @param detail what went wrong, for people; may be null
     */
    public BackgroundCopyException(String method, HResult hresult, String detail) {
        this(method, hresult, detail, null);
    }

    /**
     * @param method the native method in {@code Interface::Method} form
     * @param hresult the failing code
     * @param detail what went wrong, for people; may be null
     * @param cause the underlying exception; may be null
     */
    public BackgroundCopyException(String method, HResult hresult, String detail, Throwable cause) {
        super(message(method, hresult, detail), cause);
        this.method = Objects.requireNonNull(method, "method");
        this.hresult = Objects.requireNonNull(hresult, "hresult");
        if (hresult.isSuccess()) {
            throw new IllegalArgumentException("a success code is not an exception: " + hresult);
        }
    }

    private static String message(String method, HResult hresult, String detail) {
        String head = method + ": " + hresult;
        return detail == null || detail.isEmpty() ? head : head + ": " + detail;
    }

    /** The failing {@code HRESULT}. */
    public HResult hresult() {
        return hresult;
    }

    /** The native method that failed, e.g. {@code IBackgroundCopyJob::Resume}. */
    public String method() {
        return method;
    }

    /** Whether this failure carries exactly {@code code}. */
    public boolean is(HResult code) {
        return hresult.equals(code);
    }
}
