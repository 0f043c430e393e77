package dev.bgcopy.simulator;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgAuthCredentials;
import dev.bgcopy.api.BgAuthScheme;
import dev.bgcopy.api.BgAuthTarget;
import dev.bgcopy.api.BgCertStoreLocation;
import dev.bgcopy.api.BgClientCertificate;
import dev.bgcopy.api.BgFileInfo;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgJobReplyProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.BgNotifyCmdLine;
import dev.bgcopy.api.BgProxySettings;
import dev.bgcopy.api.BgSecurityFlags;
import dev.bgcopy.api.BitsJobPropertyId;
import dev.bgcopy.api.BitsJobPropertyValue;
import dev.bgcopy.api.DoFilePropertyId;
import dev.bgcopy.api.DoJobPropertyId;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJob5;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions3;
import dev.bgcopy.api.IBackgroundCopyServerCertificateValidationCallback;
import dev.bgcopy.api.IDeliveryOptimizationFile;
import dev.bgcopy.api.IDeliveryOptimizationJob2;
import dev.bgcopy.api.IEnumBackgroundCopyFiles;
import dev.bgcopy.api.IUnknown;
import dev.bgcopy.api.SemanticError;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One simulated job as a COM object: {@code IBackgroundCopyJob}, DO's {@code IDeliveryOptimizationJob}
 * (as {@link #addFileWithRanges}) and {@code IDeliveryOptimizationJob2}, BITS' {@code IBackgroundCopyJob2} and
 * {@code IBackgroundCopyJobHttpOptions}, {@code IBackgroundCopyJob3} and {@code IBackgroundCopyJob4} (whichever the dialect
 * has: {@link DialectRules#exposes}). Each method is the method's
 * name, its dialect rule ({@link DialectRules}), its argument checks ({@link Arguments}) and one call
 * into the job's {@link JobState}, which owns the state machine of docs/contract.md §5. Getters read the
 * state's last committed value without a lock.
 */
final class SimulatedJob implements IBackgroundCopyJob5, IBackgroundCopyJobHttpOptions3, IDeliveryOptimizationJob2 {

    private static final String JOB = "IBackgroundCopyJob::";
    private static final String JOB2 = "IBackgroundCopyJob2::";
    private static final String HTTP = "IBackgroundCopyJobHttpOptions::";
    private static final String JOB3 = "IBackgroundCopyJob3::";
    private static final String JOB4 = "IBackgroundCopyJob4::";
    private static final String JOB5 = "IBackgroundCopyJob5::";
    private static final String HTTP2 = "IBackgroundCopyJobHttpOptions2::";
    private static final String HTTP3 = "IBackgroundCopyJobHttpOptions3::";
    private static final String FILE6 = "IBackgroundCopyFile6::";
    private static final String DO_JOB = "IDeliveryOptimizationJob::";
    private static final String DO_JOB2 = "IDeliveryOptimizationJob2::";

    private final JobContext context;
    private final DialectRules rules;
    private final JobState state;

    /** A new job of {@code owner}. */
    SimulatedJob(JobContext context, UUID id, String displayName, CallerIdentity owner, long creationSequence) {
        this.context = context;
        this.rules = context.rules();
        this.state = new JobState(context, this, this::newFile, id, displayName, owner, creationSequence);
    }

    /** A job read back from the store. */
    SimulatedJob(JobContext context, JobStore.StoredJob stored, long creationSequence) {
        this.context = context;
        this.rules = context.rules();
        this.state = new JobState(context, this, this::newFile, stored, creationSequence);
    }

    private SimulatedFile newFile(int index) {
        return new SimulatedFile(this, index);
    }

    JobState state() {
        return state;
    }

    DialectRules rules() {
        return rules;
    }

    CallerIdentity owner() {
        return state.data().owner;
    }

    /** A client operation: open manager, serialised with this job's other calls, owner checked first. */
    private <T> T call(String method, boolean ownerOnly, Supplier<T> operation) {
        context.checkOpen(method);
        try {
            return state.serialized(method, ownerOnly, operation);
        } finally {
            context.wake();
        }
    }

    private void call(String method, Runnable operation) {
        call(method, true, () -> {
            operation.run();
            return null;
        });
    }

    private void requireUsableDestination(String method, Path path) {
        Arguments.usableDestination(method, context.localFiles(), path, context.config().store());
    }

    // ---- IUnknown ----

    @Override
    public <T extends IUnknown> Optional<T> queryInterface(Class<T> iface) {
        return rules.exposes(iface) ? IBackgroundCopyJob5.super.queryInterface(iface) : Optional.empty();
    }

    // ---- adding files ----

    @Override
    public void addFileSet(List<BgFileInfo> fileSet) {
        String method = JOB + "AddFileSet";
        rules.requireBitsMethod(method);
        call(method, () -> {
            if (fileSet == null || fileSet.isEmpty()) {
                throw Arguments.invalid(method, "the file set is null or empty");
            }
            List<JobState.NewFile> files = new ArrayList<>();
            for (BgFileInfo info : fileSet) {
                if (info == null) {
                    throw Arguments.invalid(method, "the file set contains null");
                }
                URI uri = Arguments.remoteUrl(method, info.remoteName(), rules.acceptsLocalPathRemoteNames());
                Path path = Arguments.localPath(method, info.localName());
                files.add(new JobState.NewFile(null, uri, info.remoteName(), info.localName(), path, List.of(),
                        BgJobProgress.BG_SIZE_UNKNOWN));
            }
            state.requireLive(method);
            files.forEach(f -> requireUsableDestination(method, f.path()));
            state.addFiles(method, files);
        });
    }

    @Override
    public void addFile(String remoteUrl, String localName) {
        String method = JOB + "AddFile";
        rules.requireBitsMethod(method);
        call(method, () -> {
            URI uri = Arguments.remoteUrl(method, remoteUrl, rules.acceptsLocalPathRemoteNames());
            Path path = Arguments.localPath(method, localName);
            state.requireLive(method);
            requireUsableDestination(method, path);
            state.addFiles(method, List.of(new JobState.NewFile(null, uri, remoteUrl, localName, path, List.of(),
                    BgJobProgress.BG_SIZE_UNKNOWN)));
        });
    }

    @Override
    public void addFileWithRanges(String fileId, String remoteUrl, String localName, List<BgFileRange> ranges,
                                  long fileSize) {
        String method = DO_JOB + "AddFileWithRanges";
        rules.requireDoInterface(method);
        call(method, () -> {
            URI uri = Arguments.doFile(method, fileId, remoteUrl, ranges, context.config().maxRangesPerFile());
            state.requireUnusedFileId(method, fileId);
            Path path = Arguments.localPath(method, localName);
            state.requireLive(method);
            requireUsableDestination(method, path);
            List<BgFileRange> sorted = Arguments.ranges(method, rules, ranges, fileSize);
            state.addFiles(method, List.of(new JobState.NewFile(fileId, uri, remoteUrl, localName, path, sorted, fileSize)));
        });
    }

    @Override
    public IDeliveryOptimizationFile addFile(String fileId, String remoteUrl, List<BgFileRange> ranges) {
        String method = DO_JOB2 + "AddFile";
        rules.requireDoInterface(method);
        return call(method, true, () -> {
            URI uri = Arguments.doFile(method, fileId, remoteUrl, ranges, context.config().maxRangesPerFile());
            state.requireUnusedFileId(method, fileId);
            state.requireLive(method);
            List<BgFileRange> sorted = Arguments.ranges(method, rules, ranges, BgJobProgress.BG_SIZE_UNKNOWN);
            int index = state.addFiles(method, List.of(new JobState.NewFile(fileId, uri, remoteUrl, null, null, sorted,
                    BgJobProgress.BG_SIZE_UNKNOWN)));
            return (SimulatedFile) state.fileHandle(index);
        });
    }

    @Override
    public IEnumBackgroundCopyFiles enumFiles() {
        return new FileEnumerator(state.fileHandles(), 0, rules);
    }

    // ---- Resume / Suspend / Cancel / Complete ----

    @Override
    public void suspend() {
        String method = JOB + "Suspend";
        call(method, () -> state.suspend(method));
    }

    @Override
    public void resume() {
        String method = JOB + "Resume";
        call(method, () -> state.resume(method));
    }

    @Override
    public void cancel() {
        String method = JOB + "Cancel";
        call(method, () -> state.cancel(method));
    }

    @Override
    public HResult complete() {
        String method = JOB + "Complete";
        return call(method, true, () -> state.complete(method));
    }

    // ---- getters ----

    @Override
    public UUID getId() {
        return state.id;
    }

    @Override
    public BgJobType getType() {
        return BgJobType.DOWNLOAD;
    }

    @Override
    public BgJobProgress getProgress() {
        return state.snapshot().progress();
    }

    @Override
    public BgJobTimes getTimes() {
        return state.snapshot().times();
    }

    @Override
    public BgJobState getState() {
        return state.snapshot().state();
    }

    @Override
    public IBackgroundCopyError getError() {
        SimulatedError current = state.data().error;
        if (current == null) {
            throw new BackgroundCopyException(JOB + "GetError", rules.code(SemanticError.NO_ERROR_INFO),
                    "the job has no error record");
        }
        return current;
    }

    @Override
    public String getOwner() {
        rules.requireBitsMethod(JOB + "GetOwner");
        return state.data().owner.user();
    }

    @Override
    public String getDisplayName() {
        return state.data().displayName;
    }

    @Override
    public String getDescription() {
        rules.requireBitsMethod(JOB + "GetDescription");
        return state.data().description;
    }

    @Override
    public BgJobPriority getPriority() {
        return state.data().priority;
    }

    @Override
    public int getNotifyFlags() {
        return state.data().notifyFlags;
    }

    @Override
    public Optional<IBackgroundCopyCallback> getNotifyInterface() {
        return Optional.ofNullable(state.data().callback);
    }

    @Override
    public long getMinimumRetryDelay() {
        rules.requireBitsMethod(JOB + "GetMinimumRetryDelay");
        return state.data().minimumRetryDelay;
    }

    @Override
    public long getNoProgressTimeout() {
        return state.data().effectiveNoProgressTimeout(rules);
    }

    @Override
    public long getErrorCount() {
        rules.requireBitsMethod(JOB + "GetErrorCount");
        return state.data().errorCount;
    }

    @Override
    public BgProxySettings getProxySettings() {
        rules.requireBitsMethod(JOB + "GetProxySettings");
        return state.data().httpOptions.proxy();
    }

    // ---- setters ----

    @Override
    public void setDisplayName(String name) {
        String method = JOB + "SetDisplayName";
        rules.requireBitsMethod(method);
        call(method, () -> {
            String checked = Arguments.displayName(method, name);
            state.modify(method, job -> job.displayName = checked);
        });
    }

    @Override
    public void setDescription(String text) {
        String method = JOB + "SetDescription";
        rules.requireBitsMethod(method);
        call(method, () -> {
            String checked = Arguments.description(method, text);
            state.modify(method, job -> job.description = checked);
        });
    }

    @Override
    public void setPriority(BgJobPriority priority) {
        String method = JOB + "SetPriority";
        call(method, () -> {
            BgJobPriority checked = Arguments.notNull(method, priority, "priority");
            if (checked != BgJobPriority.FOREGROUND && state.data().properties.customMethod()) {
                throw new BackgroundCopyException(method, HResult.BG_E_NOT_SUPPORTED_WITH_CUSTOM_HTTP_METHOD,
                        "a job with a custom HTTP method stays FOREGROUND (the SetHttpMethod page)");
            }
            state.modify(method, job -> job.priority = checked);
        });
    }

    @Override
    public void setNotifyFlags(int flags) {
        String method = JOB + "SetNotifyFlags";
        call(method, () -> {
            int checked = Arguments.notifyFlags(method, flags);
            state.modify(method, job -> job.notifyFlags = checked);
        });
    }

    @Override
    public void setNotifyInterface(IBackgroundCopyCallback callback) {
        String method = JOB + "SetNotifyInterface";
        call(method, () -> state.setNotifyInterface(method, callback));
    }

    @Override
    public void setMinimumRetryDelay(long seconds) {
        String method = JOB + "SetMinimumRetryDelay";
        rules.requireBitsMethod(method);
        call(method, () -> {
            long checked = Arguments.ulong(method, seconds);
            state.modify(method, job -> job.minimumRetryDelay = checked);
        });
    }

    @Override
    public void setNoProgressTimeout(long seconds) {
        String method = JOB + "SetNoProgressTimeout";
        call(method, () -> {
            long checked = Arguments.ulong(method, seconds);
            state.modify(method, job -> job.noProgressTimeout = checked);
        });
    }

    @Override
    public void setProxySettings(BgJobProxyUsage usage, String proxyList, String proxyBypassList) {
        String method = JOB + "SetProxySettings";
        rules.requireBitsMethod(method);
        call(method, () -> {
            BgProxySettings checked = Arguments.proxySettings(method, usage, proxyList, proxyBypassList);
            state.modify(method, job -> job.httpOptions = job.httpOptions.withProxy(checked));
        });
    }

    @Override
    public void takeOwnership() {
        String method = JOB + "TakeOwnership";
        rules.requireBitsMethod(method);
        // Taking ownership is exactly what a caller who is not the owner does.
        call(method, false, () -> {
            CallerIdentity caller = context.caller();
            state.modify(method, job -> {
                job.owner = caller;
                job.httpOptions = job.httpOptions.withoutOwnerSecrets();
                // The SetNotifyCmdLine page: the new owner does not run the old owner's program.
                job.notifyCmdLine = BgNotifyCmdLine.NONE;
            });
            return null;
        });
    }

    // ---- IBackgroundCopyJob2 ----

    /** The options the transport reads: one immutable value (docs/contract.md §4.11, §4.12). */
    HttpOptions httpOptions() {
        return state.data().httpOptions;
    }

    @Override
    public void setNotifyCmdLine(String program, String parameters) {
        String method = JOB2 + "SetNotifyCmdLine";
        rules.requireBitsInterface(method);
        call(method, () -> {
            if (program == null && parameters != null) {
                throw Arguments.invalid(method, "parameters without a program");
            }
            if (program != null && program.length() > MAX_PATH
                    || parameters != null && parameters.length() > MAX_NOTIFY_PARAMETERS) {
                throw new BackgroundCopyException(method, HResult.BG_E_STRING_TOO_LONG, "the program is over "
                        + MAX_PATH + " or the parameters over " + MAX_NOTIFY_PARAMETERS + " characters");
            }
            state.setNotifyCmdLine(method, new BgNotifyCmdLine(program, parameters));
        });
    }

    @Override
    public BgNotifyCmdLine getNotifyCmdLine() {
        rules.requireBitsInterface(JOB2 + "GetNotifyCmdLine");
        return state.data().notifyCmdLine;
    }

    @Override
    public BgJobReplyProgress getReplyProgress() {
        throw downloadJobHasNoReply(JOB2 + "GetReplyProgress");
    }

    @Override
    public byte[] getReplyData() {
        throw downloadJobHasNoReply(JOB2 + "GetReplyData");
    }

    @Override
    public void setReplyFileName(String replyFileName) {
        throw downloadJobHasNoReply(JOB2 + "SetReplyFileName");
    }

    @Override
    public String getReplyFileName() {
        throw downloadJobHasNoReply(JOB2 + "GetReplyFileName");
    }

    /** The reply methods on a download job: {@code E_NOTIMPL}, as the GetReply* pages document. */
    private BackgroundCopyException downloadJobHasNoReply(String method) {
        rules.requireBitsInterface(method);
        return new BackgroundCopyException(method, HResult.E_NOTIMPL, "a download job has no reply (upload-reply jobs only)");
    }

    /**
     * A setter of the wire options: BITS only, owner only, {@code change} checks the arguments (and whatever
     * else must hold) and returns how the options change, then one commit applies it.
     */
    private void changeHttpOptions(String method, Supplier<UnaryOperator<HttpOptions>> change) {
        rules.requireBitsInterface(method);
        call(method, () -> {
            UnaryOperator<HttpOptions> checked = change.get();
            state.modify(method, job -> job.httpOptions = checked.apply(job.httpOptions));
        });
    }

    @Override
    public void setCredentials(BgAuthCredentials credentials) {
        String method = JOB2 + "SetCredentials";
        changeHttpOptions(method, () -> {
            BgAuthCredentials checked = HttpOptions.checkedCredentials(method, credentials);
            return options -> options.withCredentials(checked);
        });
    }

    @Override
    public HResult removeCredentials(BgAuthTarget target, BgAuthScheme scheme) {
        String method = JOB2 + "RemoveCredentials";
        rules.requireBitsInterface(method);
        return call(method, true, () -> {
            HttpOptions.CredentialKey key = HttpOptions.checkedKey(method, target, scheme);
            state.requireLive(method);
            if (!state.data().httpOptions.credentials().containsKey(key)) {
                return HResult.S_FALSE;
            }
            state.modify(method, job -> job.httpOptions = job.httpOptions.withoutCredentials(key));
            return HResult.S_OK;
        });
    }

    // ---- IBackgroundCopyJobHttpOptions ----

    @Override
    public void setClientCertificateByID(BgCertStoreLocation storeLocation, String storeName, byte[] certHash) {
        String method = HTTP + "SetClientCertificateByID";
        changeHttpOptions(method, () -> {
            ClientCertificates.checkId(method, storeLocation, storeName, certHash);
            state.requireLive(method);
            HttpOptions.ClientCertificate found = certificates().byId(method, storeLocation, storeName, certHash);
            return options -> options.withClientCertificate(found);
        });
    }

    @Override
    public void setClientCertificateByName(BgCertStoreLocation storeLocation, String storeName, String subjectName) {
        String method = HTTP + "SetClientCertificateByName";
        changeHttpOptions(method, () -> {
            ClientCertificates.checkName(method, storeLocation, storeName, subjectName);
            state.requireLive(method);
            HttpOptions.ClientCertificate found = certificates().byName(method, storeLocation, storeName, subjectName);
            return options -> options.withClientCertificate(found);
        });
    }

    private ClientCertificates certificates() {
        return new ClientCertificates(context.config().certificateDirectory());
    }

    @Override
    public HResult removeClientCertificate() {
        String method = HTTP + "RemoveClientCertificate";
        rules.requireBitsInterface(method);
        return call(method, true, () -> {
            state.requireLive(method);
            if (state.data().httpOptions.clientCertificate() == null) {
                return HResult.S_FALSE;
            }
            state.modify(method, job -> job.httpOptions = job.httpOptions.withClientCertificate(null));
            return HResult.S_OK;
        });
    }

    @Override
    public BgClientCertificate getClientCertificate() {
        String method = HTTP + "GetClientCertificate";
        rules.requireBitsInterface(method);
        return call(method, true, () -> {
            HttpOptions.ClientCertificate certificate = state.data().httpOptions.clientCertificate();
            if (certificate == null) {
                throw new BackgroundCopyException(method, HResult.RPC_X_BAD_STUB_DATA, "the job has no client certificate");
            }
            return certificate.identity();
        });
    }

    @Override
    public void setCustomHeaders(String requestHeaders) {
        String method = HTTP + "SetCustomHeaders";
        changeHttpOptions(method, () -> {
            String checked = HttpOptions.checkedHeaders(method, requestHeaders);
            return options -> options.withCustomHeaders(checked);
        });
    }

    @Override
    public Optional<String> getCustomHeaders() {
        String method = HTTP + "GetCustomHeaders";
        rules.requireBitsInterface(method);
        return call(method, true, () -> {
            if (state.data().properties.headersWriteOnly()) {
                throw new BackgroundCopyException(method, HResult.E_ACCESSDENIED,
                        "the custom headers are write-only (MakeCustomHeadersWriteOnly)");
            }
            return Optional.ofNullable(state.data().httpOptions.customHeaders());
        });
    }

    @Override
    public void setSecurityFlags(int flags) {
        String method = HTTP + "SetSecurityFlags";
        rules.requireBitsInterface(method);
        call(method, () -> state.automation().setSecurityFlags(method, HttpOptions.checkedSecurityFlags(method, flags)));
    }

    @Override
    public int getSecurityFlags() {
        rules.requireBitsInterface(HTTP + "GetSecurityFlags");
        return state.data().httpOptions.securityFlags().toMask();
    }

    // ---- IBackgroundCopyJob3 ----

    @Override
    public HResult replaceRemotePrefix(String oldPrefix, String newPrefix) {
        String method = JOB3 + "ReplaceRemotePrefix";
        rules.requireBitsInterface(method);
        return call(method, true, () -> {
            if (oldPrefix == null || oldPrefix.isEmpty() || newPrefix == null || newPrefix.isEmpty()) {
                throw Arguments.invalid(method, "a prefix is null or empty");
            }
            state.requireLive(method);
            Map<Integer, String> renamed = new LinkedHashMap<>();
            for (FileData f : state.data().files()) {
                if (f.remoteName().startsWith(oldPrefix)) {
                    String name = newPrefix + f.remoteName().substring(oldPrefix.length());
                    if (name.length() > MAX_REMOTE_NAME) {
                        throw Arguments.invalid(method, "the new remote name of file " + f.index + " is over "
                                + MAX_REMOTE_NAME + " characters");
                    }
                    Arguments.remoteUrl(method, name, rules.acceptsLocalPathRemoteNames());
                    renamed.put(f.index, name);
                }
            }
            if (renamed.isEmpty()) {
                return HResult.S_FALSE;
            }
            state.modify(method, job -> renamed.forEach((index, name) -> job.editFile(index).renameRemote(name)));
            return HResult.S_OK;
        });
    }

    @Override
    public void addFileWithRanges(String remoteUrl, String localName, List<BgFileRange> ranges) {
        String method = JOB3 + "AddFileWithRanges";
        rules.requireBitsInterface(method);
        call(method, () -> {
            if (ranges == null || ranges.isEmpty() || ranges.stream().anyMatch(Objects::isNull)) {
                throw Arguments.invalid(method, "no ranges (give one or more), or a null range");
            }
            URI uri = Arguments.remoteUrl(method, remoteUrl, rules.acceptsLocalPathRemoteNames());
            Path path = Arguments.localPath(method, localName);
            if (ranges.size() > context.config().maxRangesPerFile()) {
                throw new BackgroundCopyException(method, HResult.BG_E_TOO_MANY_RANGES_IN_FILE, ranges.size()
                        + " ranges (at most " + context.config().maxRangesPerFile() + " per file)");
            }
            state.requireLive(method);
            requireUsableDestination(method, path);
            List<BgFileRange> sorted = Arguments.ranges(method, rules, ranges, BgJobProgress.BG_SIZE_UNKNOWN);
            state.addFiles(method, List.of(new JobState.NewFile(null, uri, remoteUrl, localName, path, sorted,
                    BgJobProgress.BG_SIZE_UNKNOWN)));
        });
    }

    @Override
    public void setFileACLFlags(int flags) {
        String method = JOB3 + "SetFileACLFlags";
        changeBitsSetting(method, () -> {
            if ((flags & ~BG_COPY_FILE_ALL) != 0) {
                throw Arguments.invalid(method, "flags outside BG_COPY_FILE_ALL: 0x" + Integer.toHexString(flags));
            }
            return job -> {
                if (job.state == BgJobState.TRANSFERRED) {
                    throw new BackgroundCopyException(method, rules.code(SemanticError.INVALID_STATE),
                            "the flags must be set before the job is TRANSFERRED");
                }
                job.fileAclFlags = flags;
            };
        });
    }

    /**
     * A setter of IBackgroundCopyJob3/Job4: BITS only, owner only; {@code change} checks the arguments and returns the
     * change, which one commit applies to a live job (as {@link #changeHttpOptions} for the wire options).
     */
    private void changeBitsSetting(String method, Supplier<Consumer<JobData>> change) {
        rules.requireBitsInterface(method);
        call(method, () -> {
            Consumer<JobData> checked = change.get();
            state.modify(method, checked);
        });
    }

    @Override
    public int getFileACLFlags() {
        rules.requireBitsInterface(JOB3 + "GetFileACLFlags");
        return state.data().fileAclFlags;
    }

    // ---- IBackgroundCopyJob4 ----

    @Override
    public void setPeerCachingFlags(int flags) {
        String method = JOB4 + "SetPeerCachingFlags";
        changeBitsSetting(method, () -> {
            if ((flags & ~PEER_CACHING_FLAGS) != 0) {
                throw new BackgroundCopyException(method, HResult.E_NOTIMPL, "no such peer-caching flag: 0x"
                        + Integer.toHexString(flags & ~PEER_CACHING_FLAGS));
            }
            return job -> job.peerCachingFlags = flags;
        });
    }

    @Override
    public int getPeerCachingFlags() {
        rules.requireBitsInterface(JOB4 + "GetPeerCachingFlags");
        return state.data().peerCachingFlags;
    }

    /**
     * The simulator's callers hold no Windows token: an owner is a normal user at medium integrity, an administrator's
     * token counts as elevated at high integrity (docs/contract.md §4.14, SIM).
     */
    @Override
    public long getOwnerIntegrityLevel() {
        rules.requireBitsInterface(JOB4 + "GetOwnerIntegrityLevel");
        return owner().administrator() ? SECURITY_MANDATORY_HIGH_RID : SECURITY_MANDATORY_MEDIUM_RID;
    }

    @Override
    public boolean getOwnerElevationState() {
        rules.requireBitsInterface(JOB4 + "GetOwnerElevationState");
        return owner().administrator();
    }

    @Override
    public void setMaximumDownloadTime(long seconds) {
        String method = JOB4 + "SetMaximumDownloadTime";
        changeBitsSetting(method, () -> {
            long checked = Arguments.ulong(method, seconds);
            return job -> job.maximumDownloadTime = checked;
        });
    }

    @Override
    public long getMaximumDownloadTime() {
        rules.requireBitsInterface(JOB4 + "GetMaximumDownloadTime");
        return state.data().maximumDownloadTime;
    }

    // ---- IBackgroundCopyJob5 ----

    @Override
    public void setProperty(BitsJobPropertyId id, BitsJobPropertyValue value) {
        String method = JOB5 + "SetProperty";
        call(method, () -> {
            JobProperties checked = JobProperties.set(method, rules, state.data(), id, value);
            state.modify(method, job -> job.properties = checked);
        });
    }

    @Override
    public BitsJobPropertyValue getProperty(BitsJobPropertyId id) {
        String method = JOB5 + "GetProperty";
        JobProperties.requireSupported(method, rules, id);
        return state.data().properties.get(id);
    }

    /** The job's BITS 5.0-10.3 settings, as the transport and the engine read them. */
    JobProperties properties() {
        return state.data().properties;
    }

    // ---- IBackgroundCopyJobHttpOptions2 / 3 ----

    @Override
    public void setHttpMethod(String httpMethod) {
        String method = HTTP2 + "SetHttpMethod";
        rules.requireBitsInterface(method);
        call(method, () -> {
            JobProperties checked = JobProperties.withMethod(method, state.data(), httpMethod);
            if (checked == state.data().properties) {
                return; // GET on a download job: nothing changes (the SetHttpMethod page)
            }
            state.modify(method, job -> {
                job.properties = checked;
                job.priority = BgJobPriority.FOREGROUND;
            });
        });
    }

    @Override
    public String getHttpMethod() {
        rules.requireBitsInterface(HTTP2 + "GetHttpMethod");
        String set = state.data().properties.httpMethod();
        return set == null ? DEFAULT_DOWNLOAD_METHOD : set;
    }

    @Override
    public void setServerCertificateValidationInterface(IBackgroundCopyServerCertificateValidationCallback callback) {
        String method = HTTP3 + "SetServerCertificateValidationInterface";
        rules.requireBitsInterface(method);
        call(method, () -> {
            JobProperties.requirePaused(method, state.data());
            // A new registration each time: what the previous one approved is asked about again (§4.22).
            state.modify(method, job -> job.properties = job.properties.withCertificateValidation(
                    callback == null ? null : new ServerCertificateValidation.Registration(callback)));
        });
    }

    @Override
    public Optional<IBackgroundCopyServerCertificateValidationCallback> serverCertificateValidationInterface() {
        rules.requireBitsInterface(HTTP3 + "SetServerCertificateValidationInterface");
        ServerCertificateValidation.Registration registration = state.data().properties.certificateValidation();
        return registration == null ? Optional.empty() : Optional.ofNullable(registration.callback());
    }

    @Override
    public void makeCustomHeadersWriteOnly() {
        String method = HTTP3 + "MakeCustomHeadersWriteOnly";
        rules.requireBitsInterface(method);
        call(method, () -> {
            // Always S_OK (the page): on a job that is already gone there is nothing left to hide.
            if (!state.data().state.isTerminal() && !state.data().properties.headersWriteOnly()) {
                state.modify(method, job -> job.properties = job.properties.withHeadersWriteOnly());
            }
        });
    }

    // ---- IBackgroundCopyFile6, through the job that owns the file ----

    /**
     * What every File6 method needs (docs/contract.md §4.19): an http or https file of a job without dynamic content,
     * added without ranges; the job not terminal.
     */
    private void requireRandomAccess(String method, int file) {
        rules.requireBitsInterface(method);
        state.requireLive(method);
        FileData f = state.data().file(file);
        String scheme = f.activeRemote() == null ? "" : f.activeRemote().getScheme();
        if (state.data().properties.dynamicContent() || !f.ranges.isEmpty()
                || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            throw new BackgroundCopyException(method, HResult.BG_E_RANDOM_ACCESS_NOT_SUPPORTED,
                    "ranges on demand need an http(s) file without ranges in a job without dynamic content");
        }
    }

    void requestFileRanges(int file, List<BgFileRange> ranges) {
        String method = FILE6 + "RequestFileRanges";
        rules.requireBitsInterface(method);
        call(method, () -> {
            if (ranges == null || ranges.isEmpty() || ranges.stream().anyMatch(java.util.Objects::isNull)) {
                throw Arguments.invalid(method, "no ranges, or a null range");
            }
            requireRandomAccess(method, file);
            long size = state.data().file(file).resolvedSize();
            List<BgFileRange> explicit = new ArrayList<>();
            for (BgFileRange r : ranges) {
                long length = r.isToEndOfFile() && size >= 0 ? size - r.initialOffset() : r.length();
                if (r.initialOffset() < 0 || length <= 0 || r.isToEndOfFile() && size < 0
                        || Long.MAX_VALUE - r.initialOffset() < length
                        || size >= 0 && r.initialOffset() + length > size) {
                    throw new BackgroundCopyException(method, HResult.BG_E_INVALID_RANGE, "range " + r
                            + " is empty or lies outside the file (" + (size < 0 ? "size unknown" : size + " bytes") + ")");
                }
                explicit.add(new BgFileRange(r.initialOffset(), length));
            }
            state.modify(method, job -> job.editFile(file).requestRanges(explicit));
        });
    }

    void updateDownloadPosition(int file, long offset) {
        String method = FILE6 + "UpdateDownloadPosition";
        rules.requireBitsInterface(method);
        call(method, () -> {
            requireRandomAccess(method, file);
            long size = state.data().file(file).resolvedSize();
            if (offset < 0 || size >= 0 && offset >= size) {
                throw new BackgroundCopyException(method, HResult.BG_E_INVALID_RANGE, "offset " + Long.toUnsignedString(offset)
                        + " lies outside the file");
            }
            state.modify(method, job -> job.editFile(file).downloadFrom(offset));
        });
    }

    List<BgFileRange> getFilledFileRanges(int file) {
        String method = FILE6 + "GetFilledFileRanges";
        rules.requireBitsInterface(method);
        return call(method, false, () -> {
            requireRandomAccess(method, file);
            return state.data().file(file).filledRanges(state.data().properties.onDemand());
        });
    }

    // ---- the file methods that change the job ----

    /** IBackgroundCopyFile3::GetTemporaryName: the file's temporary file, named by the engine's {@link LocalFiles}. */
    String temporaryName(int file) {
        return state.data().file(file).tempPath(context.localFiles(), state.id).toString();
    }

    void setValidationState(int file, boolean valid) {
        String method = "IBackgroundCopyFile3::SetValidationState";
        rules.requireBitsInterface(method);
        call(method, () -> state.setValidationState(method, file, valid));
    }

    void setRemoteName(int file, String remoteUrl) {
        String method = "IBackgroundCopyFile2::SetRemoteName";
        call(method, () -> {
            Arguments.remoteUrl(method, remoteUrl, rules.acceptsLocalPathRemoteNames());
            state.modify(method, job -> job.editFile(file).renameRemote(remoteUrl));
        });
    }

    void setFileProperty(int file, DoFilePropertyId id, Object value) {
        String method = "IDeliveryOptimizationFile2::SetProperty";
        call(method, () -> {
            if (id == null) {
                throw new BackgroundCopyException(method, HResult.DO_E_UNKNOWN_PROPERTY_ID, "null property id");
            }
            if (id == DoFilePropertyId.DOWNLOAD_SINK_MEMORY_STREAM) {
                throw new BackgroundCopyException(method, HResult.DO_E_MEMORYSTREAM_DOWNLOAD_NOT_SUPPORTED,
                        "memory-stream sinks are deprecated");
            }
            if (value == null || !id.valueType().isInstance(value)) {
                throw Arguments.invalid(method, id + " takes a " + id.valueType().getSimpleName());
            }
            Path sink = id == DoFilePropertyId.DOWNLOAD_SINK_FILE_PATH ? Arguments.localPath(method, (String) value) : null;
            boolean fixedOnceStarted = id != DoFilePropertyId.DOWNLOAD_SINK_INTERFACE && id != DoFilePropertyId.TOTAL_SIZE_BYTES;
            state.modifyFile(method, file, fixedOnceStarted, f -> {
                if (sink != null) {
                    requireUsableDestination(method, sink);
                    f.sinkTo((String) value, sink);
                } else {
                    f.setProperty(id, value);
                }
            });
        });
    }

    // ---- IDeliveryOptimizationJob2 properties ----

    @Override
    public Object getProperty(int propertyId) {
        String method = DO_JOB2 + "GetProperty";
        rules.requireDoInterface(method);
        if (propertyId != DoJobPropertyId.EXTENDED_ERROR_INFO.nativeValue()) {
            throw new BackgroundCopyException(method, HResult.DO_E_UNKNOWN_PROPERTY_ID, "unknown DOJobPropertyId " + propertyId);
        }
        SimulatedError error = state.data().error;
        return error == null ? "" : error.failure().code() + ": " + error.failure().description();
    }

    @Override
    public void setProperty(int propertyId, Object value) {
        String method = DO_JOB2 + "SetProperty";
        rules.requireDoInterface(method);
        if (propertyId == DoJobPropertyId.EXTENDED_ERROR_INFO.nativeValue()) {
            throw new BackgroundCopyException(method, HResult.DO_E_READ_ONLY_PROPERTY, "ExtendedErrorInfo is read-only");
        }
        throw new BackgroundCopyException(method, HResult.DO_E_UNKNOWN_PROPERTY_ID, "unknown DOJobPropertyId " + propertyId);
    }

    @Override
    public String toString() {
        return "SimulatedJob[" + state.id + " " + getState() + " " + getProgress() + "]";
    }
}
