package dev.bgcopy.simulator;

import dev.bgcopy.api.BgFileProgress;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.DoFilePropertyId;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The state of one file of a job: names, ranges, sizes, byte counts, validators, DO properties. Only
 * this class writes its fields, through the methods named after what happened to the file. A
 * {@link JobState} copies a file before it changes it and publishes the copy by its commit step, so a
 * published {@code FileData} never changes again and may be read without a lock.
 */
final class FileData {

    final int index;
    final String fileId;
    final List<BgFileRange> ranges;
    final long declaredSize;

    private String remoteName;
    private URI activeRemote;
    private String localName;
    private Path localPath;
    private long bytesTotal;
    private long bytesTransferred;
    /**
     * Bytes of the temporary file known to be on disk (forced): the store records no more than this, so a
     * persisted offset never runs ahead of the data a crash leaves behind.
     */
    private long durableBytes;
    private boolean completed;
    private String etag;
    private String lastModified;
    /** The identity of the temporary file this job created ({@link LocalFiles.TempFile#key()}), or null before it exists. */
    private String tempKey;
    private long resolvedSize = BgJobProgress.BG_SIZE_UNKNOWN;
    /** IBackgroundCopyFile3's validation state: TRUE once the owner (or Complete) accepted the content. */
    private boolean validated;
    private final Map<DoFilePropertyId, Object> properties = new EnumMap<>(DoFilePropertyId.class);
    /** The head of the last HTTP response (File5's HTTP_RESPONSE_HEADERS), or null before one; kept in memory only. */
    private String responseHeaders;
    /** IBackgroundCopyFile6 (docs/contract.md §4.19): ranges asked for, ranges here, where to continue first. */
    private List<BgFileRange> requested = List.of();
    private List<BgFileRange> filled = List.of();
    private long downloadPosition;
    /** The on-demand work a transfer runs now: the ranges it fetches, in order, and what was here before it. */
    private List<BgFileRange> onDemandWork = List.of();
    private List<BgFileRange> onDemandBase = List.of();
    /** What FileRangesTransferred has reported of {@link #filled}. */
    private List<BgFileRange> reported = List.of();

    FileData(int index, String fileId, URI remote, String remoteName, String localName, Path localPath,
             List<BgFileRange> sortedRanges, long declaredSize) {
        this.index = index;
        this.fileId = fileId;
        this.remoteName = remoteName;
        this.activeRemote = remote;
        this.localName = localName;
        this.localPath = localPath;
        this.ranges = sortedRanges;
        this.declaredSize = declaredSize;
        if (declaredSize != BgJobProgress.BG_SIZE_UNKNOWN) {
            this.resolvedSize = declaredSize;
        }
        this.bytesTotal = computeTotal();
    }

    private FileData(FileData other) {
        this.index = other.index;
        this.fileId = other.fileId;
        this.ranges = other.ranges;
        this.declaredSize = other.declaredSize;
        this.remoteName = other.remoteName;
        this.activeRemote = other.activeRemote;
        this.localName = other.localName;
        this.localPath = other.localPath;
        this.bytesTotal = other.bytesTotal;
        this.bytesTransferred = other.bytesTransferred;
        this.durableBytes = other.durableBytes;
        this.completed = other.completed;
        this.etag = other.etag;
        this.lastModified = other.lastModified;
        this.tempKey = other.tempKey;
        this.resolvedSize = other.resolvedSize;
        this.validated = other.validated;
        this.properties.putAll(other.properties);
        this.responseHeaders = other.responseHeaders;
        this.requested = other.requested;
        this.filled = other.filled;
        this.downloadPosition = other.downloadPosition;
        this.onDemandWork = other.onDemandWork;
        this.onDemandBase = other.onDemandBase;
        this.reported = other.reported;
    }

