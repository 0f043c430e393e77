package dev.bgcopy.windows.internal;

import com.sun.jna.Native;

/**
 * The vtable slot of every native method the binding calls or the loopback serves (docs/contract.md §3): the
 * one table of slot numbers in this module. Slot {@code n} of an interface is the function pointer at
 * byte {@code n * pointer size} of its vtable ({@link #offset(int)}); numbering follows the IDL
 * declaration order, never the alphabetical order of the DO pages (§8 I-7).
 */
public final class Slots {

    private Slots() {
    }

    /** Byte offset of slot {@code slot} in a vtable of the running process. */
    public static long offset(int slot) {
        return (long) slot * Native.POINTER_SIZE;
    }

    /** {@code IUnknown} (§3.1), the prefix of every interface. */
    public static final class Unknown {
        /** {@code HRESULT QueryInterface(REFIID, void**)}. */
        public static final int QUERY_INTERFACE = 0;
        /** {@code ULONG AddRef()}. */
        public static final int ADD_REF = 1;
        /** {@code ULONG Release()}. */
        public static final int RELEASE = 2;
        /** Number of slots. */
        public static final int COUNT = 3;

        private Unknown() {
        }
    }

    /** {@code IBackgroundCopyManager} (§3.2). */
    public static final class Manager {
        /** {@code CreateJob(LPCWSTR, BG_JOB_TYPE, GUID*, IBackgroundCopyJob**)}. */
        public static final int CREATE_JOB = 3;
        /** {@code GetJob(REFGUID, IBackgroundCopyJob**)}. */
        public static final int GET_JOB = 4;
        /** {@code EnumJobs(DWORD, IEnumBackgroundCopyJobs**)}. */
        public static final int ENUM_JOBS = 5;
        /** {@code GetErrorDescription(HRESULT, DWORD, LPWSTR*)}. */
        public static final int GET_ERROR_DESCRIPTION = 6;
        /** Number of slots. */
        public static final int COUNT = 7;

        private Manager() {
        }
    }

    /** {@code IBackgroundCopyJob} (§3.3), 35 slots. */
    public static final class Job {
        /** {@code AddFileSet(ULONG, BG_FILE_INFO*)}. */
        public static final int ADD_FILE_SET = 3;
        /** {@code AddFile(LPCWSTR, LPCWSTR)}. */
        public static final int ADD_FILE = 4;
        /** {@code EnumFiles(IEnumBackgroundCopyFiles**)}. */
        public static final int ENUM_FILES = 5;
        /** {@code Suspend()}. */
        public static final int SUSPEND = 6;
        /** {@code Resume()}. */
        public static final int RESUME = 7;
        /** {@code Cancel()}. */
        public static final int CANCEL = 8;
        /** {@code Complete()}. */
        public static final int COMPLETE = 9;
        /** {@code GetId(GUID*)}. */
        public static final int GET_ID = 10;
        /** {@code GetType(BG_JOB_TYPE*)}. */
        public static final int GET_TYPE = 11;
        /** {@code GetProgress(BG_JOB_PROGRESS*)}. */
        public static final int GET_PROGRESS = 12;
        /** {@code GetTimes(BG_JOB_TIMES*)}. */
        public static final int GET_TIMES = 13;
        /** {@code GetState(BG_JOB_STATE*)}. */
        public static final int GET_STATE = 14;
        /** {@code GetError(IBackgroundCopyError**)}. */
        public static final int GET_ERROR = 15;
        /** {@code GetOwner(LPWSTR*)}. */
        public static final int GET_OWNER = 16;
        /** {@code SetDisplayName(LPCWSTR)}. */
        public static final int SET_DISPLAY_NAME = 17;
        /** {@code GetDisplayName(LPWSTR*)}. */
        public static final int GET_DISPLAY_NAME = 18;
        /** {@code SetDescription(LPCWSTR)}. */
        public static final int SET_DESCRIPTION = 19;
        /** {@code GetDescription(LPWSTR*)}. */
        public static final int GET_DESCRIPTION = 20;
        /** {@code SetPriority(BG_JOB_PRIORITY)}. */
        public static final int SET_PRIORITY = 21;
        /** {@code GetPriority(BG_JOB_PRIORITY*)}. */
        public static final int GET_PRIORITY = 22;
        /** {@code SetNotifyFlags(ULONG)}. */
        public static final int SET_NOTIFY_FLAGS = 23;
        /** {@code GetNotifyFlags(ULONG*)}. */
        public static final int GET_NOTIFY_FLAGS = 24;
        /** {@code SetNotifyInterface(IUnknown*)}. */
        public static final int SET_NOTIFY_INTERFACE = 25;
        /** {@code GetNotifyInterface(IUnknown**)}. */
        public static final int GET_NOTIFY_INTERFACE = 26;
        /** {@code SetMinimumRetryDelay(ULONG)}. */
        public static final int SET_MINIMUM_RETRY_DELAY = 27;
        /** {@code GetMinimumRetryDelay(ULONG*)}. */
        public static final int GET_MINIMUM_RETRY_DELAY = 28;
        /** {@code SetNoProgressTimeout(ULONG)}. */
        public static final int SET_NO_PROGRESS_TIMEOUT = 29;
        /** {@code GetNoProgressTimeout(ULONG*)}. */
        public static final int GET_NO_PROGRESS_TIMEOUT = 30;
        /** {@code GetErrorCount(ULONG*)}. */
        public static final int GET_ERROR_COUNT = 31;
        /** {@code SetProxySettings(BG_JOB_PROXY_USAGE, const WCHAR*, const WCHAR*)}. */
        public static final int SET_PROXY_SETTINGS = 32;
        /** {@code GetProxySettings(BG_JOB_PROXY_USAGE*, LPWSTR*, LPWSTR*)}. */
        public static final int GET_PROXY_SETTINGS = 33;
        /** {@code TakeOwnership()}. */
        public static final int TAKE_OWNERSHIP = 34;
        /** Number of slots. */
        public static final int COUNT = 35;

