package dev.bgcopy.windows;

import dev.bgcopy.api.BitsFilePropertyId;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyFile5;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.Hr;
import dev.bgcopy.windows.internal.Slots;
import dev.bgcopy.windows.internal.Wide;

/**
 * {@code IBackgroundCopyFile5} (docs/contract.md §3.18): the 13 slots of {@code IBackgroundCopyFile4}, then two.
 * {@code BITS_FILE_PROPERTY_VALUE} is one {@code LPWSTR}, so passed by value it is that pointer on x64 and x86, and
 * {@code GetProperty}'s out-union is a [str-out].
 */
class WindowsBackgroundCopyFile5 extends WindowsBackgroundCopyFile4 implements IBackgroundCopyFile5 {

    WindowsBackgroundCopyFile5(Binding binding, ComPtr com) {
        super(binding, com);
    }

    @Override
    public void setProperty(BitsFilePropertyId id, String value) {
        call("SetProperty", Slots.File5.SET_PROPERTY, nativeId(id, "SetProperty"), Wide.toNative(value));
    }

    @Override
    public String getProperty(BitsFilePropertyId id) {
        return callForString("GetProperty", Slots.File5.GET_PROPERTY, nativeId(id, "GetProperty"));
    }

    private int nativeId(BitsFilePropertyId id, String name) {
        if (id == null) {
            throw Hr.fail(method(name), HResult.E_INVALIDARG, "no property id");
        }
        return id.nativeValue();
    }
}
