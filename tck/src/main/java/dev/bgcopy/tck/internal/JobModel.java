package dev.bgcopy.tck.internal;

import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgNotify;
import dev.bgcopy.api.BgProxySettings;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.SemanticError;
import dev.bgcopy.api.Ulong;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The reference model of one job, written from docs/contract.md §4 and §5 (not from any implementation): the
 * states the job may be in, its settings and files, and the HRESULT each operation must return. The
 * service advances jobs by itself (§5.3), so the model keeps the <em>set</em> of states the job may be
 * in, narrowed to the observed state after every step. Pure: no I/O.
 */
public final class JobModel {

    /** A file the model knows the job has. */
    public record ModelFile(String id, String remote, String local, List<BgFileRange> ranges) {
    }

    private static final Set<BgJobState> TERMINAL = EnumSet.of(BgJobState.ACKNOWLEDGED, BgJobState.CANCELLED);

    private final Dialect dialect;
    private final boolean strict;
    private Set<BgJobState> possible = EnumSet.of(BgJobState.SUSPENDED);
    private final List<ModelFile> files = new ArrayList<>();
    private final Set<String> fileIds = new HashSet<>();
    private BgJobPriority priority = BgJobPriority.NORMAL;
    private int notifyFlags = BgNotify.DEFAULT_MASK;
    private boolean notifyFlagsExact = true;
    private OptionalLong noProgressTimeout = OptionalLong.empty();
    private IBackgroundCopyCallback callback;
    private String displayName;
    private boolean failureSeen;
    private String description = "";
    private OptionalLong minimumRetryDelay = OptionalLong.empty();
    private BgProxySettings proxySettings = new BgProxySettings(BgJobProxyUsage.PRECONFIG, null, null);

    /** The longest description (SIM limit, docs/contract.md §4 BITS table) and proxy list (§7 BG_E_PROXY_*_TOO_LARGE). */
    public static final int MAX_DESCRIPTION = 1024;
    public static final int MAX_PROXY_LIST = 32_767;

    public JobModel(Dialect dialect, boolean strict, String displayName) {
        this.dialect = dialect;
        this.strict = strict;
        this.displayName = displayName;
    }

    // ---- state ----------------------------------------------------------------------------------

    /** The states the job may be in now. */
    public Set<BgJobState> possibleStates() {
        return EnumSet.copyOf(possible);
    }

    /** Whether the job is certainly terminal (terminal states are entered only by client calls). */
    public boolean isTerminal() {
        return TERMINAL.containsAll(possible);
    }

    /** Narrows the model to the observed state, then widens it by what the service may do by itself. */
    public void observed(BgJobState state) {
        if (state == BgJobState.TRANSIENT_ERROR || state == BgJobState.ERROR) {
            failureSeen = true;
        }
        possible = closure(EnumSet.of(state));
    }

    /** The automatic transitions of §5.3 with a healthy source: QUE -> (CON) -> XFR -> XFD, TER <-> QUE. */
    private Set<BgJobState> closure(Set<BgJobState> states) {
        Set<BgJobState> out = EnumSet.copyOf(states);
        for (BgJobState s : states) {
            if (s == BgJobState.QUEUED || s == BgJobState.CONNECTING || s == BgJobState.TRANSFERRING
                    || s == BgJobState.TRANSIENT_ERROR) {
                out.addAll(EnumSet.of(BgJobState.QUEUED, BgJobState.TRANSFERRING, BgJobState.TRANSFERRED,
                        BgJobState.TRANSIENT_ERROR));
                if (dialect == Dialect.BITS) {
                    out.add(BgJobState.CONNECTING);
                }
            }
        }
        return out;
    }

    private HResult code(SemanticError e) {
        return e.in(dialect);
    }

    private Expected invalidState() {
        return Expected.of(SemanticError.INVALID_STATE, code(SemanticError.INVALID_STATE));
    }

    // ---- client operations: expectation, then the effect of success ------------------------------

    public Expected resume() {
        if (isTerminal()) {
            return invalidState();
        }
        return files.isEmpty() ? Expected.of(SemanticError.EMPTY, code(SemanticError.EMPTY)) : Expected.ok();
    }