        private Job() {
        }
    }

    /** {@code IBackgroundCopyJob2} (§3.11): {@link Job}'s 35 slots, then eight. */
    public static final class Job2 {
        /** {@code SetNotifyCmdLine(LPCWSTR, LPCWSTR)}. */
        public static final int SET_NOTIFY_CMD_LINE = 35;
        /** {@code GetNotifyCmdLine(LPWSTR*, LPWSTR*)}. */
        public static final int GET_NOTIFY_CMD_LINE = 36;
        /** {@code GetReplyProgress(BG_JOB_REPLY_PROGRESS*)}. */
        public static final int GET_REPLY_PROGRESS = 37;
        /** {@code GetReplyData(byte**, UINT64*)}. */
        public static final int GET_REPLY_DATA = 38;
        /** {@code SetReplyFileName(LPCWSTR)}. */
        public static final int SET_REPLY_FILE_NAME = 39;
        /** {@code GetReplyFileName(LPWSTR*)}. */
        public static final int GET_REPLY_FILE_NAME = 40;
        /** {@code SetCredentials(BG_AUTH_CREDENTIALS*)}. */
        public static final int SET_CREDENTIALS = 41;
        /** {@code RemoveCredentials(BG_AUTH_TARGET, BG_AUTH_SCHEME)}. */
        public static final int REMOVE_CREDENTIALS = 42;
        /** Number of slots. */
        public static final int COUNT = 43;

        private Job2() {
        }
    }

    /** {@code IBackgroundCopyJobHttpOptions} (§3.12): derives from {@code IUnknown}. */
    public static final class HttpOptions {
        /** {@code SetClientCertificateByID(BG_CERT_STORE_LOCATION, LPCWSTR, BYTE*)}. */
        public static final int SET_CLIENT_CERTIFICATE_BY_ID = 3;
        /** {@code SetClientCertificateByName(BG_CERT_STORE_LOCATION, LPCWSTR, LPCWSTR)}. */
        public static final int SET_CLIENT_CERTIFICATE_BY_NAME = 4;
        /** {@code RemoveClientCertificate()}. */
        public static final int REMOVE_CLIENT_CERTIFICATE = 5;
        /** {@code GetClientCertificate(BG_CERT_STORE_LOCATION*, LPWSTR*, BYTE**, LPWSTR*)}. */
        public static final int GET_CLIENT_CERTIFICATE = 6;
        /** {@code SetCustomHeaders(LPCWSTR)}. */
        public static final int SET_CUSTOM_HEADERS = 7;
        /** {@code GetCustomHeaders(LPWSTR*)}. */
        public static final int GET_CUSTOM_HEADERS = 8;
        /** {@code SetSecurityFlags(ULONG)}. */
        public static final int SET_SECURITY_FLAGS = 9;
        /** {@code GetSecurityFlags(ULONG*)}. */
        public static final int GET_SECURITY_FLAGS = 10;
        /** Number of slots. */
        public static final int COUNT = 11;

