package dev.bgcopy.tck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgFileInfo;
import dev.bgcopy.api.BgFileProgress;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.SemanticError;
import dev.bgcopy.tck.TckFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The state of one action chain: the real job under test, its {@link JobModel}, and the previous
 * observations the invariants compare against. Every step calls the implementation, compares the
 * HRESULT with the model's expectation, applies the model's effect on success, then observes the
 * job (state allowed, progress, times, GetError).
 */
public final class ModelHarness {

    /** Sessions opened by chains, closed by the property after every try. */
    private static final Queue<TckSession> OPEN = new ConcurrentLinkedQueue<>();

    /**
     * The three resources every chain can add, with their sizes: small, so that a chain of 25 steps
     * stays fast; large bodies (16 KiB to 1 MiB) are the dedicated transfer contracts' business.
     */
    static final int[] SIZES = {1_500, 1, 3_000};

    private final TckSession s;
    private final boolean strict;
    private IBackgroundCopyJob job;
    private JobModel model;
    private BgJobProgress lastProgress;
    private BgJobTimes firstTimes;
    private BgJobTimes lastTimes;
    private int localCounter;
    private final List<String> urls = new ArrayList<>();
    /** The same bytes as {@link #urls} under another URL: where SetRemoteName may point a file. */
    private final List<String> mirrors = new ArrayList<>();

    private ModelHarness(TckSession session) {
        this.s = session;
        this.strict = session.strict();
        for (int i = 0; i < SIZES.length; i++) {
            byte[] body = TckSession.bytes(SIZES[i], 90 + i);
            urls.add(session.content().put("/m" + i + ".bin", body).toString());
            mirrors.add(session.content().put("/m" + i + "-mirror.bin", body).toString());
        }
        startJob("chain");
    }

    /** A fresh harness over a fresh instance of {@code fixture}. */
    public static ModelHarness open(TckFixture fixture) {
        TckSession session = TckSession.open(fixture);
        OPEN.add(session);
        return new ModelHarness(session);
    }

    /** Closes every session opened since the last call. */
    public static void closeAll() {
        TckSession session;
        while ((session = OPEN.poll()) != null) {
            session.close();
        }
    }

    private void startJob(String name) {
        job = s.manager().createJob(name, BgJobType.DOWNLOAD);
        model = new JobModel(s.dialect(), strict, name);
        lastProgress = null;
        firstTimes = job.getTimes();
        lastTimes = firstTimes;
        observe(false, true);
    }

    public boolean hasVirtualClock() {
        return s.hasVirtualClock();
    }

    @Override
    public String toString() {
        return "ModelHarness[" + model + "]";
    }

    // ---- steps ----------------------------------------------------------------------------------

    private void step(String call, Expected expected, Supplier<HResult> action, Consumer<HResult> onSuccess,
            boolean resetsProgress) {
        if (strict && s.hasVirtualClock()) {
            // A second passes before every call, so "the call set ModificationTime to the clock" is
            // told apart from "ModificationTime was already the clock's reading" (R69).
            s.advance(Duration.ofSeconds(1));
            observe(false, false);
        }
        Set<BgJobState> before = model.possibleStates();
        HResult hr;
        try {
            hr = action.get();
        } catch (dev.bgcopy.api.BackgroundCopyException e) {
            hr = e.hresult();
        }
        assertThat(expected.accepts(hr, strict)).as("%s: expected %s, got %s (job possibly in %s)", call, expected, hr, before)
                .isTrue();
        if (hr.isSuccess()) {
            onSuccess.accept(hr);
        }
        observe(hr.isFailure(), resetsProgress && hr.isSuccess());
        if (hr.isSuccess() && strict && s.hasVirtualClock()) {
            assertThat(job.getTimes().modificationTime()).as("R69/MT-1: %s refreshes ModificationTime to the clock", call)
                    .isEqualTo(s.now());
        }
    }

    private static Supplier<HResult> v(TckSession.Call call) {
        return () -> TckSession.hr(call);
    }

    public void resume() {
        step("resume()", model.resume(), v(job::resume), hr -> model.resumed(), false);
    }

    public void suspend() {
        step("suspend()", model.suspend(), v(job::suspend), hr -> model.suspended(), false);
    }

    public void cancel() {
        step("cancel()", model.cancel(), v(job::cancel), hr -> model.cancelled(), true);
    }

    public void complete() {
        step("complete()", model.complete(), job::complete, hr -> {
            model.completed();
            for (IBackgroundCopyFile f : job.enumFiles().next(model.files().size())) {
                BgFileProgress p = f.getProgress();
                if (p.completed()) {
                    assertThat(p.isFullyTransferred()).as("P12: Completed only for fully transferred files: %s", p).isTrue();
                }
            }
        }, true);
    }