    /** A file read back from the store: it resumes from its stored (durable) byte count. */
    static FileData restored(int index, JobStore.StoredFile f, boolean validated) {
        Path local = f.localName() == null ? null : Arguments.parseLocalPath(f.localName());
        FileData file = new FileData(index, f.fileId(), Arguments.parseRemoteUrl(f.remoteName()), f.remoteName(),
                f.localName(), local, f.ranges(), f.declaredSize());
        file.resolvedSize = f.resolvedSize();
        file.bytesTransferred = f.bytesTransferred();
        file.durableBytes = f.bytesTransferred();
        file.etag = f.etag();
        file.lastModified = f.lastModified();
        file.tempKey = f.tempKey();
        file.validated = validated;
        file.bytesTotal = file.computeTotal();
        return file;
    }

    FileData copy() {
        return new FileData(this);
    }

    /** The record the store keeps; a durable store gets no more bytes than were forced to disk. */
    JobStore.StoredFile stored(boolean durable) {
        long trusted = durable ? Math.min(bytesTransferred, durableBytes) : bytesTransferred;
        return new JobStore.StoredFile(fileId, remoteName, localName, ranges, declaredSize, resolvedSize, trusted, etag,
                lastModified, tempKey);
    }

    // ---- the rules ----

    /**
     * A range's length once the file's size is known: its own length, or for {@code BG_LENGTH_TO_EOF}
     * the rest of the file; {@code BG_SIZE_UNKNOWN} while the size is unknown.
     */
    static long rangeLength(BgFileRange range, long size) {
        if (!range.isToEndOfFile()) {
            return range.length();
        }
        return size == BgJobProgress.BG_SIZE_UNKNOWN ? BgJobProgress.BG_SIZE_UNKNOWN : Math.max(0, size - range.initialOffset());
    }

    /** What {@code If-Range} carries: the strong ETag, else Last-Modified (RFC 9110 §13.1.5), else null. */
    static String validator(String etag, String lastModified) {
        return etag != null && !etag.startsWith("W/") ? etag : lastModified;
    }

    /** BytesTotal per docs/contract.md §6.10 P9/P13: the range sum once resolvable, else the size, else unknown. */
    private long computeTotal() {
        if (ranges.isEmpty()) {
            return resolvedSize;
        }
        long sum = 0;
        for (BgFileRange r : ranges) {
            long length = rangeLength(r, resolvedSize);
            if (length == BgJobProgress.BG_SIZE_UNKNOWN) {
                return BgJobProgress.BG_SIZE_UNKNOWN;
            }
            sum += length;
        }
        return sum;
    }

    // ---- what happens to a file ----

    /** Resume: the remote name set by SetRemoteName becomes the one the next request uses. */
    void activateRemoteName() {
        URI committed = Arguments.parseRemoteUrl(remoteName);
        if (committed != null) {
            activeRemote = committed;
        }
    }

    void renameRemote(String url) {
        remoteName = url;
    }

    /** A redirect's URL became the remote name: the next request asks for it, as GetRemoteName shows it. */
    void redirectedTo(String url) {
        URI parsed = Arguments.parseRemoteUrl(url);
        if (parsed != null) { // a URL too long for a remote name leaves the name as it was
            remoteName = url;
            activeRemote = parsed;
        }
    }

    /** The bytes so far no longer count: the next request asks for the whole file again, without a validator. */
    void restartFromFirstByte() {
        bytesTransferred = 0;
        durableBytes = 0;
        etag = null;
        lastModified = null;
        bytesTotal = computeTotal();
    }

    void sinkTo(String name, Path path) {
        localName = name;
        localPath = path;
    }

    void setProperty(DoFilePropertyId id, Object value) {
        properties.put(id, value);
    }

    /** A response head: the data starts at {@code offset}, the size may be known, the validators are kept. */
    void responded(long offset, long size, String newEtag, String newLastModified) {
        bytesTransferred = offset;
        respondedOnDemand(size, newEtag, newLastModified);
    }

    /**
     * A response head of an on-demand transfer, and the part of every head that is not about the offset: the size
     * and the validators; the bytes counted stay what is filled.
     */
    void respondedOnDemand(long size, String newEtag, String newLastModified) {
        if (size >= 0) {
            resolvedSize = size;
        }
        if (newEtag != null || newLastModified != null) {
            etag = newEtag;
            lastModified = newLastModified;
        }
        bytesTotal = computeTotal();
    }

    // ---- IBackgroundCopyFile6 ----