        private HttpOptions() {
        }
    }

    /** {@code IDeliveryOptimizationJob} (§3.4). */
    public static final class DoJob {
        /** {@code AddFileWithRanges(LPCWSTR, LPCWSTR, LPCWSTR, DWORD, BG_FILE_RANGE*, UINT64)}. */
        public static final int ADD_FILE_WITH_RANGES = 3;
        /** Number of slots. */
        public static final int COUNT = 4;

        private DoJob() {
        }
    }

    /** {@code IBackgroundCopyJob3} (§3.13): {@link Job2}'s 43 slots, then four. */
    public static final class Job3 {
        /** {@code ReplaceRemotePrefix(LPCWSTR, LPCWSTR)}. */
        public static final int REPLACE_REMOTE_PREFIX = 43;
        /** {@code AddFileWithRanges(LPCWSTR, LPCWSTR, DWORD, BG_FILE_RANGE[])}. */
        public static final int ADD_FILE_WITH_RANGES = 44;
        /** {@code SetFileACLFlags(DWORD)}. */
        public static final int SET_FILE_ACL_FLAGS = 45;
        /** {@code GetFileACLFlags(DWORD*)}. */
        public static final int GET_FILE_ACL_FLAGS = 46;
        /** Number of slots. */
        public static final int COUNT = 47;

        private Job3() {
        }
    }

    /** {@code IBackgroundCopyJob4} (§3.14): {@link Job3}'s 47 slots, then six. */
    public static final class Job4 {
        /** {@code SetPeerCachingFlags(DWORD)}. */
        public static final int SET_PEER_CACHING_FLAGS = 47;
        /** {@code GetPeerCachingFlags(DWORD*)}. */
        public static final int GET_PEER_CACHING_FLAGS = 48;
        /** {@code GetOwnerIntegrityLevel(ULONG*)}. */
        public static final int GET_OWNER_INTEGRITY_LEVEL = 49;
        /** {@code GetOwnerElevationState(BOOL*)}. */
        public static final int GET_OWNER_ELEVATION_STATE = 50;
        /** {@code SetMaximumDownloadTime(ULONG)}. */
        public static final int SET_MAXIMUM_DOWNLOAD_TIME = 51;
        /** {@code GetMaximumDownloadTime(ULONG*)}. */
        public static final int GET_MAXIMUM_DOWNLOAD_TIME = 52;
        /** Number of slots. */
        public static final int COUNT = 53;

        private Job4() {
        }
    }

    /** {@code IBackgroundCopyFile3} (§3.15): {@code IBackgroundCopyFile2}'s 8 slots, then four. */
    public static final class File3 {
        /** {@code GetTemporaryName(LPWSTR*)}. */
        public static final int GET_TEMPORARY_NAME = 8;
        /** {@code SetValidationState(BOOL)}. */
        public static final int SET_VALIDATION_STATE = 9;
        /** {@code GetValidationState(BOOL*)}. */
        public static final int GET_VALIDATION_STATE = 10;
        /** {@code IsDownloadedFromPeer(BOOL*)}. */
        public static final int IS_DOWNLOADED_FROM_PEER = 11;
        /** Number of slots. */
        public static final int COUNT = 12;

        private File3() {
        }
    }

    /** {@code IBackgroundCopyFile4} (§3.16): {@link File3}'s 12 slots, then one. */
    public static final class File4 {
        /** {@code GetPeerDownloadStats(PUINT64, PUINT64)}. */
        public static final int GET_PEER_DOWNLOAD_STATS = 12;
        /** Number of slots. */
        public static final int COUNT = 13;

        private File4() {
        }
    }

    /** {@code IBackgroundCopyJob5} (§3.17): {@link Job4}'s 53 slots, then two. */
    public static final class Job5 {
        /** {@code SetProperty(BITS_JOB_PROPERTY_ID, BITS_JOB_PROPERTY_VALUE)}, the union by value. */
        public static final int SET_PROPERTY = 53;
        /** {@code GetProperty(BITS_JOB_PROPERTY_ID, BITS_JOB_PROPERTY_VALUE*)}. */
        public static final int GET_PROPERTY = 54;
        /** Number of slots. */
        public static final int COUNT = 55;

