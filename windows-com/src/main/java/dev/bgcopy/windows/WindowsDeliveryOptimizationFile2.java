package dev.bgcopy.windows;

import dev.bgcopy.api.DoFilePropertyId;
import dev.bgcopy.api.IDeliveryOptimizationFile2;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.Slots;

import java.util.Objects;

/** {@code IDeliveryOptimizationFile2} (docs/contract.md §3.10). */
final class WindowsDeliveryOptimizationFile2 extends ComBacked implements IDeliveryOptimizationFile2 {

    WindowsDeliveryOptimizationFile2(Binding binding, ComPtr com) {
        super(binding, com);
    }

    @Override
    public Object getProperty(DoFilePropertyId id) {
        Objects.requireNonNull(id, "id");
        return Variants.get(this, "GetProperty", Slots.DoFile2.GET_PROPERTY, id.nativeValue());
    }

    @Override
    public void setProperty(DoFilePropertyId id, Object value) {
        Objects.requireNonNull(id, "id");
        Variants.set(this, "SetProperty", Slots.DoFile2.SET_PROPERTY, id.nativeValue(), value);
    }
}
