package dev.bgcopy.windows;

import dev.bgcopy.api.IBackgroundCopyJobHttpOptions2;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.Slots;
import dev.bgcopy.windows.internal.Wide;

/** {@code IBackgroundCopyJobHttpOptions2} (docs/contract.md §3.21): the 11 slots of {@code IBackgroundCopyJobHttpOptions}, then two. */
class WindowsBackgroundCopyJobHttpOptions2 extends WindowsBackgroundCopyJobHttpOptions implements IBackgroundCopyJobHttpOptions2 {

    WindowsBackgroundCopyJobHttpOptions2(Binding binding, ComPtr com) {
        super(binding, com);
    }

    @Override
    public void setHttpMethod(String method) {
        call("SetHttpMethod", Slots.HttpOptions2.SET_HTTP_METHOD, Wide.toNative(method));
    }

    @Override
    public String getHttpMethod() {
        return callForString("GetHttpMethod", Slots.HttpOptions2.GET_HTTP_METHOD);
    }
}
