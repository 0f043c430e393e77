package dev.bgcopy.cli.internal;

import dev.bgcopy.api.HResult;
import dev.bgcopy.api.SemanticError;

/**
 * What to tell a person about an HRESULT: a short description (for the JSON {@code error.description}
 * when the service has none; DO answers {@code GetErrorDescription} with E_NOTIMPL) and a hint for the
 * one-line error message.
 */
public final class Hints {

    private Hints() {
    }

    /** What to do next when an operation failed with {@code hr}. */
    public static String forCode(HResult hr) {
        if (SemanticError.NOT_FOUND.matches(hr)) {
            return "the id is not in the queue (acknowledged and cancelled jobs leave it); see 'bgcopy list'";
        }
        if (SemanticError.INVALID_STATE.matches(hr)) {
            return "the job is already acknowledged or cancelled; see 'bgcopy info ID'";
        }
        if (SemanticError.EMPTY.matches(hr)) {
            return "the job has no file yet; add one with 'bgcopy add ID URL FILE'";
        }
        if (SemanticError.INVALID_RANGE.matches(hr) || SemanticError.OVERLAPPING_RANGES.matches(hr)) {
            return "ranges are --range OFFSET:LENGTH (LENGTH > 0 or 'eof'), inside the file and not overlapping";
        }
        if (SemanticError.RANGE_UNSUPPORTED.matches(hr)) {
            return "the server ignores HTTP Range requests; download the whole file instead";
        }
        if (hr.equals(HResult.E_INVALIDARG)) {
            return "check that the URL is absolute (http, https or file) and that FILE's directory exists";
        }
        if (hr.equals(HResult.E_ACCESSDENIED)) {
            return "check that you may write to the destination directory and own the job";
        }
        if (hr.equals(HResult.REGDB_E_CLASSNOTREG)) {
            return "choose another --backend; 'simulator' works on every OS";
        }
        if (hr.httpStatus().isPresent()) {
            return "the server answered HTTP " + hr.httpStatus().get() + "; check the URL";
        }
        if (hr.isDeliveryOptimizationTransient() || SemanticError.NETWORK_DOWN.matches(hr)) {
            return "the network or a policy paused the transfer; it retries by itself";
        }
        if (hr.equals(HResult.DO_E_DOWNLOAD_NO_PROGRESS)) {
            return "the transfer made no progress for too long; check the server, then 'bgcopy resume ID'";
        }
        return "run again with --verbose for details";
    }

    /** A short description of {@code hr} for people. */
    public static String describe(HResult hr) {
        if (hr.httpStatus().isPresent()) {
            return "the server answered HTTP " + hr.httpStatus().get();
        }
        if (SemanticError.NOT_FOUND.matches(hr)) {
            return "the job was not found";
        }
        if (SemanticError.INVALID_STATE.matches(hr)) {
            return "the operation is not allowed in the job's state";
        }
        if (SemanticError.INVALID_RANGE.matches(hr)) {
            return "a byte range is not valid for the file";
        }
        if (SemanticError.RANGE_UNSUPPORTED.matches(hr)) {
            return "the server does not support HTTP Range requests";
        }
        if (SemanticError.NETWORK_DOWN.matches(hr)) {
            return "the network is unreachable or the connection was lost";
        }
        if (hr.equals(HResult.DO_E_DOWNLOAD_NO_PROGRESS)) {
            return "a file made no progress within the allowed period";
        }
        if (hr.equals(HResult.E_ACCESSDENIED)) {
            return "access denied";
        }
        if (hr.equals(HResult.ERROR_DISK_FULL)) {
            return "the destination volume is full";
        }
        return hr.name().orElse(hr.hex());
    }
}