        private Job5() {
        }
    }

    /** {@code IBackgroundCopyFile5} (§3.18): {@link File4}'s 13 slots, then two. */
    public static final class File5 {
        /** {@code SetProperty(BITS_FILE_PROPERTY_ID, BITS_FILE_PROPERTY_VALUE)}, the one-pointer union by value. */
        public static final int SET_PROPERTY = 13;
        /** {@code GetProperty(BITS_FILE_PROPERTY_ID, BITS_FILE_PROPERTY_VALUE*)}. */
        public static final int GET_PROPERTY = 14;
        /** Number of slots. */
        public static final int COUNT = 15;

        private File5() {
        }
    }

    /** {@code IBackgroundCopyFile6} (§3.19): {@link File5}'s 15 slots, then three. */
    public static final class File6 {
        /** {@code UpdateDownloadPosition(UINT64)}. */
        public static final int UPDATE_DOWNLOAD_POSITION = 15;
        /** {@code RequestFileRanges(DWORD, const BG_FILE_RANGE[])}. */
        public static final int REQUEST_FILE_RANGES = 16;
        /** {@code GetFilledFileRanges(DWORD*, BG_FILE_RANGE**)}. */
        public static final int GET_FILLED_FILE_RANGES = 17;
        /** Number of slots. */
        public static final int COUNT = 18;

        private File6() {
        }
    }

    /** {@code IBackgroundCopyJobHttpOptions2} (§3.21): {@link HttpOptions}' 11 slots, then two. */
    public static final class HttpOptions2 {
        /** {@code SetHttpMethod(LPCWSTR)}. */
        public static final int SET_HTTP_METHOD = 11;
        /** {@code GetHttpMethod(LPWSTR*)}. */
        public static final int GET_HTTP_METHOD = 12;
        /** Number of slots. */
        public static final int COUNT = 13;

        private HttpOptions2() {
        }
    }

    /** {@code IBackgroundCopyJobHttpOptions3} (§3.22): {@link HttpOptions2}' 13 slots, then two. */
    public static final class HttpOptions3 {
        /** {@code SetServerCertificateValidationInterface(IUnknown*)}. */
        public static final int SET_SERVER_CERTIFICATE_VALIDATION_INTERFACE = 13;
        /** {@code MakeCustomHeadersWriteOnly(void)}. */
        public static final int MAKE_CUSTOM_HEADERS_WRITE_ONLY = 14;
        /** Number of slots. */
        public static final int COUNT = 15;

        private HttpOptions3() {
        }
    }

    /** {@code IBackgroundCopyCallback3} (§3.20): {@code IBackgroundCopyCallback2}'s 7 slots, then one. */
    public static final class Callback3 {
        /** {@code FileRangesTransferred(IBackgroundCopyJob*, IBackgroundCopyFile*, DWORD, const BG_FILE_RANGE[])}. */
        public static final int FILE_RANGES_TRANSFERRED = 7;
        /** Number of slots. */
        public static final int COUNT = 8;

        private Callback3() {
        }
    }

    /** {@code IBackgroundCopyServerCertificateValidationCallback} (§3.22): IUnknown, then one. */
    public static final class CertificateValidationCallback {
        /** {@code ValidateServerCertificate(job, file, DWORD, const BYTE[], DWORD, DWORD, const BYTE[])}. */
        public static final int VALIDATE_SERVER_CERTIFICATE = 3;
        /** Number of slots. */
        public static final int COUNT = 4;

        private CertificateValidationCallback() {
        }
    }

    /** {@code IDeliveryOptimizationJob2} (§3.5). */
    public static final class DoJob2 {
        /** {@code AddFile(LPCWSTR, LPCWSTR, DWORD, BG_FILE_RANGE*, REFIID, void**)}. */
        public static final int ADD_FILE = 3;
        /** {@code GetProperty(DOJobPropertyId, VARIANT*)}. */
        public static final int GET_PROPERTY = 4;
        /** {@code SetProperty(DOJobPropertyId, const VARIANT*)}. */
        public static final int SET_PROPERTY = 5;
        /** Number of slots. */
        public static final int COUNT = 6;

        private DoJob2() {
        }
    }

