package dev.bgcopy.tck;

import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IEnumBackgroundCopyFiles;
import java.util.Map;

/**
 * What only a native binding can do, offered to the kit by a fixture that declares
 * {@link Capability#NATIVE_CALLS}: calls with values or NULLs that the Java API cannot express, made
 * straight through the COM vtable, and the memory layout the binding gives the structures of
 * docs/contract.md §6. It covers the three rules no Java-level call can reach: R64 (an out-of-range
 * {@code BG_JOB_PRIORITY}), R86 ({@code Next} with a NULL {@code pceltFetched}) and R111 (struct
 * layouts).
 *
 * <p>Each call throws the {@link dev.bgcopy.api.BackgroundCopyException} that the façade would
 * throw for the HRESULT the service returned, and returns normally for a success code.
 */
public interface NativeCalls {

    /**
     * {@code IBackgroundCopyJob::SetPriority(BG_JOB_PRIORITY)} with {@code rawPriority} passed as is,
     * including values outside FOREGROUND..LOW.
     */
    void setPriority(IBackgroundCopyJob job, int rawPriority);

    /**
     * {@code IEnumBackgroundCopyFiles::Next(celt, rgelt, NULL)}: the fetched-count pointer left NULL.
     * Any file the service returns anyway is released by the binding.
     */
    void nextWithoutFetchedCount(IEnumBackgroundCopyFiles files, int celt);

    /**
     * Every structure the binding reads or writes, keyed by its docs/contract.md §6 name ({@code BG_JOB_PROGRESS},
     * {@code DOSwarmStats}, ...), laid out as the binding lays it out for a Windows process whose
     * pointers are {@code pointerSize} bytes (8 for x64, 4 for x86).
     */
    Map<String, StructLayout> structLayouts(int pointerSize);

    /**
     * The layout of one native structure: its size, its alignment and the offset of each field by its
     * §6 name, all in bytes.
     */
    record StructLayout(int size, int alignment, Map<String, Integer> offsets) {
        /** Copies {@code offsets} (keeping its order). */
        public StructLayout {
            offsets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(offsets));
        }
    }
}
