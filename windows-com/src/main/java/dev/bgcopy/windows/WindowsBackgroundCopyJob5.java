package dev.bgcopy.windows;

import dev.bgcopy.api.BitsJobPropertyId;
import dev.bgcopy.api.BitsJobPropertyValue;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob5;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.Hr;
import dev.bgcopy.windows.internal.OutBuffer;
import dev.bgcopy.windows.internal.Slots;
import dev.bgcopy.windows.internal.Structs;

/**
 * {@code IBackgroundCopyJob5} (docs/contract.md §3.17): the 53 slots of {@code IBackgroundCopyJob4}, then two.
 * {@code SetProperty} passes the 16-byte {@code BITS_JOB_PROPERTY_VALUE} by value ({@link Structs.JobPropertyValue}).
 * Natively the union carries no tag, so a Java value of another member than the id uses could not reach the service
 * as what it is: the binding refuses it before the call with the service's code for it, {@code E_INVALIDARG} (§4.17).
 */
final class WindowsBackgroundCopyJob5 extends WindowsBackgroundCopyJob4 implements IBackgroundCopyJob5 {

    WindowsBackgroundCopyJob5(Binding binding, ComPtr com) {
        super(binding, com);
    }

    @Override
    public void setProperty(BitsJobPropertyId id, BitsJobPropertyValue value) {
        if (id == null || value == null || id.kind().filter(kind -> kind != value.kind()).isPresent()) {
            throw Hr.fail(method("SetProperty"), HResult.E_INVALIDARG, id + " with the value " + value);
        }
        Object[] byValue = Structs.JobPropertyValue.byValueArguments(value);
        Object[] args = new Object[1 + byValue.length];
        args[0] = id.nativeValue();
        System.arraycopy(byValue, 0, args, 1, byValue.length);
        call("SetProperty", Slots.Job5.SET_PROPERTY, args);
    }

    @Override
    public BitsJobPropertyValue getProperty(BitsJobPropertyId id) {
        if (id == null) {
            throw Hr.fail(method("GetProperty"), HResult.E_INVALIDARG, "no property id");
        }
        try (OutBuffer out = OutBuffer.acquire(Structs.JobPropertyValue.SIZE)) {
            out.pointer().setMemory(0, Structs.JobPropertyValue.SIZE, (byte) 0);
            call("GetProperty", Slots.Job5.GET_PROPERTY, id.nativeValue(), out.pointer());
            return Structs.JobPropertyValue.read(out.pointer(), id);
        }
    }
}