    /** {@code IEnumBackgroundCopyFiles} and {@code IEnumBackgroundCopyJobs} (§3.6): one layout. */
    public static final class Enum {
        /** {@code Next(ULONG, T**, ULONG*)}. */
        public static final int NEXT = 3;
        /** {@code Skip(ULONG)}. */
        public static final int SKIP = 4;
        /** {@code Reset()}. */
        public static final int RESET = 5;
        /** {@code Clone(IEnum**)}. */
        public static final int CLONE = 6;
        /** {@code GetCount(ULONG*)}. */
        public static final int GET_COUNT = 7;
        /** Number of slots. */
        public static final int COUNT = 8;

        private Enum() {
        }
    }

    /** {@code IBackgroundCopyFile} and its extension {@code IBackgroundCopyFile2} (§3.7). */
    public static final class File {
        /** {@code GetRemoteName(LPWSTR*)}. */
        public static final int GET_REMOTE_NAME = 3;
        /** {@code GetLocalName(LPWSTR*)}. */
        public static final int GET_LOCAL_NAME = 4;
        /** {@code GetProgress(BG_FILE_PROGRESS*)}. */
        public static final int GET_PROGRESS = 5;
        /** {@code IBackgroundCopyFile2::GetFileRanges(DWORD*, BG_FILE_RANGE**)}. */
        public static final int GET_FILE_RANGES = 6;
        /** {@code IBackgroundCopyFile2::SetRemoteName(LPCWSTR)}. */
        public static final int SET_REMOTE_NAME = 7;
        /** Number of slots of {@code IBackgroundCopyFile}. */
        public static final int COUNT = 6;
        /** Number of slots of {@code IBackgroundCopyFile2}. */
        public static final int COUNT2 = 8;

        private File() {
        }
    }

    /** {@code IBackgroundCopyError} (§3.8). */
    public static final class Error {
        /** {@code GetError(BG_ERROR_CONTEXT*, HRESULT*)}. */
        public static final int GET_ERROR = 3;
        /** {@code GetFile(IBackgroundCopyFile**)}. */
        public static final int GET_FILE = 4;
        /** {@code GetErrorDescription(DWORD, LPWSTR*)}. */
        public static final int GET_ERROR_DESCRIPTION = 5;
        /** {@code GetErrorContextDescription(DWORD, LPWSTR*)}. */
        public static final int GET_ERROR_CONTEXT_DESCRIPTION = 6;
        /** {@code GetProtocol(LPWSTR*)}. */
        public static final int GET_PROTOCOL = 7;
        /** Number of slots. */
        public static final int COUNT = 8;

        private Error() {
        }
    }

    /** {@code IBackgroundCopyCallback} and {@code IBackgroundCopyCallback2} (§3.9). */
    public static final class Callback {
        /** {@code JobTransferred(IBackgroundCopyJob*)}. */
        public static final int JOB_TRANSFERRED = 3;
        /** {@code JobError(IBackgroundCopyJob*, IBackgroundCopyError*)}. */
        public static final int JOB_ERROR = 4;
        /** {@code JobModification(IBackgroundCopyJob*, DWORD)}. */
        public static final int JOB_MODIFICATION = 5;
        /** {@code IBackgroundCopyCallback2::FileTransferred(IBackgroundCopyJob*, IBackgroundCopyFile*)}. */
        public static final int FILE_TRANSFERRED = 6;
        /** Number of slots of {@code IBackgroundCopyCallback2}. */
        public static final int COUNT2 = 7;

        private Callback() {
        }
    }

    /** {@code IDeliveryOptimizationFile} (§3.10); only slot 3 is bound. */
    public static final class DoFile {
        /** {@code GetStats(DOSwarmStats*)}. */
        public static final int GET_STATS = 3;
        /** Number of slots bound. */
        public static final int COUNT = 4;

        private DoFile() {
        }
    }

    /** {@code IDeliveryOptimizationFile2} (§3.10). */
    public static final class DoFile2 {
        /** {@code GetProperty(DOFilePropertyId, VARIANT*)}. */
        public static final int GET_PROPERTY = 3;
        /** {@code SetProperty(DOFilePropertyId, const VARIANT*)}. */
        public static final int SET_PROPERTY = 4;
        /** Number of slots. */
        public static final int COUNT = 5;

        private DoFile2() {
        }
    }
}
