package dev.bgcopy.simulator;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgAuthTarget;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BitsJobPropertyId;
import dev.bgcopy.api.BitsJobPropertyValue;
import dev.bgcopy.api.BitsJobTransferPolicy;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions2;
import dev.bgcopy.api.SemanticError;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The BITS 5.0-10.3 settings of a job as one immutable value on {@link JobData} (docs/contract.md §4.17, §4.21,
 * §4.22): the {@code IBackgroundCopyJob5} properties, the HTTP method, whether the custom headers are write-only,
 * and whether the job was ever resumed (several properties are fixed from then on). The validation callback is a
 * registration of the running process and is never stored, like {@code SetNotifyInterface}'s; the store keeps
 * only that the job has one, which it then needs again ({@link ServerCertificateValidation.Registration#DROPPED}).
 *
 * @param costFlags the {@code BITS_COST_STATE_*} mask the job may transfer on
 * @param notificationClsid the notification class, or null ({@code GUID_NULL})
 * @param dynamicContent no Range requests: an interrupted file restarts from zero
 * @param highPerformance stored; the simulator keeps its reliability (§4.17)
 * @param maxDownloadSize the most bytes the job may download, 0 for no limit
 * @param storedCredentialsTarget the target of USE_STORED_CREDENTIALS, or null
 * @param minimumNotificationIntervalMs the shortest gap between progress callbacks, or null for the engine's
 * @param onDemand whether the job transfers only requested ranges
 * @param httpMethod the method set by SetHttpMethod, or null for GET
 * @param headersWriteOnly whether GetCustomHeaders is refused
 * @param resumed whether Resume was ever called
 * @param certificateValidation the job's validation callback registration, or null; a stored job keeps only
 *     that it had one
 */
record JobProperties(int costFlags, UUID notificationClsid, boolean dynamicContent, boolean highPerformance,
                     long maxDownloadSize, BgAuthTarget storedCredentialsTarget, Integer minimumNotificationIntervalMs,
                     boolean onDemand, String httpMethod, boolean headersWriteOnly, boolean resumed,
                     ServerCertificateValidation.Registration certificateValidation) {

    /**
     * A new job's properties. The cost flags start at {@code BITS_JOB_TRANSFER_POLICY_ALWAYS}: no page states the
     * default, and this one keeps a job that never sets them transferring as before (SIM).
     */
    static final JobProperties NONE = new JobProperties(BitsJobTransferPolicy.ALWAYS.nativeValue(), null, false, false, 0,
            null, null, false, null, false, false, null);

    /** The default of MINIMUM_NOTIFICATION_INTERVAL_MS (the BITS_JOB_PROPERTY_ID page). */
    static final int DEFAULT_NOTIFICATION_INTERVAL_MS = 500;

    /** An HTTP method is an RFC 9110 token. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** The value that is stored: without the process's callback, which a restarted job needs registered again. */
    JobProperties stored() {
        return certificateValidation == null || certificateValidation == ServerCertificateValidation.Registration.DROPPED ? this
                : withCertificateValidation(ServerCertificateValidation.Registration.DROPPED);
    }

    /** Whether the job uses a method other than GET: FOREGROUND for good, no resumable errors, restarts from zero. */
    boolean customMethod() {
        return httpMethod != null;
    }

    /** Whether a file of the job is always downloaded whole from byte 0 (dynamic content or a custom method). */
    boolean restartsFromZero() {
        return dynamicContent || customMethod();
    }

    /** The job's own notification interval, when it set one. */
    Duration notificationInterval() {
        return minimumNotificationIntervalMs == null ? null
                : Duration.ofMillis(Integer.toUnsignedLong(minimumNotificationIntervalMs));
    }

    // ---- IBackgroundCopyJob5::GetProperty ----

    /** The value of a property; the caller checked that the dialect supports it. */
    BitsJobPropertyValue get(BitsJobPropertyId id) {
        return switch (id.nativeValue()) {
            case 1 -> new BitsJobPropertyValue.Dword(costFlags);
            case 2 -> notificationClsid == null ? BitsJobPropertyValue.ClsId.NONE : new BitsJobPropertyValue.ClsId(notificationClsid);
            case 3 -> new BitsJobPropertyValue.Enable(dynamicContent);
            case 4 -> new BitsJobPropertyValue.Enable(highPerformance);
            case 5 -> new BitsJobPropertyValue.Uint64(maxDownloadSize);
            case 7 -> new BitsJobPropertyValue.Target(storedCredentialsTarget);
            case 9 -> new BitsJobPropertyValue.Dword(minimumNotificationIntervalMs == null
                    ? DEFAULT_NOTIFICATION_INTERVAL_MS : minimumNotificationIntervalMs);
            case 10 -> new BitsJobPropertyValue.Enable(onDemand);
            default -> throw new IllegalArgumentException(id.toString());
        };
    }

    // ---- IBackgroundCopyJob5::SetProperty ----

    /**
     * The properties after setting {@code id} to {@code value} in job {@code job}, or the documented refusal.
     * Order: the id (unknown, then unsupported by the dialect), the value's member and range, the job's state,
     * then what the job's configuration forbids (R210-R215).
     */
    static JobProperties set(String method, DialectRules rules, JobData job, BitsJobPropertyId id, BitsJobPropertyValue value) {
        requireSupported(method, rules, id);
        if (value == null || id.kind().orElseThrow() != value.kind()) {
            throw Arguments.invalid(method, id + " takes the " + id.kind().orElseThrow() + " member");
        }
        if (job.state.isTerminal()) {
            throw new BackgroundCopyException(method, rules.code(SemanticError.INVALID_STATE), "the job is " + job.state);
        }
        JobProperties p = job.properties;
        return switch (id.nativeValue()) {
            case 1 -> {
                int flags = ((BitsJobPropertyValue.Dword) value).value();
                if ((flags & ~BitsJobTransferPolicy.VALID_MASK) != 0 || (flags & 0xFF) == 0) {
                    throw Arguments.invalid(method, "cost flags 0x" + Integer.toHexString(flags)
                            + " name no cost state or a bit bits5_0.h does not define");
                }
                yield p.withCostFlags(flags);
            }
            case 2 -> {
                UUID clsid = ((BitsJobPropertyValue.ClsId) value).clsid();
                yield p.withNotificationClsid(clsid.equals(BitsJobPropertyValue.ClsId.NONE.clsid()) ? null : clsid);
            }
            case 3 -> {
                boolean on = ((BitsJobPropertyValue.Enable) value).enabled();
                requireNotResumed(method, p);
                if (on && (p.onDemand || job.files().stream().anyMatch(f -> !f.ranges.isEmpty()))) {
                    throw new BackgroundCopyException(method, HResult.BG_E_UNSUPPORTED_JOB_CONFIGURATION,
                            "dynamic content excludes on-demand mode and files with ranges");
                }
                if (on && p.customMethod()) {
                    throw new BackgroundCopyException(method, HResult.BG_E_NOT_SUPPORTED_WITH_CUSTOM_HTTP_METHOD,
                            "the job uses the HTTP method " + p.httpMethod);
                }
                yield p.withDynamicContent(on);
            }
            case 4 -> {
                if (!job.files().isEmpty()) {
                    throw new BackgroundCopyException(method, HResult.BG_E_READ_ONLY_PROPERTY_AFTER_ADDFILE,
                            "HIGH_PERFORMANCE is fixed once the job has a file");
                }
                yield p.withHighPerformance(((BitsJobPropertyValue.Enable) value).enabled());
            }
            case 5 -> {
                long max = ((BitsJobPropertyValue.Uint64) value).value();
                if (max == 0) {
                    throw new BackgroundCopyException(method, HResult.BG_E_MAX_DOWNLOAD_SIZE_INVALID_VALUE,
                            "the maximum download size must be between 1 and UINT64_MAX");
                }
                requireNotResumed(method, p);
                yield p.withMaxDownloadSize(max);
            }
            case 7 -> {
                BgAuthTarget target = ((BitsJobPropertyValue.Target) value).target();
                if (target != BgAuthTarget.PROXY) {
                    throw new BackgroundCopyException(method, HResult.BG_E_USE_STORED_CREDENTIALS_NOT_SUPPORTED,
                            "only BG_AUTH_TARGET_PROXY takes stored credentials");
                }
                yield p.withStoredCredentialsTarget(target);
            }
            case 9 -> p.withMinimumNotificationIntervalMs(((BitsJobPropertyValue.Dword) value).value());
            case 10 -> {
                boolean on = ((BitsJobPropertyValue.Enable) value).enabled();
                requireNotResumed(method, p);
                if (on && p.dynamicContent) {
                    throw new BackgroundCopyException(method, HResult.BG_E_UNSUPPORTED_JOB_CONFIGURATION,
                            "an on-demand job cannot have dynamic content");
                }
                if (on && p.customMethod()) {
                    throw new BackgroundCopyException(method, HResult.BG_E_NOT_SUPPORTED_WITH_CUSTOM_HTTP_METHOD,
                            "the job uses the HTTP method " + p.httpMethod);
                }
                yield p.withOnDemand(on);
            }
            default -> throw new IllegalStateException(id.toString());
        };
    }

    /**
     * The id check both methods start with: an id bits5_0.h does not define is {@code UNKNOWN_PROPERTY_ID}; in the
     * DO dialect the ids its page marks "Not supported" are {@code E_NOTIMPL} (R211).
     */
    static void requireSupported(String method, DialectRules rules, BitsJobPropertyId id) {
        if (id == null || !id.isKnown()) {
            throw new BackgroundCopyException(method, rules.code(SemanticError.UNKNOWN_PROPERTY_ID),
                    "unknown BITS_JOB_PROPERTY_ID " + id);
        }
        if (!rules.supportsJobProperty(id)) {
            throw new BackgroundCopyException(method, HResult.E_NOTIMPL,
                    id + " is not supported by Delivery Optimization (DO:bits-job-property-id)");
        }
    }

    private static void requireNotResumed(String method, JobProperties p) {
        if (p.resumed) {
            throw new BackgroundCopyException(method, HResult.BG_E_READ_ONLY_PROPERTY_AFTER_RESUME,
                    "the property is fixed once the job was resumed");
        }
    }

    // ---- IBackgroundCopyJobHttpOptions2::SetHttpMethod ----

    /** SetHttpMethod's checks (R225-R227); GET (in any case) is the download default and leaves the job as it is. */
    static JobProperties withMethod(String method, JobData job, String httpMethod) {
        if (httpMethod == null || !TOKEN.matcher(httpMethod).matches()) {
            throw Arguments.invalid(method, "the HTTP method is null, empty or not a token");
        }
        if (job.state.isTerminal()) {
            throw new BackgroundCopyException(method, HResult.BG_E_INVALID_STATE, "the job is " + job.state);
        }
        JobProperties p = job.properties;
        requireNotResumed(method, p);
        if (httpMethod.equalsIgnoreCase(IBackgroundCopyJobHttpOptions2.DEFAULT_DOWNLOAD_METHOD)) {
            return p;
        }
        if (p.dynamicContent || p.onDemand) {
            throw new BackgroundCopyException(method, HResult.BG_E_UNSUPPORTED_JOB_CONFIGURATION,
                    "a custom HTTP method excludes dynamic content and on-demand mode");
        }
        return p.withHttpMethod(httpMethod);
    }

    /** SetServerCertificateValidationInterface: only while the job is paused (SUSPENDED, ERROR, TRANSFERRED; R228). */
    static void requirePaused(String method, JobData job) {
        if (job.state.isTerminal()) {
            throw new BackgroundCopyException(method, HResult.BG_E_INVALID_STATE, "the job is " + job.state);
        }
        if (job.state != BgJobState.SUSPENDED && job.state != BgJobState.ERROR && job.state != BgJobState.TRANSFERRED) {
            throw new BackgroundCopyException(method, HResult.BG_E_READ_ONLY_WHEN_JOB_ACTIVE,
                    "the job is " + job.state + ", not SUSPENDED, ERROR or TRANSFERRED");
        }
    }

    // ---- with-ers ----

    JobProperties withCostFlags(int v) {
        return new JobProperties(v, notificationClsid, dynamicContent, highPerformance, maxDownloadSize,
                storedCredentialsTarget, minimumNotificationIntervalMs, onDemand, httpMethod, headersWriteOnly, resumed,
                certificateValidation);
    }

    JobProperties withNotificationClsid(UUID v) {
        return new JobProperties(costFlags, v, dynamicContent, highPerformance, maxDownloadSize, storedCredentialsTarget,
                minimumNotificationIntervalMs, onDemand, httpMethod, headersWriteOnly, resumed, certificateValidation);
    }

    JobProperties withDynamicContent(boolean v) {
        return new JobProperties(costFlags, notificationClsid, v, highPerformance, maxDownloadSize, storedCredentialsTarget,
                minimumNotificationIntervalMs, onDemand, httpMethod, headersWriteOnly, resumed, certificateValidation);
    }

    JobProperties withHighPerformance(boolean v) {
        return new JobProperties(costFlags, notificationClsid, dynamicContent, v, maxDownloadSize, storedCredentialsTarget,
                minimumNotificationIntervalMs, onDemand, httpMethod, headersWriteOnly, resumed, certificateValidation);
    }

    JobProperties withMaxDownloadSize(long v) {
        return new JobProperties(costFlags, notificationClsid, dynamicContent, highPerformance, v, storedCredentialsTarget,
                minimumNotificationIntervalMs, onDemand, httpMethod, headersWriteOnly, resumed, certificateValidation);
    }

    JobProperties withStoredCredentialsTarget(BgAuthTarget v) {
        return new JobProperties(costFlags, notificationClsid, dynamicContent, highPerformance, maxDownloadSize, v,
                minimumNotificationIntervalMs, onDemand, httpMethod, headersWriteOnly, resumed, certificateValidation);
    }

    JobProperties withMinimumNotificationIntervalMs(Integer v) {
        return new JobProperties(costFlags, notificationClsid, dynamicContent, highPerformance, maxDownloadSize,
                storedCredentialsTarget, v, onDemand, httpMethod, headersWriteOnly, resumed, certificateValidation);
    }

    JobProperties withOnDemand(boolean v) {
        return new JobProperties(costFlags, notificationClsid, dynamicContent, highPerformance, maxDownloadSize,
                storedCredentialsTarget, minimumNotificationIntervalMs, v, httpMethod, headersWriteOnly, resumed,
                certificateValidation);
    }

    JobProperties withHttpMethod(String v) {
        return new JobProperties(costFlags, notificationClsid, dynamicContent, highPerformance, maxDownloadSize,
                storedCredentialsTarget, minimumNotificationIntervalMs, onDemand, v, headersWriteOnly, resumed,
                certificateValidation);
    }

    JobProperties withHeadersWriteOnly() {
        return new JobProperties(costFlags, notificationClsid, dynamicContent, highPerformance, maxDownloadSize,
                storedCredentialsTarget, minimumNotificationIntervalMs, onDemand, httpMethod, true, resumed,
                certificateValidation);
    }

    JobProperties withResumed() {
        return resumed ? this : new JobProperties(costFlags, notificationClsid, dynamicContent, highPerformance,
                maxDownloadSize, storedCredentialsTarget, minimumNotificationIntervalMs, onDemand, httpMethod,
                headersWriteOnly, true, certificateValidation);
    }

    JobProperties withCertificateValidation(ServerCertificateValidation.Registration v) {
        return new JobProperties(costFlags, notificationClsid, dynamicContent, highPerformance, maxDownloadSize,
                storedCredentialsTarget, minimumNotificationIntervalMs, onDemand, httpMethod, headersWriteOnly, resumed, v);
    }
}