    public void resumed() {
        Set<BgJobState> next = EnumSet.noneOf(BgJobState.class);
        for (BgJobState s : possible) {
            next.add(s == BgJobState.SUSPENDED || s == BgJobState.ERROR || s == BgJobState.TRANSIENT_ERROR ? BgJobState.QUEUED : s);
        }
        possible = closure(next);
    }

    public Expected suspend() {
        return isTerminal() ? invalidState() : Expected.ok();
    }

    public void suspended() {
        Set<BgJobState> next = EnumSet.noneOf(BgJobState.class);
        for (BgJobState s : possible) {
            if (s == BgJobState.TRANSFERRED) {
                next.add(BgJobState.TRANSFERRED);
                if (!strict) {
                    next.add(BgJobState.SUSPENDED);
                }
            } else {
                next.add(BgJobState.SUSPENDED);
                if (!strict && s == BgJobState.ERROR) {
                    next.add(BgJobState.ERROR);
                }
            }
        }
        possible = next;
    }

    public Expected cancel() {
        return isTerminal() ? invalidState() : Expected.ok();
    }

    public void cancelled() {
        possible = EnumSet.of(BgJobState.CANCELLED);
    }

    public Expected complete() {
        if (isTerminal()) {
            return invalidState();
        }
        if (dialect == Dialect.DO || files.isEmpty() || possible.equals(EnumSet.of(BgJobState.TRANSFERRED))) {
            return Expected.success(HResult.S_OK);
        }
        return Expected.success(HResult.S_OK, HResult.BG_S_PARTIAL_COMPLETE);
    }

    public void completed() {
        possible = EnumSet.of(BgJobState.ACKNOWLEDGED);
    }

    /**
     * AddFileWithRanges (§4.3) with precedence arguments, state, ranges (§4.0).
     *
     * @param featurePresent whether the implementation has {@code IDeliveryOptimizationJob}
     * @param fileSize the size passed, or -1 for unknown
     */
    public Expected addFileWithRanges(boolean featurePresent, String id, String url, String local,
            List<BgFileRange> ranges, long fileSize) {
        if (!featurePresent) {
            return Expected.failure(HResult.E_NOINTERFACE);
        }
        boolean badLocal = local == null || local.isEmpty();
        boolean badOther = id == null || id.isEmpty() || fileIds.contains(id) || !isAbsoluteUrl(url);
        boolean terminal = isTerminal();
        RangeVerdict verdict = judge(ranges, fileSize);
        int conditions = (badLocal || badOther ? 1 : 0) + (terminal ? 1 : 0) + (verdict != RangeVerdict.VALID ? 1 : 0);
        if (badLocal || badOther) {
            if (conditions == 1 && badLocal) {
                return Expected.exactly(HResult.E_INVALIDARG);
            }
            return Expected.failure(HResult.E_INVALIDARG);
        }
        if (terminal) {
            return conditions == 1 ? invalidState() : Expected.failure(code(SemanticError.INVALID_STATE));
        }
        return switch (verdict) {
            case VALID -> Expected.ok();
            case EOF_OFFSET -> Expected.of(SemanticError.INVALID_RANGE, code(SemanticError.INVALID_RANGE));
            case OVERLAP -> Expected.of(SemanticError.OVERLAPPING_RANGES, code(SemanticError.OVERLAPPING_RANGES));
            case INVALID -> Expected.failure(code(SemanticError.INVALID_RANGE));
        };
    }

    /** BITS AddFile (§4.9): absent {@code BITS_METHODS} it is E_NOTIMPL. */
    public Expected addFile(boolean bitsMethods, String url, String local) {
        if (!bitsMethods) {
            return Expected.failure(HResult.E_NOTIMPL);
        }
        boolean badArgs = !isAbsoluteUrl(url) || local == null || !local.startsWith("/") && !local.matches("^[A-Za-z]:\\\\.*");
        if (badArgs) {
            return Expected.failure(HResult.E_INVALIDARG);
        }
        return isTerminal() ? invalidState() : Expected.ok();
    }

