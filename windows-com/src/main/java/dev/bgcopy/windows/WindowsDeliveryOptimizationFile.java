package dev.bgcopy.windows;

import dev.bgcopy.api.DoSwarmStats;
import dev.bgcopy.api.IDeliveryOptimizationFile;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.Slots;
import dev.bgcopy.windows.internal.Structs;
import dev.bgcopy.windows.internal.Wide;

/** {@code IDeliveryOptimizationFile} (docs/contract.md §3.10); only {@code GetStats} (slot 3) is bound. */
final class WindowsDeliveryOptimizationFile extends ComBacked implements IDeliveryOptimizationFile {

    WindowsDeliveryOptimizationFile(Binding binding, ComPtr com) {
        super(binding, com);
    }

    /**
     * {@code GetStats}: the two callee-allocated strings are freed with {@code CoTaskMemFree} (ownership
     * is UNDOC; the COM convention is assumed, docs/contract.md §3.10).
     */
    @Override
    public DoSwarmStats getStats() {
        Structs.SwarmStats stats = new Structs.SwarmStats();
        try {
            call("GetStats", Slots.DoFile.GET_STATS, stats);
            return stats.toRecord(Wide.read(stats.fileId), Wide.read(stats.sourceURL));
        } finally {
            runtime().coTaskMemFree(stats.fileId);
            runtime().coTaskMemFree(stats.sourceURL);
        }
    }
}
