package dev.bgcopy.windows.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Native;
import com.sun.jna.Structure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * R111: every struct the binding reads or writes has the size and offsets of CONTRACT §6 for x64 and
 * x86. The expected numbers are typed from the §6 tables; the x86 column is computed from the same
 * declarations by {@link WindowsLayout}, and the running JVM's JNA layout must equal its column.
 */
class WindowsLayoutTest {

    @Test
    void jobProgress_6_1() {
        check(Structs.JobProgress.class, 24, 8, 24, 8,
                "BytesTotal", 0, 0, "BytesTransferred", 8, 8, "FilesTotal", 16, 16, "FilesTransferred", 20, 20);
    }

    @Test
    void jobTimes_6_2() {
        check(Structs.JobTimes.class, 24, 4, 24, 4,
                "CreationTime", 0, 0, "ModificationTime", 8, 8, "TransferCompletionTime", 16, 16);
    }

    @Test
    void fileTime_isTwoDwordsAlignedToFour() {
        check(Structs.FileTime.class, 8, 4, 8, 4, "dwLowDateTime", 0, 0, "dwHighDateTime", 4, 4);
    }

    @Test
    void fileProgress_6_3() {
        check(Structs.FileProgress.class, 24, 8, 24, 8,
                "BytesTotal", 0, 0, "BytesTransferred", 8, 8, "Completed", 16, 16);
    }

    @Test
    void fileRange_6_4() {
        check(Structs.FileRange.class, 16, 8, 16, 8, "InitialOffset", 0, 0, "Length", 8, 8);
    }

    @Test
    void fileInfo_6_6() {
        check(Structs.FileInfo.class, 16, 8, 8, 4, "RemoteName", 0, 0, "LocalName", 8, 4);
    }

    @Test
    void swarmStats_6_8() {
        check(Structs.SwarmStats.class, 136, 8, 128, 8,
                "fileId", 0, 0, "sourceURL", 8, 4, "fileSize", 16, 8, "totalBytesDownloaded", 24, 16,
                "bytesFromLanPeers", 32, 24, "bytesFromGroupPeers", 40, 32, "bytesFromInternetPeers", 48, 40,
                "bytesFromHttp", 56, 48, "bytesFromDoinc", 64, 56, "bytesToLanPeers", 72, 64,
                "bytesToGroupPeers", 80, 72, "bytesToInternetPeers", 88, 80, "httpConnectionCount", 96, 88,
                "doincConnectionCount", 100, 92, "lanConnectionCount", 104, 96, "groupConnectionCount", 108, 100,
                "internetConnectionCount", 112, 104, "downloadDuration", 116, 108, "downloadMode", 120, 112,
                "status", 124, 116, "isBackground", 128, 120);
    }

    @Test
    void variantIsTwentyFourBytesOnX64() {
        assertThat(Variant.SIZE).isEqualTo(Native.POINTER_SIZE == 8 ? 24 : 16);
    }

    /**
     * @param fieldsAndOffsets name, x64 offset, x86 offset, repeated
     */
    private static void check(Class<? extends Structs.NativeStruct> type, int x64Size, int x64Align, int x86Size,
            int x86Align, Object... fieldsAndOffsets) {
        Map<String, Integer> x64 = new LinkedHashMap<>();
        Map<String, Integer> x86 = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndOffsets.length; i += 3) {
            x64.put((String) fieldsAndOffsets[i], (Integer) fieldsAndOffsets[i + 1]);
            x86.put((String) fieldsAndOffsets[i], (Integer) fieldsAndOffsets[i + 2]);
        }
        assertThat(WindowsLayout.of(type, WindowsLayout.X64))
                .isEqualTo(new WindowsLayout(x64Size, x64Align, x64));
        assertThat(WindowsLayout.of(type, WindowsLayout.X86))
                .isEqualTo(new WindowsLayout(x86Size, x86Align, x86));

        Structs.NativeStruct running = newInstance(type);
        Map<String, Integer> expected = Native.POINTER_SIZE == 8 ? x64 : x86;
        assertThat(running.size()).as("JNA size of %s", type.getSimpleName())
                .isEqualTo(Native.POINTER_SIZE == 8 ? x64Size : x86Size);
        expected.forEach((field, offset) -> assertThat(running.offsetOf(field))
                .as("JNA offset of %s.%s", type.getSimpleName(), field).isEqualTo(offset));
    }

    private static Structs.NativeStruct newInstance(Class<? extends Structure> type) {
        try {
            return (Structs.NativeStruct) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
