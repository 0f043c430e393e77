package dev.bgcopy.windows;

import com.sun.jna.ptr.IntByReference;

import dev.bgcopy.api.BgError;
import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.LanguageIds;
import dev.bgcopy.windows.internal.Slots;

import java.util.Locale;

/** {@code IBackgroundCopyError} (docs/contract.md §3.8). */
final class WindowsBackgroundCopyError extends ComBacked implements IBackgroundCopyError {

    WindowsBackgroundCopyError(Binding binding, ComPtr com) {
        super(binding, com);
    }

    @Override
    public BgError getError() {
        IntByReference context = new IntByReference();
        IntByReference code = new IntByReference();
        call("GetError", Slots.Error.GET_ERROR, context, code);
        BgErrorContext c = BgErrorContext.fromNative(context.getValue()).orElseThrow(() -> new IllegalStateException(
                method("GetError") + " returned an undefined BG_ERROR_CONTEXT: " + context.getValue()));
        return new BgError(c, HResult.of(code.getValue()));
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
