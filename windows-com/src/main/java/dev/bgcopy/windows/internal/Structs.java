package dev.bgcopy.windows.internal;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

import dev.bgcopy.api.BgFileProgress;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.DoSwarmStats;

import java.util.ArrayList;
import java.util.List;

/**
 * The native structs of docs/contract.md §6 as JNA structures with the Windows (MSVC) alignment rules, and
 * their conversion to and from the api records. Field names are the native ones, so each class reads
 * against its contract table. These classes are the single definition of each layout:
 * {@link WindowsLayout} computes x64 and x86 offsets from the same declarations.
 */
public final class Structs {

    private Structs() {
    }

    /** Base of every struct: MSVC alignment on every platform, and public offsets for the layout tests. */
    public abstract static class NativeStruct extends Structure {

        /** A struct in its own new native memory. */
        protected NativeStruct() {
            super(ALIGN_MSVC);
        }

        /** A struct over existing native memory at {@code p}. */
        protected NativeStruct(Pointer p) {
            super(p, ALIGN_MSVC);
        }

        /** Byte offset of {@code field} in the running process's layout. */
        public int offsetOf(String field) {
            return fieldOffset(field);
        }

        /** The struct's alignment in the running process's layout. */
        public int alignment() {
            size();
            return getStructAlignment();
        }
    }

    /** {@code FILETIME}: two {@code DWORD}s, low part first; alignment 4 (§6). */
    @FieldOrder({"dwLowDateTime", "dwHighDateTime"})
    public static class FileTime extends NativeStruct {
        /** Low 32 bits of the tick count. */
        public int dwLowDateTime;
        /** High 32 bits of the tick count. */
        public int dwHighDateTime;

        /** A zero FILETIME. */
        public FileTime() {
        }

        /** The tick count, unsigned 100-ns units since 1601. */
        public long ticks() {
            return BgJobTimes.fileTimeOf(dwLowDateTime, dwHighDateTime);
        }

        /** Sets the tick count. */
        public void setTicks(long ticks) {
            dwLowDateTime = (int) ticks;
            dwHighDateTime = (int) (ticks >>> 32);
        }
    }

    /** {@code BG_JOB_PROGRESS} (§6.1): 24 bytes, alignment 8 on x64 and x86. */
    @FieldOrder({"BytesTotal", "BytesTransferred", "FilesTotal", "FilesTransferred"})
    public static class JobProgress extends NativeStruct {
        /** UINT64. */
        public long BytesTotal;
        /** UINT64. */
        public long BytesTransferred;
        /** ULONG. */
        public int FilesTotal;
        /** ULONG. */
        public int FilesTransferred;

        /** A zeroed struct in new memory. */
        public JobProgress() {
        }

        /** The struct at {@code p}. */
        public JobProgress(Pointer p) {
            super(p);
        }

        private static final JobProgress LAYOUT = new JobProgress();
        private static final int BYTES_TOTAL = LAYOUT.offsetOf("BytesTotal");
        private static final int BYTES_TRANSFERRED = LAYOUT.offsetOf("BytesTransferred");
        private static final int FILES_TOTAL = LAYOUT.offsetOf("FilesTotal");
        private static final int FILES_TRANSFERRED = LAYOUT.offsetOf("FilesTransferred");

        /** The struct at {@code p} as the api record, read at this layout's offsets without a structure. */
        public static BgJobProgress read(Pointer p) {
            return new BgJobProgress(p.getLong(BYTES_TOTAL), p.getLong(BYTES_TRANSFERRED),
                    Integer.toUnsignedLong(p.getInt(FILES_TOTAL)), Integer.toUnsignedLong(p.getInt(FILES_TRANSFERRED)));
        }

        /** As the api record (ULONGs widened unsigned). */
        public BgJobProgress toRecord() {
            return new BgJobProgress(BytesTotal, BytesTransferred,
                    Integer.toUnsignedLong(FilesTotal), Integer.toUnsignedLong(FilesTransferred));
        }

        /** Sets every field from {@code p}. */
        public void set(BgJobProgress p) {
            BytesTotal = p.bytesTotal();
            BytesTransferred = p.bytesTransferred();
            FilesTotal = (int) p.filesTotal();
            FilesTransferred = (int) p.filesTransferred();
        }
    }

