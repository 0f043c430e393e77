package dev.bgcopy.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A 32-bit COM {@code HRESULT}, the status every IBackgroundCopy* method returns.
 *
 * <p>Layout (WINERR): bit 31 severity (1 = failure), bits 16..28 facility, bits 0..15 code.
 * {@link #isSuccess()} is {@code value >= 0}, so {@link #S_FALSE} and the {@code BG_S_*} codes are
 * successes, exactly as the native {@code SUCCEEDED(hr)} macro. Every code named in the contract
 * ({@code docs/contract.md} §7) has a constant here; {@link #of(int)} returns that constant for
 * its value, and {@link #toString()} prints {@code NAME (0xXXXXXXXX)}.
 *
 * <pre>{@code
 * HResult hr = HResult.of(0x80D02013);
 * hr.isFailure();   // true
 * hr.toString();    // "DO_E_INVALID_STATE (0x80D02013)"
 * }</pre>
 *
 * <p>Where two names share one value ({@code E_ACCESSDENIED} is also
 * {@code HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED)}; DO reports HTTP failures with the BITS HTTP
 * values), the name declared first here is the one printed.
 *
 * @param value the raw 32 bits, as the native {@code HRESULT}
 */
public record HResult(int value) {

    private static final Map<Integer, HResult> NAMED = new LinkedHashMap<>();
    private static final Map<Integer, String> NAMES = new LinkedHashMap<>();

    /** Facility of Win32 codes wrapped by {@code HRESULT_FROM_WIN32}. */
    public static final int FACILITY_WIN32 = 7;
    /** Facility of HTTP status codes reported as {@code BG_E_HTTP_ERROR_<n>}. */
    public static final int FACILITY_HTTP = 0x19;
    /** Facility of the {@code BG_E_*}/{@code BG_S_*} codes. */
    public static final int FACILITY_BITS = 0x20;
    /** Facility of the Delivery Optimization {@code DO_E_*} codes. */
    public static final int FACILITY_DELIVERY_OPTIMIZATION = 0xD0;

    // ---- Standard COM / Win32 (docs/contract.md §7.3) ----
    /** Success. */
    public static final HResult S_OK = named("S_OK", 0x00000000);
    /** Success with less than requested (enumerators, GetFileRanges without ranges). */
    public static final HResult S_FALSE = named("S_FALSE", 0x00000001);
    /** Not implemented: DO-undocumented slots; invalid notify flags. */
    public static final HResult E_NOTIMPL = named("E_NOTIMPL", 0x80004001);
    /** QueryInterface for an unsupported interface. */
    public static final HResult E_NOINTERFACE = named("E_NOINTERFACE", 0x80004002);
    /** A NULL out pointer (native callers only). */
    public static final HResult E_POINTER = named("E_POINTER", 0x80004003);
    /** Unspecified failure. */
    public static final HResult E_FAIL = named("E_FAIL", 0x80004005);
    /** Not owner or administrator; local directory not writable. */
    public static final HResult E_ACCESSDENIED = named("E_ACCESSDENIED", 0x80070005);
    /** Allocation failure. */
    public static final HResult E_OUTOFMEMORY = named("E_OUTOFMEMORY", 0x8007000E);
    /** Invalid argument. */
    public static final HResult E_INVALIDARG = named("E_INVALIDARG", 0x80070057);
    /** {@code HRESULT_FROM_WIN32(ERROR_NOT_FOUND)}: a property that was never set. */
    public static final HResult E_NOT_SET = named("E_NOT_SET", 0x80070490);
    /** COM already initialised on this thread with another apartment model. */
    public static final HResult RPC_E_CHANGED_MODE = named("RPC_E_CHANGED_MODE", 0x80010106);
    /** The coclass is not registered (no DO or BITS on this machine). */
    public static final HResult REGDB_E_CLASSNOTREG = named("REGDB_E_CLASSNOTREG", 0x80040154);
    /** A COM call on a thread that did not initialise COM. */
    public static final HResult CO_E_NOTINITIALIZED = named("CO_E_NOTINITIALIZED", 0x800401F0);
    /** Aggregation requested at activation. */
    public static final HResult CLASS_E_NOAGGREGATION = named("CLASS_E_NOAGGREGATION", 0x80040110);
    /** The operation is not finished yet: {@code IBackgroundCopyFile3::SetValidationState} before the file is transferred. */
    public static final HResult E_PENDING = named("E_PENDING", 0x8000000A);
    /** {@code HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)}. */
    public static final HResult ERROR_FILE_NOT_FOUND = named("HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)", 0x80070002);
    /** {@code HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND)}. */
    public static final HResult ERROR_PATH_NOT_FOUND = named("HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND)", 0x80070003);
    /** {@code HRESULT_FROM_WIN32(ERROR_SHARING_VIOLATION)}: another process holds the file (a store in use). */
    public static final HResult ERROR_SHARING_VIOLATION = named("HRESULT_FROM_WIN32(ERROR_SHARING_VIOLATION)", 0x80070020);
    /** {@code HRESULT_FROM_WIN32(ERROR_DISK_FULL)}: the destination volume is full. */
    public static final HResult ERROR_DISK_FULL = named("HRESULT_FROM_WIN32(ERROR_DISK_FULL)", 0x80070070);
    /** {@code HRESULT_FROM_WIN32(ERROR_SERVICE_DISABLED)}: activation failed, service disabled. */
    public static final HResult ERROR_SERVICE_DISABLED = named("HRESULT_FROM_WIN32(ERROR_SERVICE_DISABLED)", 0x80070422);
    /** {@code HRESULT_FROM_WIN32(ERROR_WINHTTP_TIMEOUT)} (12002): the server did not answer in time. */
    public static final HResult ERROR_WINHTTP_TIMEOUT = named("HRESULT_FROM_WIN32(ERROR_WINHTTP_TIMEOUT)", 0x80072EE2);
    /** {@code HRESULT_FROM_WIN32(ERROR_WINHTTP_NAME_NOT_RESOLVED)} (12007): the host name is unknown. */
    public static final HResult ERROR_WINHTTP_NAME_NOT_RESOLVED =
            named("HRESULT_FROM_WIN32(ERROR_WINHTTP_NAME_NOT_RESOLVED)", 0x80072EE7);
    /** {@code HRESULT_FROM_WIN32(ERROR_WINHTTP_CANNOT_CONNECT)} (12029): no connection to the server. */
    public static final HResult ERROR_WINHTTP_CANNOT_CONNECT =
            named("HRESULT_FROM_WIN32(ERROR_WINHTTP_CANNOT_CONNECT)", 0x80072EFD);
    /** {@code HRESULT_FROM_WIN32(ERROR_WINHTTP_INVALID_SERVER_RESPONSE)} (12152): a response that breaks HTTP. */
    public static final HResult ERROR_WINHTTP_INVALID_SERVER_RESPONSE =
            named("HRESULT_FROM_WIN32(ERROR_WINHTTP_INVALID_SERVER_RESPONSE)", 0x80072F78);
    /** {@code HRESULT_FROM_WIN32(ERROR_WINHTTP_SECURE_FAILURE)} (12175): a certificate or TLS failure. */
    public static final HResult ERROR_WINHTTP_SECURE_FAILURE =
            named("HRESULT_FROM_WIN32(ERROR_WINHTTP_SECURE_FAILURE)", 0x80072F8F);
    /** {@code HRESULT_FROM_WIN32(ERROR_WINHTTP_SECURE_CERT_DATE_INVALID)} (12037): a certificate is expired or not yet valid. */
    public static final HResult ERROR_WINHTTP_SECURE_CERT_DATE_INVALID =
            named("HRESULT_FROM_WIN32(ERROR_WINHTTP_SECURE_CERT_DATE_INVALID)", 0x80072F05);
    /** {@code HRESULT_FROM_WIN32(ERROR_WINHTTP_SECURE_CERT_CN_INVALID)} (12038): the certificate names another host. */
    public static final HResult ERROR_WINHTTP_SECURE_CERT_CN_INVALID =
            named("HRESULT_FROM_WIN32(ERROR_WINHTTP_SECURE_CERT_CN_INVALID)", 0x80072F06);
    /** {@code HRESULT_FROM_WIN32(ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED)} (12044): the server demands a client certificate. */
    public static final HResult ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED =
            named("HRESULT_FROM_WIN32(ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED)", 0x80072F0C);
    /** {@code HRESULT_FROM_WIN32(ERROR_WINHTTP_SECURE_INVALID_CA)} (12045): the chain ends in an untrusted root. */
    public static final HResult ERROR_WINHTTP_SECURE_INVALID_CA =
            named("HRESULT_FROM_WIN32(ERROR_WINHTTP_SECURE_INVALID_CA)", 0x80072F0D);
    /** {@code HRESULT_FROM_WIN32(ERROR_WINHTTP_SECURE_CERT_REV_FAILED)} (12057): revocation could not be checked. */
    public static final HResult ERROR_WINHTTP_SECURE_CERT_REV_FAILED =
            named("HRESULT_FROM_WIN32(ERROR_WINHTTP_SECURE_CERT_REV_FAILED)", 0x80072F19);
    /** {@code HRESULT_FROM_WIN32(ERROR_WINHTTP_SECURE_CERT_REVOKED)} (12170): the certificate is revoked. */
    public static final HResult ERROR_WINHTTP_SECURE_CERT_REVOKED =
            named("HRESULT_FROM_WIN32(ERROR_WINHTTP_SECURE_CERT_REVOKED)", 0x80072F8A);
    /** {@code HRESULT_FROM_WIN32(ERROR_WINHTTP_SECURE_CERT_WRONG_USAGE)} (12179): the certificate is not for server authentication. */
    public static final HResult ERROR_WINHTTP_SECURE_CERT_WRONG_USAGE =
            named("HRESULT_FROM_WIN32(ERROR_WINHTTP_SECURE_CERT_WRONG_USAGE)", 0x80072F93);
    /** {@code HRESULT_FROM_WIN32(HTTP_STATUS_AMBIGUOUS)} (300): a redirect under {@code BG_HTTP_REDIRECT_POLICY_DISALLOW}. */
    public static final HResult HTTP_STATUS_AMBIGUOUS = named("HRESULT_FROM_WIN32(HTTP_STATUS_AMBIGUOUS)", 0x8007012C);
    /** {@code HRESULT_FROM_WIN32(HTTP_STATUS_MOVED)} (301): a redirect under {@code BG_HTTP_REDIRECT_POLICY_DISALLOW}. */
    public static final HResult HTTP_STATUS_MOVED = named("HRESULT_FROM_WIN32(HTTP_STATUS_MOVED)", 0x8007012D);
    /** {@code HRESULT_FROM_WIN32(HTTP_STATUS_REDIRECT)} (302): a redirect under {@code BG_HTTP_REDIRECT_POLICY_DISALLOW}. */
    public static final HResult HTTP_STATUS_REDIRECT = named("HRESULT_FROM_WIN32(HTTP_STATUS_REDIRECT)", 0x8007012E);
    /** {@code HRESULT_FROM_WIN32(HTTP_STATUS_REDIRECT_METHOD)} (303): a redirect under {@code BG_HTTP_REDIRECT_POLICY_DISALLOW}. */
    public static final HResult HTTP_STATUS_REDIRECT_METHOD = named("HRESULT_FROM_WIN32(HTTP_STATUS_REDIRECT_METHOD)", 0x8007012F);
    /** {@code HRESULT_FROM_WIN32(HTTP_STATUS_REDIRECT_KEEP_VERB)} (307): a redirect under {@code BG_HTTP_REDIRECT_POLICY_DISALLOW}. */
    public static final HResult HTTP_STATUS_REDIRECT_KEEP_VERB =
            named("HRESULT_FROM_WIN32(HTTP_STATUS_REDIRECT_KEEP_VERB)", 0x80070133);
    /** {@code HRESULT_FROM_WIN32(HTTP_STATUS_PERMANENT_REDIRECT)} (308): a redirect under {@code BG_HTTP_REDIRECT_POLICY_DISALLOW} (§8 I-41). */
    public static final HResult HTTP_STATUS_PERMANENT_REDIRECT =
            named("HRESULT_FROM_WIN32(HTTP_STATUS_PERMANENT_REDIRECT)", 0x80070134);
    /** {@code RPC_X_NULL_REF_POINTER} (Win32 1780): a required pointer argument is null. */
    public static final HResult RPC_X_NULL_REF_POINTER = named("RPC_X_NULL_REF_POINTER", 0x800706F4);
    /** {@code RPC_X_BAD_STUB_DATA} (Win32 1783): malformed data; also "no client certificate" of GetClientCertificate. */
    public static final HResult RPC_X_BAD_STUB_DATA = named("RPC_X_BAD_STUB_DATA", 0x800706F7);
    /** {@code CRYPT_E_NOT_FOUND}: no certificate matches. */
    public static final HResult CRYPT_E_NOT_FOUND = named("CRYPT_E_NOT_FOUND", 0x80092004);

    // ---- Delivery Optimization (docs/contract.md §7.1) ----
    /** The DO service could not serve the request. */
    public static final HResult DO_E_NO_SERVICE = named("DO_E_NO_SERVICE", 0x80D01001);
    /** A file made no progress within the allowed period. */
    public static final HResult DO_E_DOWNLOAD_NO_PROGRESS = named("DO_E_DOWNLOAD_NO_PROGRESS", 0x80D02002);
    /** The job was not found (the DO pages' {@code DO_E_NOT_FOUND}, §8 I-2). */
    public static final HResult DO_E_JOB_NOT_FOUND = named("DO_E_JOB_NOT_FOUND", 0x80D02003);
    /** The job holds no file (the DO pages' {@code DO_E_EMPTY}, §8 I-1). */
    public static final HResult DO_E_JOB_EMPTY = named("DO_E_JOB_EMPTY", 0x80D02004);
    /** No downloads. */
    public static final HResult DO_E_NO_DOWNLOADS = named("DO_E_NO_DOWNLOADS", 0x80D02005);
    /** Download to a memory stream is not supported (deprecated sink). */
    public static final HResult DO_E_MEMORYSTREAM_DOWNLOAD_NOT_SUPPORTED =
            named("DO_E_MEMORYSTREAM_DOWNLOAD_NOT_SUPPORTED", 0x80D0200B);
    /** The job reached the maximum age without being completed or cancelled. */
    public static final HResult DO_E_JOB_TOO_OLD = named("DO_E_JOB_TOO_OLD", 0x80D0200C);
    /** The download has no local destination path. */
    public static final HResult DO_E_LOCALPATH_NOT_SET = named("DO_E_LOCALPATH_NOT_SET", 0x80D0200D);
    /** No file is associated with the error. */
    public static final HResult DO_E_FILE_NOT_AVAILABLE = named("DO_E_FILE_NOT_AVAILABLE", 0x80D02010);
    /** GetProperty/SetProperty was given an unknown property identifier. */
    public static final HResult DO_E_UNKNOWN_PROPERTY_ID = named("DO_E_UNKNOWN_PROPERTY_ID", 0x80D02011);
    /** Attempt to set a read-only property. */
    public static final HResult DO_E_READ_ONLY_PROPERTY = named("DO_E_READ_ONLY_PROPERTY", 0x80D02012);
    /** The operation is not allowed in the job's current state. */
    public static final HResult DO_E_INVALID_STATE = named("DO_E_INVALID_STATE", 0x80D02013);
    /** There is no error to report. */
    public static final HResult DO_E_ERROR_INFORMATION_UNAVAILABLE =
            named("DO_E_ERROR_INFORMATION_UNAVAILABLE", 0x80D02014);
    /** GetProperty on a write-only property. */
    public static final HResult DO_E_WRITE_ONLY_PROPERTY = named("DO_E_WRITE_ONLY_PROPERTY", 0x80D02015);
    /** No download sink was specified for the file. */
    public static final HResult DO_E_FILE_DOWNLOADSINK_UNSPECIFIED =
            named("DO_E_FILE_DOWNLOADSINK_UNSPECIFIED", 0x80D02018);
    /** User or administrator settings forbid the download. */
    public static final HResult DO_E_NO_DOWNLOAD_EXTSETTINGS = named("DO_E_NO_DOWNLOAD_EXTSETTINGS", 0x80D03002);
    /** Paused by the cost policy (transient). */
    public static final HResult DO_E_BLOCKED_BY_COST_TRANSFER_POLICY =
            named("DO_E_BLOCKED_BY_COST_TRANSFER_POLICY", 0x80D03801);
    /** Paused: cellular network and policy (transient). */
    public static final HResult DO_E_BLOCKED_BY_CELLULAR_POLICY = named("DO_E_BLOCKED_BY_CELLULAR_POLICY", 0x80D03803);
    /** Paused: the machine left AC power (transient). */
    public static final HResult DO_E_BLOCKED_BY_POWER_STATE = named("DO_E_BLOCKED_BY_POWER_STATE", 0x80D03804);
    /** Paused: network connectivity lost (transient). */
    public static final HResult DO_E_BLOCKED_BY_NO_NETWORK = named("DO_E_BLOCKED_BY_NO_NETWORK", 0x80D03805);
    /** Paused: VPN detected (transient). */
    public static final HResult DO_E_BLOCKED_BY_VPN_POLICY = named("DO_E_BLOCKED_BY_VPN_POLICY", 0x80D03807);
    /** Paused: system memory critically low (transient). */
    public static final HResult DO_E_BLOCKED_BY_CRITICAL_MEMORY_USAGE =
            named("DO_E_BLOCKED_BY_CRITICAL_MEMORY_USAGE", 0x80D03808);
    /** The HTTP response size differs from the requested block. */
    public static final HResult DO_E_HTTP_BLOCKSIZE_MISMATCH = named("DO_E_HTTP_BLOCKSIZE_MISMATCH", 0x80D05001);
    /** One of the byte ranges is not valid. */
    public static final HResult DO_E_INVALID_RANGE = named("DO_E_INVALID_RANGE", 0x80D05010);
    /** The server lacks HTTP Range support. */
    public static final HResult DO_E_INSUFFICIENT_RANGE_SUPPORT = named("DO_E_INSUFFICIENT_RANGE_SUPPORT", 0x80D05011);
    /** The range list contains overlapping ranges. */
    public static final HResult DO_E_OVERLAPPING_RANGES = named("DO_E_OVERLAPPING_RANGES", 0x80D05012);
    /** Fatal internal error in the DO core. */
    public static final HResult DO_E_FATAL_CORE_ERROR = named("DO_E_FATAL_CORE_ERROR", 0x80D06802);

    // ---- BITS (docs/contract.md §7.2) ----
    /** The requested job was not found. */
    public static final HResult BG_E_NOT_FOUND = named("BG_E_NOT_FOUND", 0x80200001);
    /** The action is not allowed in the current state. */
    public static final HResult BG_E_INVALID_STATE = named("BG_E_INVALID_STATE", 0x80200002);
    /** The job has no files. */
    public static final HResult BG_E_EMPTY = named("BG_E_EMPTY", 0x80200003);
    /** No file is available for the error. */
    public static final HResult BG_E_FILE_NOT_AVAILABLE = named("BG_E_FILE_NOT_AVAILABLE", 0x80200004);
    /** No protocol information is available. */
    public static final HResult BG_E_PROTOCOL_NOT_AVAILABLE = named("BG_E_PROTOCOL_NOT_AVAILABLE", 0x80200005);
    /** Success code: no error has occurred. */
    public static final HResult BG_S_ERROR_CONTEXT_NONE = named("BG_S_ERROR_CONTEXT_NONE", 0x00200006);
    /** Error in an unknown place. */
    public static final HResult BG_E_ERROR_CONTEXT_UNKNOWN = named("BG_E_ERROR_CONTEXT_UNKNOWN", 0x80200007);
    /** Error in the queue manager. */
    public static final HResult BG_E_ERROR_CONTEXT_GENERAL_QUEUE_MANAGER =
            named("BG_E_ERROR_CONTEXT_GENERAL_QUEUE_MANAGER", 0x80200008);
    /** Error processing the local file. */
    public static final HResult BG_E_ERROR_CONTEXT_LOCAL_FILE = named("BG_E_ERROR_CONTEXT_LOCAL_FILE", 0x80200009);
    /** Error processing the remote file. */
    public static final HResult BG_E_ERROR_CONTEXT_REMOTE_FILE = named("BG_E_ERROR_CONTEXT_REMOTE_FILE", 0x8020000A);
    /** Error in the transport layer. */
    public static final HResult BG_E_ERROR_CONTEXT_GENERAL_TRANSPORT =
            named("BG_E_ERROR_CONTEXT_GENERAL_TRANSPORT", 0x8020000B);
    /** Error while running the notification callback. */
    public static final HResult BG_E_ERROR_CONTEXT_QUEUE_MANAGER_NOTIFICATION =
            named("BG_E_ERROR_CONTEXT_QUEUE_MANAGER_NOTIFICATION", 0x8020000C);
    /** The destination volume is locked. */
    public static final HResult BG_E_DESTINATION_LOCKED = named("BG_E_DESTINATION_LOCKED", 0x8020000D);
    /** The destination volume changed. */
    public static final HResult BG_E_VOLUME_CHANGED = named("BG_E_VOLUME_CHANGED", 0x8020000E);
    /** No error information (no error occurred). */
    public static final HResult BG_E_ERROR_INFORMATION_UNAVAILABLE =
            named("BG_E_ERROR_INFORMATION_UNAVAILABLE", 0x8020000F);
    /** No active network connection. */
    public static final HResult BG_E_NETWORK_DISCONNECTED = named("BG_E_NETWORK_DISCONNECTED", 0x80200010);
    /** The server did not return the file size. */
    public static final HResult BG_E_MISSING_FILE_SIZE = named("BG_E_MISSING_FILE_SIZE", 0x80200011);
    /** The server lacks HTTP/1.1. */
    public static final HResult BG_E_INSUFFICIENT_HTTP_SUPPORT = named("BG_E_INSUFFICIENT_HTTP_SUPPORT", 0x80200012);
    /** The server lacks Range support. */
    public static final HResult BG_E_INSUFFICIENT_RANGE_SUPPORT = named("BG_E_INSUFFICIENT_RANGE_SUPPORT", 0x80200013);
    /** Remote use of BITS is not supported. */
    public static final HResult BG_E_REMOTE_NOT_SUPPORTED = named("BG_E_REMOTE_NOT_SUPPORTED", 0x80200014);
    /** Drive mappings differ for the new owner. */
    public static final HResult BG_E_NEW_OWNER_DIFF_MAPPING = named("BG_E_NEW_OWNER_DIFF_MAPPING", 0x80200015);
    /** The new owner cannot access the temporary files. */
    public static final HResult BG_E_NEW_OWNER_NO_FILE_ACCESS = named("BG_E_NEW_OWNER_NO_FILE_ACCESS", 0x80200016);
    /** Success: only some files were complete; the rest were discarded. */
    public static final HResult BG_S_PARTIAL_COMPLETE = named("BG_S_PARTIAL_COMPLETE", 0x00200017);
    /** The proxy list is longer than 32767 characters. */
    public static final HResult BG_E_PROXY_LIST_TOO_LARGE = named("BG_E_PROXY_LIST_TOO_LARGE", 0x80200018);
    /** The proxy bypass list is longer than 32767 characters. */
    public static final HResult BG_E_PROXY_BYPASS_LIST_TOO_LARGE = named("BG_E_PROXY_BYPASS_LIST_TOO_LARGE", 0x80200019);
    /** Success, but temporary files could not all be deleted. */
    public static final HResult BG_S_UNABLE_TO_DELETE_FILES = named("BG_S_UNABLE_TO_DELETE_FILES", 0x0020001A);
    /** Upload jobs allow one file only. */
    public static final HResult BG_E_TOO_MANY_FILES = named("BG_E_TOO_MANY_FILES", 0x8020001C);
    /** The local file changed during the transfer. */
    public static final HResult BG_E_LOCAL_FILE_CHANGED = named("BG_E_LOCAL_FILE_CHANGED", 0x8020001D);
    /** The item is too large. */
    public static final HResult BG_E_TOO_LARGE = named("BG_E_TOO_LARGE", 0x80200020);
    /** A string argument is too long. */
    public static final HResult BG_E_STRING_TOO_LONG = named("BG_E_STRING_TOO_LONG", 0x80200021);
    /** {@code SetCredentials}: the user name is longer than 300 characters. */
    public static final HResult BG_E_USERNAME_TOO_LARGE = named("BG_E_USERNAME_TOO_LARGE", 0x80200025);
    /** {@code SetCredentials}: the password is longer than 65,536 characters. */
    public static final HResult BG_E_PASSWORD_TOO_LARGE = named("BG_E_PASSWORD_TOO_LARGE", 0x80200026);
    /** {@code SetCredentials}/{@code RemoveCredentials}: not a {@code BG_AUTH_TARGET} value. */
    public static final HResult BG_E_INVALID_AUTH_TARGET = named("BG_E_INVALID_AUTH_TARGET", 0x80200027);
    /** {@code SetCredentials}/{@code RemoveCredentials}: not a {@code BG_AUTH_SCHEME} value. */
    public static final HResult BG_E_INVALID_AUTH_SCHEME = named("BG_E_INVALID_AUTH_SCHEME", 0x80200028);
    /** Invalid byte range. */
    public static final HResult BG_E_INVALID_RANGE = named("BG_E_INVALID_RANGE", 0x8020002B);
    /** Overlapping byte ranges. */
    public static final HResult BG_E_OVERLAPPING_RANGES = named("BG_E_OVERLAPPING_RANGES", 0x8020002C);
    /** Blocked by policy. */
    public static final HResult BG_E_BLOCKED_BY_POLICY = named("BG_E_BLOCKED_BY_POLICY", 0x8020003E);
    /** Invalid proxy information. */
    public static final HResult BG_E_INVALID_PROXY_INFO = named("BG_E_INVALID_PROXY_INFO", 0x8020003F);
    /** Invalid credentials. */
    public static final HResult BG_E_INVALID_CREDENTIALS = named("BG_E_INVALID_CREDENTIALS", 0x80200040);
    /** The per-user job limit was exceeded. */
    public static final HResult BG_E_TOO_MANY_JOBS_PER_USER = named("BG_E_TOO_MANY_JOBS_PER_USER", 0x80200049);
    /** The per-machine job limit was exceeded. */
    public static final HResult BG_E_TOO_MANY_JOBS_PER_MACHINE = named("BG_E_TOO_MANY_JOBS_PER_MACHINE", 0x80200050);
    /** The per-job file limit was exceeded. */
    public static final HResult BG_E_TOO_MANY_FILES_IN_JOB = named("BG_E_TOO_MANY_FILES_IN_JOB", 0x80200051);
    /** The per-file range limit was exceeded. */
    public static final HResult BG_E_TOO_MANY_RANGES_IN_FILE = named("BG_E_TOO_MANY_RANGES_IN_FILE", 0x80200052);
    /** The peer-cache record of a file was deleted ({@code IBackgroundCopyFile3::SetValidationState}). */
    public static final HResult BG_E_RECORD_DELETED = named("BG_E_RECORD_DELETED", 0x80200042);
    /** Content validation failed. */
    public static final HResult BG_E_VALIDATION_FAILED = named("BG_E_VALIDATION_FAILED", 0x80200053);
    /** The maximum download time was exceeded. */
    public static final HResult BG_E_MAXDOWNLOAD_TIMEOUT = named("BG_E_MAXDOWNLOAD_TIMEOUT", 0x80200054);
    /** Success, but a policy overrode the setting. */
    public static final HResult BG_S_OVERRIDDEN_BY_POLICY = named("BG_S_OVERRIDDEN_BY_POLICY", 0x00200055);

    // ---- BITS 5.0-10.3 codes (docs/contract.md §7.2; values from the Windows 10 SDK's bitsmsg.h) ----
    /** SetProperty or GetProperty with a property id the service does not know. */
    public static final HResult BG_E_UNKNOWN_PROPERTY_ID = named("BG_E_UNKNOWN_PROPERTY_ID", 0x80200057);
    /** SetProperty on a read-only property. */
    public static final HResult BG_E_READ_ONLY_PROPERTY = named("BG_E_READ_ONLY_PROPERTY", 0x80200058);
    /** The job's cost flags keep it from transferring on the current network. */
    public static final HResult BG_E_BLOCKED_BY_COST_TRANSFER_POLICY =
            named("BG_E_BLOCKED_BY_COST_TRANSFER_POLICY", 0x80200059);
    /** The property cannot change once the job has a file. */
    public static final HResult BG_E_READ_ONLY_PROPERTY_AFTER_ADDFILE =
            named("BG_E_READ_ONLY_PROPERTY_AFTER_ADDFILE", 0x80200061);
    /** The property cannot change once the job was resumed. */
    public static final HResult BG_E_READ_ONLY_PROPERTY_AFTER_RESUME =
            named("BG_E_READ_ONLY_PROPERTY_AFTER_RESUME", 0x80200062);
    /** A maximum download size of 0. */
    public static final HResult BG_E_MAX_DOWNLOAD_SIZE_INVALID_VALUE =
            named("BG_E_MAX_DOWNLOAD_SIZE_INVALID_VALUE", 0x80200063);
    /** The job reached its maximum download size. */
    public static final HResult BG_E_MAX_DOWNLOAD_SIZE_LIMIT_REACHED =
            named("BG_E_MAX_DOWNLOAD_SIZE_LIMIT_REACHED", 0x80200064);
    /** USE_STORED_CREDENTIALS with a target other than the proxy. */
    public static final HResult BG_E_USE_STORED_CREDENTIALS_NOT_SUPPORTED =
            named("BG_E_USE_STORED_CREDENTIALS_NOT_SUPPORTED", 0x80200066);
    /** An IBackgroundCopyFile6 method on a transfer that cannot serve ranges on demand. */
    public static final HResult BG_E_RANDOM_ACCESS_NOT_SUPPORTED = named("BG_E_RANDOM_ACCESS_NOT_SUPPORTED", 0x8020006D);
    /** An action a job with a custom HTTP method does not allow. */
    public static final HResult BG_E_NOT_SUPPORTED_WITH_CUSTOM_HTTP_METHOD =
            named("BG_E_NOT_SUPPORTED_WITH_CUSTOM_HTTP_METHOD", 0x80200071);
    /** The job's configuration does not allow the action. */
    public static final HResult BG_E_UNSUPPORTED_JOB_CONFIGURATION =
            named("BG_E_UNSUPPORTED_JOB_CONFIGURATION", 0x80200072);
    /** The job needs a server-certificate validation callback that is not there. */
    public static final HResult BG_E_SERVER_CERT_VALIDATION_INTERFACE_REQUIRED =
            named("BG_E_SERVER_CERT_VALIDATION_INTERFACE_REQUIRED", 0x80200074);
    /** The method needs a job that is not active (SUSPENDED, ERROR or TRANSFERRED). */
    public static final HResult BG_E_READ_ONLY_WHEN_JOB_ACTIVE = named("BG_E_READ_ONLY_WHEN_JOB_ACTIVE", 0x80200075);
    /** The server-certificate validation callback declined or failed. */
    public static final HResult BG_E_ERROR_CONTEXT_SERVER_CERTIFICATE_CALLBACK =
            named("BG_E_ERROR_CONTEXT_SERVER_CERTIFICATE_CALLBACK", 0x80200076);

    // ---- HTTP status codes (docs/contract.md §7.2 BG_E_HTTP_ERROR_<n>; DO uses the same values, §5.5) ----
    /** HTTP 400 Bad Request. */
    public static final HResult BG_E_HTTP_ERROR_400 = http(400);
    /** HTTP 401 Unauthorized. */
    public static final HResult BG_E_HTTP_ERROR_401 = http(401);
    /** HTTP 403 Forbidden. */
    public static final HResult BG_E_HTTP_ERROR_403 = http(403);
    /** HTTP 404 Not Found. */
    public static final HResult BG_E_HTTP_ERROR_404 = http(404);
    /** HTTP 407 Proxy Authentication Required. */
    public static final HResult BG_E_HTTP_ERROR_407 = http(407);
    /** HTTP 408 Request Timeout. */
    public static final HResult BG_E_HTTP_ERROR_408 = http(408);
    /** HTTP 410 Gone. */
    public static final HResult BG_E_HTTP_ERROR_410 = http(410);
    /** HTTP 414 URI Too Long. */
    public static final HResult BG_E_HTTP_ERROR_414 = http(414);
    /** HTTP 416 Range Not Satisfiable. */
    public static final HResult BG_E_HTTP_ERROR_416 = http(416);
    /** HTTP 429 Too Many Requests. */
    public static final HResult BG_E_HTTP_ERROR_429 = http(429);
    /** HTTP 500 Internal Server Error. */
    public static final HResult BG_E_HTTP_ERROR_500 = http(500);
    /** HTTP 501 Not Implemented. */
    public static final HResult BG_E_HTTP_ERROR_501 = http(501);
    /** HTTP 502 Bad Gateway. */
    public static final HResult BG_E_HTTP_ERROR_502 = http(502);
    /** HTTP 503 Service Unavailable. */
    public static final HResult BG_E_HTTP_ERROR_503 = http(503);
    /** HTTP 504 Gateway Timeout. */
    public static final HResult BG_E_HTTP_ERROR_504 = http(504);
    /** HTTP 505 HTTP Version Not Supported. */
    public static final HResult BG_E_HTTP_ERROR_505 = http(505);

    /** Interns {@code value} under {@code name}; the first name registered for a value wins. */
    private static HResult named(String name, int value) {
        HResult hr = new HResult(value);
        NAMED.putIfAbsent(value, hr);
        NAMES.putIfAbsent(value, name);
        return NAMED.get(value);
    }

    private static HResult http(int status) {
        return named("BG_E_HTTP_ERROR_" + status, httpValue(status));
    }

    private static int httpValue(int status) {
        return 0x80000000 | (FACILITY_HTTP << 16) | status;
    }

    /**
     * The {@code HResult} for {@code value}: the named constant when the contract names the value,
     * otherwise a new instance (equal to any other instance of the same value).
     */
    public static HResult of(int value) {
        HResult named = NAMED.get(value);
        return named != null ? named : new HResult(value);
    }

    /**
     * {@code HRESULT_FROM_WIN32(error)}: {@code error} itself when it is zero or already negative,
     * otherwise {@code 0x80070000 | (error & 0xFFFF)}.
     */
    public static HResult fromWin32(int error) {
        return of(error <= 0 ? error : 0x80000000 | (FACILITY_WIN32 << 16) | (error & 0xFFFF));
    }

    /**
     * The HTTP-derived failure for a status code, {@code 0x80190000 + status}, as BITS names it
     * {@code BG_E_HTTP_ERROR_<status>} and as the DO dialect reports it (docs/contract.md §5.5).
     *
     * @throws IllegalArgumentException when {@code status} is not in 100..599
     */
    public static HResult fromHttpStatus(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status out of range 100..599: " + status);
        }
        return of(httpValue(status));
    }

    /** Every named constant, in declaration order (one per distinct value). */
    public static Map<Integer, HResult> namedConstants() {
        return Collections.unmodifiableMap(NAMED);
    }

    /** {@code SUCCEEDED(hr)}: the value is zero or positive ({@code S_FALSE}, {@code BG_S_*} included). */
    public boolean isSuccess() {
        return value >= 0;
    }

    /** {@code FAILED(hr)}: the severity bit is set. */
    public boolean isFailure() {
        return value < 0;
    }

    /** {@code HRESULT_FACILITY(hr)}: bits 16..28. */
    public int facility() {
        return (value >>> 16) & 0x1FFF;
    }

    /** {@code HRESULT_CODE(hr)}: the low 16 bits. */
    public int code() {
        return value & 0xFFFF;
    }

    /**
     * The HTTP status this failure stands for, when it lies in the HTTP facility (100..599).
     */
    public Optional<Integer> httpStatus() {
        if (isFailure() && facility() == FACILITY_HTTP && code() >= 100 && code() <= 599) {
            return Optional.of(code());
        }
        return Optional.empty();
    }

    /**
     * {@code IS_DO_TRANSIENT_ERROR(hr)} from the DO SDK header: a failure in the DO facility whose
     * code lies in the 0x3800 block ({@code DO_E_BLOCKED_BY_*}).
     */
    public boolean isDeliveryOptimizationTransient() {
        return isFailure() && facility() == FACILITY_DELIVERY_OPTIMIZATION && (code() & 0xF800) == 0x3800;
    }

    /** The contract's name for this value, if it has one ({@code BG_E_HTTP_ERROR_<n>} for any HTTP status). */
    public Optional<String> name() {
        String name = NAMES.get(value);
        if (name == null && httpStatus().isPresent()) {
            name = "BG_E_HTTP_ERROR_" + code();
        }
        return Optional.ofNullable(name);
    }

    /** The value as {@code 0x} and eight upper-case hex digits, e.g. {@code 0x80200002}. */
    public String hex() {
        return String.format("0x%08X", value);
    }

    /** {@code NAME (0xXXXXXXXX)}, or just the hex form when the value has no name. */
    @Override
    public String toString() {
        return name().map(n -> n + " (" + hex() + ")").orElseGet(this::hex);
    }
}
