package dev.bgcopy.tck.internal;

import dev.bgcopy.tck.NativeCalls.StructLayout;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tables of docs/contract.md §6, typed from the sheet: sizes, alignments and field offsets in bytes. */
public final class Section6Layouts {
    private Section6Layouts() {
    }

    /** Every §6 structure laid out for a Windows process with {@code pointerSize}-byte pointers (8 or 4). */
    public static Map<String, StructLayout> layouts(int pointerSize) {
        boolean x64 = pointerSize == 8;
        Map<String, StructLayout> m = new LinkedHashMap<>();
        m.put("FILETIME", layout(8, 4, "dwLowDateTime", 0, "dwHighDateTime", 4));
        m.put("BG_JOB_PROGRESS", layout(24, 8, "BytesTotal", 0, "BytesTransferred", 8, "FilesTotal", 16,
                "FilesTransferred", 20));
        m.put("BG_JOB_TIMES", layout(24, 4, "CreationTime", 0, "ModificationTime", 8, "TransferCompletionTime", 16));
        m.put("BG_FILE_PROGRESS", layout(24, 8, "BytesTotal", 0, "BytesTransferred", 8, "Completed", 16));
        m.put("BG_FILE_RANGE", layout(16, 8, "InitialOffset", 0, "Length", 8));
        m.put("BG_FILE_INFO", x64 ? layout(16, 8, "RemoteName", 0, "LocalName", 8)
                : layout(8, 4, "RemoteName", 0, "LocalName", 4));
        m.put("BITS_JOB_PROPERTY_VALUE", layout(16, 8, "Dword", 0, "ClsID", 0, "Enable", 0, "Uint64", 0, "Target", 0));
        m.put("BITS_FILE_PROPERTY_VALUE", x64 ? layout(8, 8, "String", 0) : layout(4, 4, "String", 0));
        m.put("BG_JOB_REPLY_PROGRESS", layout(16, 8, "BytesTotal", 0, "BytesTransferred", 8));
        m.put("BG_BASIC_CREDENTIALS", x64 ? layout(16, 8, "UserName", 0, "Password", 8)
                : layout(8, 4, "UserName", 0, "Password", 4));
        // The union holds BG_BASIC_CREDENTIALS in every case, so Credentials is laid out as that struct (§6.11).
        m.put("BG_AUTH_CREDENTIALS", x64 ? layout(24, 8, "Target", 0, "Scheme", 4, "Credentials", 8)
                : layout(16, 4, "Target", 0, "Scheme", 4, "Credentials", 8));
        int p = x64 ? 8 : 0;
        m.put("DOSwarmStats", layout(x64 ? 136 : 128, 8,
                "fileId", 0, "sourceURL", pointerSize, "fileSize", 8 + p, "totalBytesDownloaded", 16 + p,
                "bytesFromLanPeers", 24 + p, "bytesFromGroupPeers", 32 + p, "bytesFromInternetPeers", 40 + p,
                "bytesFromHttp", 48 + p, "bytesFromDoinc", 56 + p, "bytesToLanPeers", 64 + p,
                "bytesToGroupPeers", 72 + p, "bytesToInternetPeers", 80 + p, "httpConnectionCount", 88 + p,
                "doincConnectionCount", 92 + p, "lanConnectionCount", 96 + p, "groupConnectionCount", 100 + p,
                "internetConnectionCount", 104 + p, "downloadDuration", 108 + p, "downloadMode", 112 + p,
                "status", 116 + p, "isBackground", 120 + p));
        return m;
    }

    private static StructLayout layout(int size, int alignment, Object... namesAndOffsets) {
        Map<String, Integer> offsets = new LinkedHashMap<>();
        for (int i = 0; i < namesAndOffsets.length; i += 2) {
            offsets.put((String) namesAndOffsets[i], (Integer) namesAndOffsets[i + 1]);
        }
        return new StructLayout(size, alignment, offsets);
    }
}