    /** {@code BG_JOB_TIMES} (§6.2): three FILETIMEs, 24 bytes, alignment 4. */
    @FieldOrder({"CreationTime", "ModificationTime", "TransferCompletionTime"})
    public static class JobTimes extends NativeStruct {
        /** Written once by CreateJob. */
        public FileTime CreationTime;
        /** Refreshed by every successful change. */
        public FileTime ModificationTime;
        /** Written on entering TRANSFERRED; zero before. */
        public FileTime TransferCompletionTime;

        /** A zeroed struct in new memory. */
        public JobTimes() {
        }

        /** The struct at {@code p}. */
        public JobTimes(Pointer p) {
            super(p);
        }

        private static final JobTimes LAYOUT = new JobTimes();
        private static final int CREATION = LAYOUT.offsetOf("CreationTime");
        private static final int MODIFICATION = LAYOUT.offsetOf("ModificationTime");
        private static final int TRANSFER_COMPLETION = LAYOUT.offsetOf("TransferCompletionTime");

        /** The struct at {@code p} as the api record, read at this layout's offsets without a structure. */
        public static BgJobTimes read(Pointer p) {
            return BgJobTimes.ofFileTimes(ticks(p, CREATION), ticks(p, MODIFICATION), ticks(p, TRANSFER_COMPLETION));
        }

        private static long ticks(Pointer p, int offset) {
            return BgJobTimes.fileTimeOf(p.getInt(offset), p.getInt(offset + 4L));
        }

        /** As the api record. */
        public BgJobTimes toRecord() {
            return BgJobTimes.ofFileTimes(CreationTime.ticks(), ModificationTime.ticks(), TransferCompletionTime.ticks());
        }

        /** Sets every field from {@code t}. */
        public void set(BgJobTimes t) {
            CreationTime.setTicks(t.creationFileTime());
            ModificationTime.setTicks(t.modificationFileTime());
            TransferCompletionTime.setTicks(t.transferCompletionFileTime());
        }
    }

    /** {@code BG_FILE_PROGRESS} (§6.3): 24 bytes (4 of tail padding), alignment 8. */
    @FieldOrder({"BytesTotal", "BytesTransferred", "Completed"})
    public static class FileProgress extends NativeStruct {
        /** UINT64. */
        public long BytesTotal;
        /** UINT64. */
        public long BytesTransferred;
        /** BOOL: any non-zero is TRUE. */
        public int Completed;

        /** A zeroed struct in new memory. */
        public FileProgress() {
        }

        /** The struct at {@code p}. */
        public FileProgress(Pointer p) {
            super(p);
        }

        private static final FileProgress LAYOUT = new FileProgress();
        private static final int BYTES_TOTAL = LAYOUT.offsetOf("BytesTotal");
        private static final int BYTES_TRANSFERRED = LAYOUT.offsetOf("BytesTransferred");
        private static final int COMPLETED = LAYOUT.offsetOf("Completed");

        /** The struct at {@code p} as the api record, read at this layout's offsets without a structure. */
        public static BgFileProgress read(Pointer p) {
            return new BgFileProgress(p.getLong(BYTES_TOTAL), p.getLong(BYTES_TRANSFERRED), p.getInt(COMPLETED) != 0);
        }

        /** As the api record. */
        public BgFileProgress toRecord() {
            return new BgFileProgress(BytesTotal, BytesTransferred, Completed != 0);
        }

        /** Sets every field from {@code p} (TRUE is written as 1). */
        public void set(BgFileProgress p) {
            BytesTotal = p.bytesTotal();
            BytesTransferred = p.bytesTransferred();
            Completed = p.completed() ? 1 : 0;
        }
    }

    /** {@code BG_FILE_RANGE} (§6.4): 16 bytes, alignment 8; arrays have stride 16. */
    @FieldOrder({"InitialOffset", "Length"})
    public static class FileRange extends NativeStruct {
        /** UINT64, zero-based. */
        public long InitialOffset;
        /** UINT64, or BG_LENGTH_TO_EOF. */
        public long Length;

        /** A zeroed struct in new memory. */
        public FileRange() {
        }

        /** The struct at {@code p}. */
        public FileRange(Pointer p) {
            super(p);
        }