    public void addFileWithRanges(String id, int resource, String localKind, RangeShape shape, boolean knownSize) {
        String url = resource < 0 ? badUrl(resource) : urls.get(resource);
        int size = resource < 0 ? 1_000 : SIZES[resource];
        String local = local(localKind);
        List<BgFileRange> ranges = shape.ranges(size);
        long fileSize = knownSize || shape == RangeShape.BEYOND_SIZE ? size : IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE;
        Expected e = model.addFileWithRanges(s.has(Feature.ADD_FILE_WITH_RANGES), id, url, local, ranges, fileSize);
        step("addFileWithRanges(" + id + ", " + url + ", " + local + ", " + ranges + ", " + fileSize + ")", e,
                v(() -> job.addFileWithRanges(id, url, local, ranges, fileSize)),
                hr -> model.fileAdded(id, url, local, ranges), true);
    }

    public void addFile(int resource, String localKind) {
        String url = resource < 0 ? badUrl(resource) : urls.get(resource);
        String local = localKind.equals("relative") ? "relative-" + (localCounter++) + ".bin" : local(localKind);
        Expected e = model.addFile(s.has(Feature.BITS_METHODS), url, local);
        step("addFile(" + url + ", " + local + ")", e, v(() -> job.addFile(url, local)),
                hr -> model.fileAdded(null, url, local, List.of()), true);
    }

