package dev.bgcopy.windows.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.Union;

import dev.bgcopy.api.BgAuthTarget;
import dev.bgcopy.api.BgFileProgress;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.BitsJobPropertyId;
import dev.bgcopy.api.BitsJobPropertyValue;
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

    /** What the layout tests read of a declaration, struct or union, in the running process's layout. */
    public interface NativeLayout {
        /** Byte offset of {@code field}. */
        int offsetOf(String field);

        /** The alignment. */
        int alignment();

        /** The size, tail padding included. */
        int size();
    }

    /** Base of every struct: MSVC alignment on every platform, and public offsets for the layout tests. */
    public abstract static class NativeStruct extends Structure implements NativeLayout {

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

    /** Base of every union: every member at offset 0, MSVC alignment, public offsets for the layout tests. */
    public abstract static class NativeUnion extends Union implements NativeLayout {

        /** A union in its own new native memory. */
        protected NativeUnion() {
            super(null, ALIGN_MSVC);
        }

        @Override
        public int offsetOf(String field) {
            return fieldOffset(field);
        }

        @Override
        public int alignment() {
            size();
            return getStructAlignment();
        }
    }

    /** {@code GUID} (§2): {@code Data1} u32, {@code Data2} and {@code Data3} u16, {@code Data4} 8 bytes; 16 bytes, alignment 4. */
    @FieldOrder({"Data1", "Data2", "Data3", "Data4"})
    public static class Guid extends NativeStruct {
        /** DWORD. */
        public int Data1;
        /** WORD. */
        public short Data2;
        /** WORD. */
        public short Data3;
        /** BYTE[8]. */
        public byte[] Data4 = new byte[8];

        /** A zeroed GUID in new memory. */
        public Guid() {
        }
    }

    /**
     * {@code BITS_JOB_PROPERTY_VALUE} (§6.7, §6.13): a union without a tag, every member at offset 0; 16 bytes
     * (the GUID), alignment 8 (the UINT64), on x64 and x86 alike. The property id says which member counts, so
     * values are read and written at offset 0 by the id's {@link BitsJobPropertyId.Kind}.
     */
    @FieldOrder({"Dword", "ClsID", "Enable", "Uint64", "Target"})
    public static class JobPropertyValue extends NativeUnion {
        /** DWORD. */
        public int Dword;
        /** GUID. */
        public Guid ClsID;
        /** BOOL. */
        public int Enable;
        /** UINT64. */
        public long Uint64;
        /** BG_AUTH_TARGET. */
        public int Target;

        /** The union's size in bytes: 16 on every Windows architecture. */
        public static final int SIZE = 16;

        /**
         * Whether the union travels by value as a pointer to a caller-made copy (the x64 ABI: aggregates larger than 8
         * bytes) or as its 16 bytes on the stack (x86), which two UINT64 arguments reproduce exactly (§3.3 note).
         */
        private static final boolean BY_REFERENCE = Native.POINTER_SIZE == 8;

        /** A zeroed union in new memory. */
        public JobPropertyValue() {
        }

        /** The native parameter types a by-value union occupies, for a method implemented in Java. */
        public static Class<?>[] byValueParameterTypes() {
            return BY_REFERENCE ? new Class<?>[] {Pointer.class} : new Class<?>[] {long.class, long.class};
        }

        /** {@code value} as the arguments that pass it by value. */
        public static Object[] byValueArguments(BitsJobPropertyValue value) {
            return byValueArguments(value, BY_REFERENCE);
        }

        /** {@code value} as the arguments that pass it by value on x64 ({@code byReference}) or x86. */
        static Object[] byValueArguments(BitsJobPropertyValue value, boolean byReference) {
            Memory copy = new Memory(SIZE);
            write(copy, value);
            return byReference ? new Object[] {copy} : new Object[] {copy.getLong(0), copy.getLong(8)};
        }

        /** The 16 bytes of a union passed by value, from the arguments at {@code first} on. */
        public static Pointer fromByValueArguments(Object[] args, int first) {
            return fromByValueArguments(args, first, BY_REFERENCE);
        }

        /** The 16 bytes of a union passed by value on x64 ({@code byReference}) or x86, from the arguments at {@code first} on. */
        static Pointer fromByValueArguments(Object[] args, int first, boolean byReference) {
            if (byReference) {
                return (Pointer) args[first];
            }
            Memory copy = new Memory(SIZE);
            copy.setLong(0, (Long) args[first]);
            copy.setLong(8, (Long) args[first + 1]);
            return copy;
        }

        /** Writes {@code value} at {@code p} (16 bytes, the unused ones zero). */
        public static void write(Pointer p, BitsJobPropertyValue value) {
            p.setMemory(0, SIZE, (byte) 0);
            if (value instanceof BitsJobPropertyValue.Dword d) {
                p.setInt(0, d.value());
            } else if (value instanceof BitsJobPropertyValue.ClsId c) {
                Guids.write(p, c.clsid());
            } else if (value instanceof BitsJobPropertyValue.Enable e) {
                p.setInt(0, e.enabled() ? 1 : 0);
            } else if (value instanceof BitsJobPropertyValue.Uint64 u) {
                p.setLong(0, u.value());
            } else if (value instanceof BitsJobPropertyValue.Target t) {
                p.setInt(0, t.target() == null ? 0 : t.target().nativeValue());
            } else {
                throw new IllegalArgumentException("BITS_JOB_PROPERTY_VALUE: " + value);
            }
        }

        /**
         * The member {@code id} uses, read at {@code p}. An id bits5_0.h does not define has no member; its union is
         * read as the {@code DWORD}, so that the service can still answer it (UNKNOWN_PROPERTY_ID).
         */
        public static BitsJobPropertyValue read(Pointer p, BitsJobPropertyId id) {
            BitsJobPropertyId.Kind kind = id.kind().orElse(BitsJobPropertyId.Kind.DWORD);
            return switch (kind) {
                case DWORD -> new BitsJobPropertyValue.Dword(p.getInt(0));
                case CLSID -> new BitsJobPropertyValue.ClsId(Guids.read(p));
                case ENABLE -> new BitsJobPropertyValue.Enable(p.getInt(0) != 0);
                case UINT64 -> new BitsJobPropertyValue.Uint64(p.getLong(0));
                case TARGET -> new BitsJobPropertyValue.Target(BgAuthTarget.fromNative(p.getInt(0)).orElse(null));
            };
        }
    }

    /** {@code BITS_FILE_PROPERTY_VALUE} (§6.7): one {@code LPWSTR String}; 8 bytes on x64, 4 on x86, so by value it is the pointer. */
    @FieldOrder({"String"})
    public static class FilePropertyValue extends NativeStruct {
        /** LPWSTR. */
        public Pointer String;

        /** A zeroed struct in new memory. */
        public FilePropertyValue() {
        }
    }
}