    /** RequestFileRanges: the ranges join what is asked for; overlaps are merged. */
    void requestRanges(List<BgFileRange> ranges) {
        requested = ByteRanges.union(requested, ranges);
    }

    void downloadFrom(long offset) {
        downloadPosition = offset;
    }

    /** The requested bytes not here yet, those from the download position first. */
    List<BgFileRange> pendingRanges() {
        return ByteRanges.from(ByteRanges.minus(requested, filled), downloadPosition);
    }

    /** A transfer starts fetching {@code gaps} for an on-demand job. */
    void startOnDemandWork(List<BgFileRange> gaps) {
        onDemandWork = gaps;
        onDemandBase = filled;
    }

    /** The on-demand transfer has {@code done} bytes of its work: they are filled, and they are the file's progress. */
    void receivedOnDemand(long done) {
        filled = ByteRanges.union(onDemandBase, ByteRanges.prefix(onDemandWork, done));
        bytesTransferred = ByteRanges.total(filled);
    }


    /** GetFilledFileRanges: on demand what arrived; otherwise the prefix a whole-file transfer wrote. */
    List<BgFileRange> filledRanges(boolean onDemand) {
        if (onDemand || bytesTransferred == 0) {
            return filled;
        }
        return ByteRanges.union(filled, List.of(new BgFileRange(0, bytesTransferred)));
    }

    /** The filled ranges FileRangesTransferred has not reported yet; marks them reported. */
    List<BgFileRange> takeUnreported() {
        List<BgFileRange> fresh = ByteRanges.minus(filled, reported);
        reported = filled;
        return fresh;
    }

    List<BgFileRange> requestedRanges() {
        return requested;
    }

    void headersReceived(String headers) {
        responseHeaders = headers;
    }

    /** The transfer created the temporary file (again): later opens must find this same file. */
    void tempCreated(String key) {
        tempKey = key;
    }

    void received(long transferred) {
        bytesTransferred = transferred;
    }

    void forcedToDisk(long bytes) {
        durableBytes = bytes;
    }

    /** A9: the body ended without a length; its size is what arrived. */
    void sizeKnown(long size) {
        resolvedSize = size;
        bytesTotal = computeTotal();
    }

    void movedIntoPlace() {
        completed = true;
        // Complete implicitly validates the file (IBackgroundCopyFile3::SetValidationState page).
        validated = true;
    }

    /** SetValidationState. */
    void validationSet(boolean valid) {
        validated = valid;
    }

    /**
     * SetValidationState(FALSE) on content from the origin server: the progress returns to zero and the content
     * is forgotten, so the next transfer creates a new temporary file and fetches the file from its start.
     */
    void contentRejected() {
        bytesTransferred = 0;
        durableBytes = 0;
        tempKey = null;
        validated = false;
    }

    // ---- reads ----

    /** Fully transferred: a known total, all of it here. */
    boolean isDone() {
        return bytesTotal != BgJobProgress.BG_SIZE_UNKNOWN && bytesTransferred == bytesTotal;
    }

    /** Whether a response head arrived, after which most DO properties are fixed. */
    boolean hasStarted() {
        return bytesTransferred > 0 || etag != null || lastModified != null;
    }

    BgFileProgress progress() {
        return new BgFileProgress(bytesTotal, bytesTransferred, completed);
    }

    Path tempPath(LocalFiles files, UUID jobId) {
        return files.tempPath(localPath, jobId, index);
    }

    String tempKey() {
        return tempKey;
    }

    String remoteName() {
        return remoteName;
    }

    URI activeRemote() {
        return activeRemote;
    }

    String localName() {
        return localName;
    }

    Path localPath() {
        return localPath;
    }

    long bytesTotal() {
        return bytesTotal;
    }

    long bytesTransferred() {
        return bytesTransferred;
    }

    long resolvedSize() {
        return resolvedSize;
    }

    boolean completed() {
        return completed;
    }

    boolean validated() {
        return validated;
    }

    String validator() {
        return validator(etag, lastModified);
    }

    String responseHeaders() {
        return responseHeaders;
    }

    Object property(DoFilePropertyId id) {
        return properties.get(id);
    }
}