    /** BITS AddFileSet of entries {@code (resource, localKind)}; resource -3 is a relative URL. */
    public void addFileSet(List<Integer> resources, List<String> localKinds) {
        List<String> remotes = new ArrayList<>();
        List<String> locals = new ArrayList<>();
        List<BgFileInfo> set = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            int r = resources.get(i);
            String url = r < 0 ? badUrl(r) : urls.get(r);
            String local = localKinds.get(i).equals("relative") ? "relative-" + (localCounter++) + ".bin" : local("unique");
            remotes.add(url);
            locals.add(local);
            set.add(new BgFileInfo(url, local));
        }
        step("addFileSet(" + set + ")", model.addFileSet(s.has(Feature.BITS_METHODS), remotes, locals),
                v(() -> job.addFileSet(set)), hr -> {
                    for (int i = 0; i < remotes.size(); i++) {
                        model.fileAdded(null, remotes.get(i), locals.get(i), List.of());
                    }
                }, true);
    }

    private static String badUrl(int kind) {
        return switch (kind) {
            case -1 -> null;
            case -2 -> "";
            default -> "relative/x.bin";
        };
    }

    private String local(String kind) {
        return switch (kind) {
            case "null" -> null;
            case "empty" -> "";
            default -> s.local("l" + (localCounter++) + ".bin").toString();
        };
    }

    public void setPriority(BgJobPriority p) {
        step("setPriority(" + p + ")", model.setPriority(), v(() -> job.setPriority(p)), hr -> model.prioritySet(p), false);
    }

    public void setNotifyFlags(int flags) {
        step("setNotifyFlags(0x" + Integer.toHexString(flags) + ")", model.setNotifyFlags(flags),
                v(() -> job.setNotifyFlags(flags)), hr -> model.notifyFlagsSet(flags, hr), false);
    }

    public void setNoProgressTimeout(long seconds) {
        step("setNoProgressTimeout(" + seconds + ")", model.setNoProgressTimeout(), v(() -> job.setNoProgressTimeout(seconds)),
                hr -> model.noProgressTimeoutSet(seconds), false);
    }

    public void setNotifyInterface(boolean register) {
        IBackgroundCopyCallback cb = register ? new RecordingCallback() : null;
        step("setNotifyInterface(" + (register ? "callback" : "null") + ")", model.setNotifyInterface(),
                v(() -> job.setNotifyInterface(cb)), hr -> model.notifyInterfaceSet(cb), false);
    }

    public void setDisplayName(String name) {
        step("setDisplayName(" + describe(name) + ")", model.setDisplayName(s.has(Feature.BITS_METHODS), name),
                v(() -> job.setDisplayName(name)), hr -> model.displayNameSet(name), false);
    }

    public void setDescription(String text) {
        step("setDescription(" + describe(text) + ")", model.setDescription(s.has(Feature.BITS_METHODS), text),
                v(() -> job.setDescription(text)), hr -> model.descriptionSet(text), false);
    }

    public void setMinimumRetryDelay(long seconds) {
        step("setMinimumRetryDelay(" + seconds + ")", model.setMinimumRetryDelay(s.has(Feature.BITS_METHODS), seconds),
                v(() -> job.setMinimumRetryDelay(seconds)), hr -> model.minimumRetryDelaySet(seconds), false);
    }

    public void setProxySettings(BgJobProxyUsage usage, String list, String bypass) {
        step("setProxySettings(" + usage + ", " + describe(list) + ", " + describe(bypass) + ")",
                model.setProxySettings(s.has(Feature.BITS_METHODS), usage, list, bypass),
                v(() -> job.setProxySettings(usage, list, bypass)), hr -> model.proxySettingsSet(usage, list, bypass), false);
    }

    public void takeOwnership() {
        step("takeOwnership()", model.takeOwnership(s.has(Feature.BITS_METHODS)), v(job::takeOwnership), hr -> { }, false);
    }

    /**
     * SetRemoteName on file {@code pick} (modulo the file count; nothing when the job has no file), to
     * the other URL serving the same bytes, or to a bad URL.
     */
    public void setRemoteName(int pick, boolean valid) {
        List<JobModel.ModelFile> files = model.files();
        if (files.isEmpty()) {
            return;
        }
        int index = pick % files.size();
        String current = files.get(index).remote();
        int resource = urls.indexOf(current);
        String url = !valid ? "relative/elsewhere.bin"
                : resource >= 0 ? mirrors.get(resource) : urls.get(mirrors.indexOf(current));
        IBackgroundCopyFile file = job.enumFiles().next(files.size()).get(index);
        step("file[" + index + "].setRemoteName(" + url + ")", model.setRemoteName(index, url),
                v(() -> file.setRemoteName(url)), hr -> model.remoteNameSet(index, url), true);
    }

    public void createJob(String name) {
        Expected e = JobModel.validName(name) ? Expected.ok() : Expected.failure(HResult.E_INVALIDARG);
        HResult hr = TckSession.hr(() -> s.manager().createJob(name, BgJobType.DOWNLOAD));
        assertThat(e.accepts(hr, strict)).as("createJob(%s): expected %s, got %s", describe(name), e, hr).isTrue();
        if (hr.isSuccess()) {
            startJob(name);
        }
    }

    public void runUntilIdle() {
        Set<BgJobState> before = EnumSet.of(job.getState());
        s.runUntilIdle();
        observe(false, false);
        if (strict && Set.of(BgJobState.QUEUED, BgJobState.CONNECTING, BgJobState.TRANSFERRING).containsAll(before)) {
            assertThat(job.getState()).as("runUntilIdle() from %s with healthy content", before).isEqualTo(BgJobState.TRANSFERRED);
        }
    }

    public void advance(Duration d) {
        s.advance(d);
        observe(false, false);
    }

    /** Every getter against the model. */
    public void checkGetters() {
        BgJobTimes times = job.getTimes();
        assertThat(job.getType()).isEqualTo(BgJobType.DOWNLOAD);
        assertThat(job.getPriority()).as("GetPriority").isEqualTo(model.priority());
        model.notifyFlags().ifPresent(f -> assertThat(job.getNotifyFlags()).as("GetNotifyFlags").isEqualTo((int) f));
        assertThat(job.getNoProgressTimeout()).as("GetNoProgressTimeout").isIn(model.noProgressTimeouts());
        assertThat(job.getDisplayName()).as("GetDisplayName").isEqualTo(model.displayName());
        if (s.has(Feature.BITS_METHODS)) {
            assertThat(job.getDescription()).as("GetDescription").isEqualTo(model.description());
            assertThat(job.getProxySettings()).as("GetProxySettings").isEqualTo(model.proxySettings());
            if (model.minimumRetryDelay().isPresent()) {
                assertThat(job.getMinimumRetryDelay()).as("GetMinimumRetryDelay").isEqualTo(model.minimumRetryDelay().getAsLong());
            } else if (strict) {
                assertThat(job.getMinimumRetryDelay()).as("GetMinimumRetryDelay default (SIM)").isEqualTo(600);
            }
            assertThat(job.getOwner()).as("GetOwner").isNotBlank();
        }
        if (model.callback() == null) {
            assertThat(job.getNotifyInterface()).as("GetNotifyInterface").isEmpty();
        } else {
            assertThat(job.getNotifyInterface()).as("GetNotifyInterface").containsSame(model.callback());
        }
        List<JobModel.ModelFile> files = model.files();
        List<IBackgroundCopyFile> actual = job.enumFiles().next(files.size() + 1L);
        assertThat(actual).as("EnumFiles").hasSize(files.size());
        List<String> remotes = new ArrayList<>();
        actual.forEach(f -> remotes.add(f.getRemoteName()));
        List<String> expectedRemotes = files.stream().map(JobModel.ModelFile::remote).toList();
        if (strict) {
            assertThat(remotes).as("files in add order (R90)").containsExactlyElementsOf(expectedRemotes);
        } else {
            assertThat(remotes).containsExactlyInAnyOrderElementsOf(expectedRemotes);
        }
        if (strict && stable(job.getState())) {
            assertThat(job.getTimes()).as("MT-2: getters leave the times alone").isEqualTo(times);
        }
        observe(false, false);
    }

    private static boolean stable(BgJobState state) {
        return state == BgJobState.SUSPENDED || state.isTerminal();
    }

    // ---- invariants after every step -------------------------------------------------------------

    private void observe(boolean failedCall, boolean resetsProgress) {
        BgJobTimes timesBefore = lastTimes;
        BgJobState state = job.getState();
        assertThat(model.possibleStates()).as("state %s allowed by the model", state).contains(state);
        model.observed(state);

        BgJobProgress p = job.getProgress();
        assertThat(p.filesTotal()).as("P1 FilesTotal == files added").isEqualTo(model.files().size());
        assertThat(p.filesTransferred()).as("P2 FilesTransferred <= FilesTotal").isLessThanOrEqualTo(p.filesTotal());
        if (p.isBytesTotalKnown()) {
            assertThat(Long.compareUnsigned(p.bytesTransferred(), p.bytesTotal())).as("P5 %s", p).isLessThanOrEqualTo(0);
        }
        if (model.files().isEmpty()) {
            assertThat(p).as("P3 empty job").isEqualTo(BgJobProgress.EMPTY);
        }
        if (state == BgJobState.TRANSFERRED) {
            assertThat(p.filesTransferred()).as("P8").isEqualTo(p.filesTotal());
            assertThat(p.bytesTransferred()).as("P8").isEqualTo(p.bytesTotal());
        }
        if (lastProgress != null && !resetsProgress && state != BgJobState.CANCELLED) {
            assertThat(Long.compareUnsigned(p.bytesTransferred(), lastProgress.bytesTransferred()))
                    .as("P10 bytes never go back: %s -> %s", lastProgress, p).isGreaterThanOrEqualTo(0);
            assertThat(p.filesTransferred()).as("P10 files never go back").isGreaterThanOrEqualTo(lastProgress.filesTransferred());
        }
        lastProgress = p;

        BgJobTimes t = job.getTimes();
        assertThat(t.creationTime()).as("R67 CreationTime never changes").isEqualTo(firstTimes.creationTime());
        assertThat(t.modificationTime()).as("R68 MT >= CT").isAfterOrEqualTo(t.creationTime());
        assertThat(t.modificationTime()).as("R68 MT never decreases").isAfterOrEqualTo(timesBefore.modificationTime());
        if (strict && failedCall && stable(state)) {
            assertThat(t.modificationTime()).as("R70 a failing call leaves MT").isEqualTo(timesBefore.modificationTime());
        }
        lastTimes = t;

        if (!model.failureSeen() && state != BgJobState.TRANSIENT_ERROR && state != BgJobState.ERROR) {
            HResult hr = TckSession.hr(job::getError);
            Expected none = Expected.of(SemanticError.NO_ERROR_INFO, SemanticError.NO_ERROR_INFO.in(s.dialect()));
            assertThat(none.accepts(hr, strict)).as("GetError of a job that never failed: %s", hr).isTrue();
        }
    }

    static String describe(String name) {
        return name == null ? "null" : name.length() > 12 ? name.length() + " chars" : "\"" + name + "\"";
    }

    /** How the ranges of a generated AddFileWithRanges look, relative to the file's size. */
    public enum RangeShape {
        NONE, VALID_ONE, VALID_TWO_DESCENDING, EOF_TAIL, EOF_OFFSET, OVERLAP, SAME_OFFSET, ZERO_LENGTH, BEYOND_SIZE;

        List<BgFileRange> ranges(long n) {
            return switch (this) {
                case NONE -> List.of();
                case VALID_ONE -> List.of(new BgFileRange(0, Math.max(1, n / 2)));
                case VALID_TWO_DESCENDING -> n >= 4 ? List.of(new BgFileRange(n / 2, n / 4), new BgFileRange(0, n / 4))
                        : List.of(new BgFileRange(0, 1));
                case EOF_TAIL -> List.of(new BgFileRange(n / 2, BgFileRange.BG_LENGTH_TO_EOF));
                case EOF_OFFSET -> List.of(new BgFileRange(BgFileRange.BG_LENGTH_TO_EOF, 10));
                case OVERLAP -> List.of(new BgFileRange(0, 2), new BgFileRange(1, 2));
                case SAME_OFFSET -> List.of(new BgFileRange(0, Math.min(n, 5)), new BgFileRange(0, 1));
                case ZERO_LENGTH -> List.of(new BgFileRange(0, 0));
                case BEYOND_SIZE -> List.of(new BgFileRange(0, n + 10));
            };
        }
    }
}