    /** BITS AddFileSet: all entries or none (docs/contract.md §4 BITS methods, SIM atomicity). */
    public Expected addFileSet(boolean bitsMethods, List<String> urls, List<String> locals) {
        if (!bitsMethods) {
            return Expected.failure(HResult.E_NOTIMPL);
        }
        boolean anyBad = false;
        for (int i = 0; i < urls.size(); i++) {
            anyBad |= addFile(true, urls.get(i), locals.get(i)).strict().contains(HResult.E_INVALIDARG);
        }
        if (anyBad) {
            return isTerminal() ? Expected.failure(HResult.E_INVALIDARG, code(SemanticError.INVALID_STATE))
                    : Expected.exactly(HResult.E_INVALIDARG);
        }
        return isTerminal() ? invalidState() : Expected.ok();
    }

    public void fileAdded(String id, String url, String local, List<BgFileRange> ranges) {
        files.add(new ModelFile(id, url, local, List.copyOf(ranges)));
        if (id != null) {
            fileIds.add(id);
        }
        if (possible.contains(BgJobState.TRANSFERRED)) {
            Set<BgJobState> next = EnumSet.copyOf(possible);
            next.remove(BgJobState.TRANSFERRED);
            next.add(BgJobState.QUEUED);
            if (!strict) {
                next.add(BgJobState.TRANSFERRED);
            }
            possible = closure(next);
        }
    }

    public Expected setPriority() {
        return isTerminal() ? strictOr(invalidState()) : Expected.ok();
    }

    public void prioritySet(BgJobPriority p) {
        priority = p;
    }

    public Expected setNotifyFlags(int flags) {
        boolean bad = (flags & ~BgNotify.VALID_MASK) != 0;
        if (bad && isTerminal()) {
            return Expected.failure(HResult.E_NOTIMPL, code(SemanticError.INVALID_STATE));
        }
        if (bad) {
            return strictOr(Expected.exactly(HResult.E_NOTIMPL), dialect == Dialect.BITS);
        }
        if (isTerminal()) {
            return invalidState();
        }
        if (!strict && dialect == Dialect.DO && (flags & ~0x1B) != 0) {
            return new Expected(java.util.Set.of(HResult.S_OK), hr -> true, "anything (DO-unsupported bits, lenient)");
        }
        return Expected.ok();
    }

    /** Records a SetNotifyFlags that returned {@code hr}. */
    public void notifyFlagsSet(int flags, HResult hr) {
        if (hr.isSuccess()) {
            notifyFlags = flags;
            notifyFlagsExact = strict || dialect == Dialect.BITS || (flags & ~0x1B) == 0;
        }
    }

    public Expected setNoProgressTimeout() {
        return isTerminal() ? invalidState() : Expected.ok();
    }

    public void noProgressTimeoutSet(long seconds) {
        noProgressTimeout = OptionalLong.of(seconds);
    }

    public Expected setNotifyInterface() {
        return isTerminal() ? strictOr(invalidState(), dialect == Dialect.BITS) : Expected.ok();
    }

    public void notifyInterfaceSet(IBackgroundCopyCallback cb) {
        callback = cb;
    }

    /** CreateJob / SetDisplayName name rules (§4.1, §4.9): null or over 256 UTF-16 units is E_INVALIDARG. */
    public static boolean validName(String name) {
        return name != null && name.length() <= 256;
    }

    public Expected setDisplayName(boolean bitsMethods, String name) {
        if (!bitsMethods) {
            return Expected.failure(HResult.E_NOTIMPL);
        }
        if (!validName(name)) {
            return Expected.failure(HResult.E_INVALIDARG);
        }
        return isTerminal() ? invalidState() : Expected.ok();
    }

    public void displayNameSet(String name) {
        displayName = name;
    }

    // BITS-only settings (docs/contract.md §4 "BITS methods"; E_NOTIMPL where the service lacks them, R108).

