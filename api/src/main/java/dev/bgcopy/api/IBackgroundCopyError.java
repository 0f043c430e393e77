package dev.bgcopy.api;

import java.util.Locale;

/**
 * {@code IBackgroundCopyError} (IID {@code 19C613A0-FCB8-4F28-81AE-897C3D078F81}; docs/contract.md §3.8, §4.6):
 * why a job is in ERROR or TRANSIENT_ERROR, from {@link IBackgroundCopyJob#getError()}. A snapshot:
 * its values never change after it is handed out. Thread-safe.
 */
public interface IBackgroundCopyError extends IUnknown {

    /** {@code GetError} (slot 3): the context and the failing {@code HRESULT} (always a failure; R42). */
    BgError getError();

    /**
     * {@code GetFile} (slot 4): the file being transferred when the error happened.
     *
     * @throws BackgroundCopyException {@code FILE_NOT_AVAILABLE} when the error concerns no file (R46)
     */
    IBackgroundCopyFile getFile();

    /** {@code GetErrorDescription} (slot 5, BITS only; DO: {@code E_NOTIMPL}): text for people. */
    String getErrorDescription(Locale locale);

    /** {@code GetErrorContextDescription} (slot 6, BITS only; DO: {@code E_NOTIMPL}). */
    String getErrorContextDescription(Locale locale);

    /** {@code GetProtocol} (slot 7, BITS only; DO: {@code E_NOTIMPL}): e.g. {@code http}. */
    String getProtocol();
}
