package dev.bgcopy.windows;


import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.IDeliveryOptimizationFile;
import dev.bgcopy.api.IDeliveryOptimizationJob2;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.Guids;
import dev.bgcopy.windows.internal.Slots;
import dev.bgcopy.windows.internal.Structs;
import dev.bgcopy.windows.internal.Wide;

import java.util.List;
import java.util.Objects;

/** {@code IDeliveryOptimizationJob2} (docs/contract.md §3.5). */
final class WindowsDeliveryOptimizationJob2 extends ComBacked implements IDeliveryOptimizationJob2 {

    WindowsDeliveryOptimizationJob2(Binding binding, ComPtr com) {
        super(binding, com);
    }

    @Override
    public IDeliveryOptimizationFile addFile(String fileId, String remoteUrl, List<BgFileRange> ranges) {
        Objects.requireNonNull(ranges, "ranges");
        Structs.FileRange[] array = Structs.FileRange.array(ranges);
        ComPtr file = callForInterface("AddFile", "IDeliveryOptimizationFile", Slots.DoJob2.ADD_FILE,
                Wide.toNative(fileId), Wide.toNative(remoteUrl), ranges.size(),
                array == null ? null : array[0].getPointer(), Guids.toNative(Guids.IID_IDELIVERY_OPTIMIZATION_FILE));
        return new WindowsDeliveryOptimizationFile(binding, file);
    }

    @Override
    public Object getProperty(int propertyId) {
        return Variants.get(this, "GetProperty", Slots.DoJob2.GET_PROPERTY, propertyId);
    }

    @Override
    public void setProperty(int propertyId, Object value) {
        Variants.set(this, "SetProperty", Slots.DoJob2.SET_PROPERTY, propertyId, value);
    }

}
