package dev.bgcopy.windows;

import dev.bgcopy.api.BgError;
import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.LanguageIds;
import dev.bgcopy.windows.internal.OutBuffer;
import dev.bgcopy.windows.internal.Slots;

import java.util.Locale;

/** {@code IBackgroundCopyError} (docs/contract.md §3.8). */
final class WindowsBackgroundCopyError extends ComBacked implements IBackgroundCopyError {

    WindowsBackgroundCopyError(Binding binding, ComPtr com) {
        super(binding, com);
    }

    @Override
    public BgError getError() {
        try (OutBuffer out = OutBuffer.acquire(2 * Integer.BYTES)) {
            call("GetError", Slots.Error.GET_ERROR, out.pointer(), out.at(Integer.BYTES));
            int context = out.pointer().getInt(0);
            BgErrorContext c = BgErrorContext.fromNative(context).orElseThrow(() -> new IllegalStateException(
                    method("GetError") + " returned an undefined BG_ERROR_CONTEXT: " + context));
            return new BgError(c, HResult.of(out.pointer().getInt(Integer.BYTES)));
        }
    }

    @Override
    public IBackgroundCopyFile getFile() {
        return new WindowsBackgroundCopyFile(binding,
                callForInterface("GetFile", "IBackgroundCopyFile", Slots.Error.GET_FILE));
    }

    @Override
    public String getErrorDescription(Locale locale) {
        return callForString("GetErrorDescription", Slots.Error.GET_ERROR_DESCRIPTION, LanguageIds.of(locale));
    }

    @Override
    public String getErrorContextDescription(Locale locale) {
        return callForString("GetErrorContextDescription", Slots.Error.GET_ERROR_CONTEXT_DESCRIPTION,
                LanguageIds.of(locale));
    }

    @Override
    public String getProtocol() {
        return callForString("GetProtocol", Slots.Error.GET_PROTOCOL);
    }
}