    public Expected setDescription(boolean bitsMethods, String text) {
        if (!bitsMethods) {
            return Expected.failure(HResult.E_NOTIMPL);
        }
        boolean bad = text == null || text.length() > MAX_DESCRIPTION;
        if (bad && isTerminal()) {
            return Expected.failure(HResult.E_INVALIDARG, code(SemanticError.INVALID_STATE));
        }
        if (bad) {
            return strictOr(Expected.failure(HResult.E_INVALIDARG));
        }
        return isTerminal() ? invalidState() : Expected.ok();
    }

    public void descriptionSet(String text) {
        description = text;
    }

    public Expected setMinimumRetryDelay(boolean bitsMethods, long seconds) {
        boolean bad = seconds < 0 || seconds > Ulong.MAX;
        if (!bitsMethods) {
            // A value no ULONG can hold may be refused before the call reaches a service (a COM binding
            // must refuse it, it cannot marshal it), so E_INVALIDARG is as right as E_NOTIMPL.
            return bad ? Expected.failure(HResult.E_NOTIMPL, HResult.E_INVALIDARG) : Expected.failure(HResult.E_NOTIMPL);
        }
        if (bad && isTerminal()) {
            return Expected.failure(HResult.E_INVALIDARG, code(SemanticError.INVALID_STATE));
        }
        if (bad) {
            return Expected.failure(HResult.E_INVALIDARG);
        }
        return isTerminal() ? invalidState() : Expected.ok();
    }

    public void minimumRetryDelaySet(long seconds) {
        minimumRetryDelay = OptionalLong.of(seconds);
    }

    /**
     * BITS SetProxySettings page: OVERRIDE needs a proxy list, the other usages take none (E_INVALIDARG);
     * a list over 32,767 characters is BG_E_PROXY_LIST_TOO_LARGE / BG_E_PROXY_BYPASS_LIST_TOO_LARGE.
     */
    public Expected setProxySettings(boolean bitsMethods, BgJobProxyUsage usage, String list, String bypass) {
        if (!bitsMethods) {
            return Expected.failure(HResult.E_NOTIMPL);
        }
        Set<HResult> faults = new HashSet<>();
        boolean override = usage == BgJobProxyUsage.OVERRIDE;
        if (override ? list == null : list != null || bypass != null) {
            faults.add(HResult.E_INVALIDARG);
        }
        if (list != null && list.length() > MAX_PROXY_LIST) {
            faults.add(HResult.BG_E_PROXY_LIST_TOO_LARGE);
        }
        if (bypass != null && bypass.length() > MAX_PROXY_LIST) {
            faults.add(HResult.BG_E_PROXY_BYPASS_LIST_TOO_LARGE);
        }
        if (faults.isEmpty()) {
            return isTerminal() ? invalidState() : Expected.ok();
        }
        if (isTerminal()) {
            faults.add(code(SemanticError.INVALID_STATE));
        }
        return Expected.failure(faults.toArray(HResult[]::new));
    }

    public void proxySettingsSet(BgJobProxyUsage usage, String list, String bypass) {
        proxySettings = new BgProxySettings(usage, list, bypass);
    }

    public Expected takeOwnership(boolean bitsMethods) {
        if (!bitsMethods) {
            return Expected.failure(HResult.E_NOTIMPL);
        }
        return isTerminal() ? strictOr(invalidState()) : Expected.ok();
    }

    /** IBackgroundCopyFile2::SetRemoteName on file {@code index}: a valid absolute URL is stored (R93). */
    public Expected setRemoteName(int index, String url) {
        if (index >= files.size()) {
            throw new IllegalArgumentException("no file " + index);
        }
        if (!isAbsoluteUrl(url)) {
            return isTerminal() ? Expected.failure(HResult.E_INVALIDARG, code(SemanticError.INVALID_STATE))
                    : Expected.exactly(HResult.E_INVALIDARG);
        }
        return isTerminal() ? invalidState() : Expected.ok();
    }

    public void remoteNameSet(int index, String url) {
        ModelFile f = files.get(index);
        files.set(index, new ModelFile(f.id(), url, f.local(), f.ranges()));
    }

