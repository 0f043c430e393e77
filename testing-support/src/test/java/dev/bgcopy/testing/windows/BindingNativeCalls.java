package dev.bgcopy.testing.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IEnumBackgroundCopyFiles;
import dev.bgcopy.tck.NativeCalls;
import dev.bgcopy.windows.internal.BindingAccess;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.Slots;
import dev.bgcopy.windows.internal.Structs;
import dev.bgcopy.windows.internal.WindowsLayout;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kit's {@link NativeCalls} on this binding: the raw calls go through the façade's own vtable
 * path ({@link BindingAccess#call}), and the layouts are those of the {@link Structs} declarations, read
 * from JNA for the running architecture and computed by {@link WindowsLayout} for the other one.
 */
final class BindingNativeCalls implements NativeCalls {

    /** Every structure the binding reads or writes, by its docs/contract.md §6 name. */
    private static final Map<String, Class<? extends Structure>> STRUCTS = Map.ofEntries(
            Map.entry("FILETIME", Structs.FileTime.class),
            Map.entry("BG_JOB_PROGRESS", Structs.JobProgress.class),
            Map.entry("BG_JOB_TIMES", Structs.JobTimes.class),
            Map.entry("BG_FILE_PROGRESS", Structs.FileProgress.class),
            Map.entry("BG_FILE_RANGE", Structs.FileRange.class),
            Map.entry("BG_FILE_INFO", Structs.FileInfo.class),
            Map.entry("DOSwarmStats", Structs.SwarmStats.class),
            Map.entry("BG_BASIC_CREDENTIALS", Structs.BasicCredentials.class),
            Map.entry("BG_AUTH_CREDENTIALS", Structs.AuthCredentials.class),
            Map.entry("BG_JOB_REPLY_PROGRESS", Structs.JobReplyProgress.class),
            Map.entry("BITS_JOB_PROPERTY_VALUE", Structs.JobPropertyValue.class),
            Map.entry("BITS_FILE_PROPERTY_VALUE", Structs.FilePropertyValue.class));

    @Override
    public void setPriority(IBackgroundCopyJob job, int rawPriority) {
        BindingAccess.get().call(job, "SetPriority", Slots.Job.SET_PRIORITY, rawPriority);
    }

    @Override
    public void nextWithoutFetchedCount(IEnumBackgroundCopyFiles files, int celt) {
        BindingAccess binding = BindingAccess.get();
        Memory elements = new Memory((long) Math.max(1, celt) * Native.POINTER_SIZE);
        elements.clear();
        try {
            binding.call(files, "Next", Slots.Enum.NEXT, celt, elements, null);
        } finally {
            // A service that wrongly succeeds still handed out references; they are ours to release.
            for (int i = 0; i < celt; i++) {
                Pointer p = elements.getPointer((long) i * Native.POINTER_SIZE);
                if (p != null) {
                    ComPtr.adopt(binding.reference(files).orElseThrow().runtime(), p, "IBackgroundCopyFile").close();
                }
            }
        }
    }

    @Override
    public Map<String, StructLayout> structLayouts(int pointerSize) {
        Map<String, StructLayout> layouts = new LinkedHashMap<>();
        STRUCTS.forEach((name, type) -> layouts.put(name, pointerSize == Native.POINTER_SIZE
                ? running(type) : computed(type, pointerSize)));
        return layouts;
    }

    private static StructLayout running(Class<? extends Structure> type) {
        Structs.NativeLayout instance;
        try {
            instance = (Structs.NativeLayout) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + type, e);
        }
        Map<String, Integer> offsets = new LinkedHashMap<>();
        for (String field : type.getAnnotation(Structure.FieldOrder.class).value()) {
            offsets.put(field, instance.offsetOf(field));
        }
        return new StructLayout(instance.size(), instance.alignment(), offsets);
    }

    private static StructLayout computed(Class<? extends Structure> type, int pointerSize) {
        WindowsLayout layout = WindowsLayout.of(type, pointerSize);
        return new StructLayout(layout.size(), layout.alignment(), layout.offsets());
    }
}