        /**
         * A contiguous native array of {@code ranges} (written), or null when empty: the
         * {@code ranges} argument of AddFileWithRanges may be NULL when the count is 0.
         */
        public static FileRange[] array(List<BgFileRange> ranges) {
            if (ranges.isEmpty()) {
                return null;
            }
            FileRange[] array = (FileRange[]) new FileRange().toArray(ranges.size());
            for (int i = 0; i < array.length; i++) {
                array[i].InitialOffset = ranges.get(i).initialOffset();
                array[i].Length = ranges.get(i).length();
                array[i].write();
            }
            return array;
        }

        /** The {@code count} ranges of a native array at {@code p}. */
        public static List<BgFileRange> read(Pointer p, int count) {
            List<BgFileRange> ranges = new ArrayList<>(count);
            if (count == 0) {
                return ranges;
            }
            FileRange[] array = (FileRange[]) new FileRange(p).toArray(count);
            for (FileRange r : array) {
                r.read();
                ranges.add(new BgFileRange(r.InitialOffset, r.Length));
            }
            return ranges;
        }
    }

    /** {@code BG_BASIC_CREDENTIALS} (§6.11): two {@code LPWSTR}s; 16 bytes on x64, 8 on x86. */
    @FieldOrder({"UserName", "Password"})
    public static class BasicCredentials extends NativeStruct {
        /** LPWSTR, or NULL. */
        public Pointer UserName;
        /** LPWSTR, or NULL; the caller wipes it after the call. */
        public Pointer Password;

        /** A zeroed struct in new memory (also the by-value member of {@link AuthCredentials}). */
        public BasicCredentials() {
        }
    }

    /**
     * {@code BG_AUTH_CREDENTIALS} (§6.11): target, scheme and the {@code BG_AUTH_CREDENTIALS_UNION}, whose every
     * case is {@link BasicCredentials}, so the union is laid out as that struct: 24 bytes on x64, 16 on x86.
     */
    @FieldOrder({"Target", "Scheme", "Credentials"})
    public static class AuthCredentials extends NativeStruct {
        /** BG_AUTH_TARGET. */
        public int Target;
        /** BG_AUTH_SCHEME: the union's switch. */
        public int Scheme;
        /** The union's {@code Basic} member, by value. */
        public BasicCredentials Credentials = new BasicCredentials();

        /** A zeroed struct in new memory. */
        public AuthCredentials() {
        }

        /** The struct at {@code p}. */
        public AuthCredentials(Pointer p) {
            super(p);
        }
    }

    /** {@code BG_JOB_REPLY_PROGRESS} (§6.11): two UINT64s, 16 bytes, alignment 8. */
    @FieldOrder({"BytesTotal", "BytesTransferred"})
    public static class JobReplyProgress extends NativeStruct {
        /** UINT64. */
        public long BytesTotal;
        /** UINT64. */
        public long BytesTransferred;

        /** A zeroed struct in new memory. */
        public JobReplyProgress() {
        }

        /** The struct at {@code p}. */
        public JobReplyProgress(Pointer p) {
            super(p);
        }
    }

    /** {@code BG_FILE_INFO} (§6.6): two {@code LPWSTR}s; 16 bytes on x64, 8 on x86. */
    @FieldOrder({"RemoteName", "LocalName"})
    public static class FileInfo extends NativeStruct {
        /** LPWSTR, the URL. */
        public Pointer RemoteName;
        /** LPWSTR, the local path. */
        public Pointer LocalName;

        /** A zeroed struct in new memory. */
        public FileInfo() {
        }

        /** The struct at {@code p}. */
        public FileInfo(Pointer p) {
            super(p);
        }
    }