    public String description() {
        return description;
    }

    /** The delay set last, or empty while the service default (600 s SIM) applies. */
    public OptionalLong minimumRetryDelay() {
        return minimumRetryDelay;
    }

    public BgProxySettings proxySettings() {
        return proxySettings;
    }

    private Expected strictOr(Expected strictExpectation) {
        return strictOr(strictExpectation, false);
    }

    /** In lenient mode a SIM rule is checked only as "fails" unless {@code bothModes}. */
    private Expected strictOr(Expected strictExpectation, boolean bothModes) {
        if (strict || bothModes) {
            return strictExpectation;
        }
        return new Expected(strictExpectation.strict(), HResult::isFailure, strictExpectation.text() + " (lenient: any failure)");
    }

    // ---- what the getters must return -----------------------------------------------------------

    public List<ModelFile> files() {
        return List.copyOf(files);
    }

    public BgJobPriority priority() {
        return priority;
    }

    /** The flags GetNotifyFlags must return, when the model knows them exactly. */
    public OptionalLong notifyFlags() {
        return notifyFlagsExact ? OptionalLong.of(notifyFlags) : OptionalLong.empty();
    }

    public IBackgroundCopyCallback callback() {
        return callback;
    }

    public String displayName() {
        return displayName;
    }

    /** Whether the job ever failed (then GetError may have a record). */
    public boolean failureSeen() {
        return failureSeen;
    }

    /** The no-progress timeout GetNoProgressTimeout must return: explicit, else the §4.2 default. */
    public Set<Long> noProgressTimeouts() {
        if (noProgressTimeout.isPresent()) {
            return Set.of(noProgressTimeout.getAsLong());
        }
        if (dialect == Dialect.BITS) {
            return Set.of(1_209_600L);
        }
        if (!strict) {
            return Set.of(3_600L, 86_400L);
        }
        return Set.of(priority == BgJobPriority.FOREGROUND ? 3_600L : 86_400L);
    }

    // ---- ranges (§4.3 range-check order) ---------------------------------------------------------

    enum RangeVerdict { VALID, EOF_OFFSET, OVERLAP, INVALID }

    static RangeVerdict judge(List<BgFileRange> ranges, long fileSize) {
        for (BgFileRange r : ranges) {
            if (r.initialOffset() == BgFileRange.BG_LENGTH_TO_EOF) {
                return RangeVerdict.EOF_OFFSET;
            }
        }
        List<BgFileRange> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> Long.compareUnsigned(a.initialOffset(), b.initialOffset()));
        for (int i = 0; i + 1 < sorted.size(); i++) {
            BgFileRange a = sorted.get(i);
            BgFileRange b = sorted.get(i + 1);
            boolean overlaps = a.initialOffset() == b.initialOffset() || a.isToEndOfFile()
                    || Long.compareUnsigned(b.initialOffset(), a.initialOffset() + a.length()) < 0
                            && Long.compareUnsigned(a.initialOffset() + a.length(), a.initialOffset()) >= 0;
            if (overlaps) {
                return RangeVerdict.OVERLAP;
            }
        }
        for (BgFileRange r : ranges) {
            if (r.length() == 0) {
                return RangeVerdict.INVALID;
            }
            if (!r.isToEndOfFile()) {
                long end = r.initialOffset() + r.length();
                if (Long.compareUnsigned(end, r.initialOffset()) < 0) {
                    return RangeVerdict.INVALID;
                }
                if (fileSize != -1L && Long.compareUnsigned(end, fileSize) > 0) {
                    return RangeVerdict.INVALID;
                }
            } else if (fileSize != -1L && Long.compareUnsigned(r.initialOffset(), fileSize) >= 0) {
                return RangeVerdict.INVALID;
            }
        }
        return RangeVerdict.VALID;
    }

    static boolean isAbsoluteUrl(String url) {
        if (url == null || url.isEmpty() || url.length() > 2_200) {
            return false;
        }
        try {
            URI uri = URI.create(url);
            return uri.isAbsolute() && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "JobModel" + possible + " files=" + files.size();
    }
}
