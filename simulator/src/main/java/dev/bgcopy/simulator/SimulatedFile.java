package dev.bgcopy.simulator;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgFileProgress;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.DoFilePropertyId;
import dev.bgcopy.api.DoSwarmStats;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IDeliveryOptimizationFile;
import dev.bgcopy.api.IDeliveryOptimizationFile2;
import dev.bgcopy.api.IUnknown;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One file of a {@link SimulatedJob}: {@code IBackgroundCopyFile}/{@code IBackgroundCopyFile2}, and in
 * the DO dialect {@code IDeliveryOptimizationFile}/{@code IDeliveryOptimizationFile2}. Its mutable
 * fields are guarded by the owning job's lock; {@link #getProgress()} reads the job's published snapshot.
 */
final class SimulatedFile implements IBackgroundCopyFile, IDeliveryOptimizationFile, IDeliveryOptimizationFile2 {

    private static final String FILE = "IBackgroundCopyFile::";
    private static final String DO_FILE2 = "IDeliveryOptimizationFile2::";

    final SimulatedJob job;
    final int index;
    final String fileId;
    final List<BgFileRange> ranges;
    final long declaredSize;

    // Guarded by job.lock.
    String remoteName;
    URI activeRemote;
    String localName;
    Path localPath;
    long bytesTotal;
    long bytesTransferred;
    /**
     * Bytes of the temporary file known to be on disk (forced): the store records no more than this, so a
     * persisted offset never runs ahead of the data a crash leaves behind.
     */
    long durableBytes;
    boolean completed;
    String etag;
    String lastModified;
    long resolvedSize = BgJobProgress.BG_SIZE_UNKNOWN;
    final Map<DoFilePropertyId, Object> properties = new EnumMap<>(DoFilePropertyId.class);

    SimulatedFile(SimulatedJob job, int index, String fileId, URI remote, String remoteName, String localName,
                  Path localPath, List<BgFileRange> sortedRanges, long declaredSize) {
        this.job = job;
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

    /** BytesTotal per docs/contract.md §6.10 P9/P13: the range sum once resolvable, else the size, else unknown. Caller holds the lock. */
    long computeTotal() {
        if (ranges.isEmpty()) {
            return resolvedSize;
        }
        long sum = 0;
        for (BgFileRange r : ranges) {
            long length = rangeLength(r);
            if (length == BgJobProgress.BG_SIZE_UNKNOWN) {
                return BgJobProgress.BG_SIZE_UNKNOWN;
            }
            sum += length;
        }
        return sum;
    }

    /** A range's length, resolving BG_LENGTH_TO_EOF once the size is known. Caller holds the lock. */
    long rangeLength(BgFileRange r) {
        if (!r.isToEndOfFile()) {
            return r.length();
        }
        if (resolvedSize == BgJobProgress.BG_SIZE_UNKNOWN) {
            return BgJobProgress.BG_SIZE_UNKNOWN;
        }
        return Math.max(0, resolvedSize - r.initialOffset());
    }

    /** Fully transferred: a known total, all of it here. Caller holds the lock. */
    boolean isDoneLocked() {
        return bytesTotal != BgJobProgress.BG_SIZE_UNKNOWN && bytesTransferred == bytesTotal;
    }

    BgFileProgress progressLocked() {
        return new BgFileProgress(bytesTotal, bytesTransferred, completed);
    }

    /**
     * The hidden temporary file next to the destination: {@code .<name>.bgcopy-<job>-<index>.tmp}, with
     * the name cut to {@link #TEMP_NAME_PREFIX_LIMIT} characters so the whole stays within file-name
     * limits (255 bytes on common file systems).
     */
    Path tempPathLocked() {
        if (localPath == null) {
            return null;
        }
        String name = localPath.getFileName().toString();
        if (name.length() > TEMP_NAME_PREFIX_LIMIT) {
            name = name.substring(0, TEMP_NAME_PREFIX_LIMIT);
        }
        return localPath.resolveSibling("." + name + ".bgcopy-" + job.id + "-" + index + ".tmp");
    }

    static final int TEMP_NAME_PREFIX_LIMIT = 100;

    // ---- IUnknown ----

    @Override
    public <T extends IUnknown> Optional<T> queryInterface(Class<T> iface) {
        if (job.dialect() != Dialect.DO
                && (iface == IDeliveryOptimizationFile.class || iface == IDeliveryOptimizationFile2.class)) {
            return Optional.empty();
        }
        return IBackgroundCopyFile.super.queryInterface(iface);
    }

    // ---- IBackgroundCopyFile / File2 ----

    @Override
    public String getRemoteName() {
        return job.read(() -> remoteName);
    }

    @Override
    public String getLocalName() {
        return job.read(() -> localName == null ? "" : localName);
    }

    @Override
    public BgFileProgress getProgress() {
        return job.snapshot().files().get(index);
    }

    @Override
    public List<BgFileRange> getFileRanges() {
        return ranges;
    }

    @Override
    public void setRemoteName(String remoteUrl) {
        job.setRemoteName(this, remoteUrl);
    }

    // ---- IDeliveryOptimizationFile ----

    @Override
    public DoSwarmStats getStats() {
        requireDo("IDeliveryOptimizationFile::GetStats");
        return job.read(() -> {
            long downloaded = bytesTransferred;
            DoSwarmStats.SwarmStatus status;
            if (isDoneLocked()) {
                status = DoSwarmStats.SwarmStatus.COMPLETE;
            } else {
                status = switch (job.stateLocked()) {
                    case SUSPENDED, ERROR, TRANSIENT_ERROR -> DoSwarmStats.SwarmStatus.PAUSED;
                    default -> DoSwarmStats.SwarmStatus.DOWNLOADING;
                };
            }
            return new DoSwarmStats(fileId == null ? "" : fileId, remoteName, resolvedSize, downloaded, 0, 0, 0,
                    downloaded, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, DoSwarmStats.DownloadMode.SIMPLE, status,
                    job.priorityLocked() != dev.bgcopy.api.BgJobPriority.FOREGROUND);
        });
    }

    // ---- IDeliveryOptimizationFile2 ----

    @Override
    public Object getProperty(DoFilePropertyId id) {
        requireDo(DO_FILE2 + "GetProperty");
        if (id == null) {
            throw new BackgroundCopyException(DO_FILE2 + "GetProperty", HResult.DO_E_UNKNOWN_PROPERTY_ID, "null property id");
        }
        if (id.isWriteOnly()) {
            throw new BackgroundCopyException(DO_FILE2 + "GetProperty", HResult.DO_E_WRITE_ONLY_PROPERTY,
                    id + " is write-only");
        }
        Object value = job.read(() -> {
            if (id == DoFilePropertyId.DOWNLOAD_SINK_FILE_PATH) {
                return localName;
            }
            return properties.get(id);
        });
        if (value == null) {
            throw new BackgroundCopyException(DO_FILE2 + "GetProperty", HResult.E_NOT_SET, id + " was never set");
        }
        return value;
    }

    @Override
    public void setProperty(DoFilePropertyId id, Object value) {
        requireDo(DO_FILE2 + "SetProperty");
        job.setFileProperty(this, id, value);
    }

    private void requireDo(String method) {
        if (job.dialect() != Dialect.DO) {
            throw new BackgroundCopyException(method, HResult.E_NOINTERFACE, "a BITS file has no DO interfaces");
        }
    }

    @Override
    public String toString() {
        return "SimulatedFile[" + index + " " + getRemoteName() + " -> " + getLocalName() + "]";
    }
}