    /** {@code DOSwarmStats} (§6.8): 136 bytes on x64, 128 on x86, alignment 8. */
    @FieldOrder({"fileId", "sourceURL", "fileSize", "totalBytesDownloaded", "bytesFromLanPeers",
            "bytesFromGroupPeers", "bytesFromInternetPeers", "bytesFromHttp", "bytesFromDoinc",
            "bytesToLanPeers", "bytesToGroupPeers", "bytesToInternetPeers", "httpConnectionCount",
            "doincConnectionCount", "lanConnectionCount", "groupConnectionCount", "internetConnectionCount",
            "downloadDuration", "downloadMode", "status", "isBackground"})
    public static class SwarmStats extends NativeStruct {
        /** LPWSTR, callee-allocated. */
        public Pointer fileId;
        /** LPWSTR, callee-allocated. */
        public Pointer sourceURL;
        /** UINT64. */
        public long fileSize;
        /** UINT64. */
        public long totalBytesDownloaded;
        /** UINT64. */
        public long bytesFromLanPeers;
        /** UINT64. */
        public long bytesFromGroupPeers;
        /** UINT64. */
        public long bytesFromInternetPeers;
        /** UINT64. */
        public long bytesFromHttp;
        /** UINT64. */
        public long bytesFromDoinc;
        /** UINT64. */
        public long bytesToLanPeers;
        /** UINT64. */
        public long bytesToGroupPeers;
        /** UINT64. */
        public long bytesToInternetPeers;
        /** UINT. */
        public int httpConnectionCount;
        /** UINT. */
        public int doincConnectionCount;
        /** UINT. */
        public int lanConnectionCount;
        /** UINT. */
        public int groupConnectionCount;
        /** UINT. */
        public int internetConnectionCount;
        /** UINT, milliseconds. */
        public int downloadDuration;
        /** DownloadMode enum. */
        public int downloadMode;
        /** SwarmStatus enum. */
        public int status;
        /** BOOL. */
        public int isBackground;

        /** A zeroed struct in new memory. */
        public SwarmStats() {
        }

        /** The struct at {@code p}. */
        public SwarmStats(Pointer p) {
            super(p);
        }

        /** As the api record, with the two strings already read by the caller. */
        public DoSwarmStats toRecord(String fileIdText, String sourceUrlText) {
            return new DoSwarmStats(fileIdText, sourceUrlText, fileSize, totalBytesDownloaded, bytesFromLanPeers,
                    bytesFromGroupPeers, bytesFromInternetPeers, bytesFromHttp, bytesFromDoinc, bytesToLanPeers,
                    bytesToGroupPeers, bytesToInternetPeers, Integer.toUnsignedLong(httpConnectionCount),
                    Integer.toUnsignedLong(doincConnectionCount), Integer.toUnsignedLong(lanConnectionCount),
                    Integer.toUnsignedLong(groupConnectionCount), Integer.toUnsignedLong(internetConnectionCount),
                    Integer.toUnsignedLong(downloadDuration), downloadMode(downloadMode), swarmStatus(status),
                    isBackground != 0);
        }

        /** Sets every number from {@code s}; the two string pointers are the caller's to fill. */
        public void setNumbers(DoSwarmStats s) {
            fileSize = s.fileSize();
            totalBytesDownloaded = s.totalBytesDownloaded();
            bytesFromLanPeers = s.bytesFromLanPeers();
            bytesFromGroupPeers = s.bytesFromGroupPeers();
            bytesFromInternetPeers = s.bytesFromInternetPeers();
            bytesFromHttp = s.bytesFromHttp();
            bytesFromDoinc = s.bytesFromDoinc();
            bytesToLanPeers = s.bytesToLanPeers();
            bytesToGroupPeers = s.bytesToGroupPeers();
            bytesToInternetPeers = s.bytesToInternetPeers();
            httpConnectionCount = (int) s.httpConnectionCount();
            doincConnectionCount = (int) s.doincConnectionCount();
            lanConnectionCount = (int) s.lanConnectionCount();
            groupConnectionCount = (int) s.groupConnectionCount();
            internetConnectionCount = (int) s.internetConnectionCount();
            downloadDuration = (int) s.downloadDurationMillis();
            downloadMode = s.downloadMode().nativeValue();
            status = s.status().nativeValue();
            isBackground = s.isBackground() ? 1 : 0;
        }

        private static DoSwarmStats.DownloadMode downloadMode(int value) {
            for (DoSwarmStats.DownloadMode m : DoSwarmStats.DownloadMode.values()) {
                if (m.nativeValue() == value) {
                    return m;
                }
            }
            throw new IllegalStateException("DOSwarmStats.downloadMode has no api constant: " + value);
        }

        private static DoSwarmStats.SwarmStatus swarmStatus(int value) {
            for (DoSwarmStats.SwarmStatus s : DoSwarmStats.SwarmStatus.values()) {
                if (s.nativeValue() == value) {
                    return s;
                }
            }
            throw new IllegalStateException("DOSwarmStats.status has no api constant: " + value);
        }
    }
}
