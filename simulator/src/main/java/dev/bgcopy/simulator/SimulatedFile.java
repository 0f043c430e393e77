package dev.bgcopy.simulator;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgFileProgress;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgPeerDownloadStats;
import dev.bgcopy.api.BitsFilePropertyId;
import dev.bgcopy.api.DoFilePropertyId;
import dev.bgcopy.api.DoSwarmStats;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyFile6;
import dev.bgcopy.api.SemanticError;
import dev.bgcopy.api.IDeliveryOptimizationFile;
import dev.bgcopy.api.IDeliveryOptimizationFile2;
import dev.bgcopy.api.IUnknown;
import java.util.List;
import java.util.Optional;

/**
 * One file of a {@link SimulatedJob} as a COM object: {@code IBackgroundCopyFile}/{@code IBackgroundCopyFile2},
 * in the BITS dialect {@code IBackgroundCopyFile3}/{@code IBackgroundCopyFile4}, and in the DO dialect {@code IDeliveryOptimizationFile}/{@code IDeliveryOptimizationFile2}. It holds
 * no state of its own: getters read the job's last committed {@link FileData}, setters go through the job.
 */
final class SimulatedFile implements IBackgroundCopyFile6, IDeliveryOptimizationFile, IDeliveryOptimizationFile2 {

    private static final String DO_FILE2 = "IDeliveryOptimizationFile2::";
    private static final String FILE5 = "IBackgroundCopyFile5::";

    private final SimulatedJob job;
    private final int index;

    SimulatedFile(SimulatedJob job, int index) {
        this.job = job;
        this.index = index;
    }

    private FileData data() {
        return job.state().data().file(index);
    }

    // ---- IUnknown ----

    @Override
    public <T extends IUnknown> Optional<T> queryInterface(Class<T> iface) {
        return job.rules().exposes(iface) ? IBackgroundCopyFile6.super.queryInterface(iface) : Optional.empty();
    }

    // ---- IBackgroundCopyFile / File2 ----

    @Override
    public String getRemoteName() {
        return data().remoteName();
    }

    @Override
    public String getLocalName() {
        String localName = data().localName();
        return localName == null ? "" : localName;
    }

    @Override
    public BgFileProgress getProgress() {
        return job.state().snapshot().fileProgress(index);
    }

    @Override
    public List<BgFileRange> getFileRanges() {
        return data().ranges;
    }

    @Override
    public void setRemoteName(String remoteUrl) {
        job.setRemoteName(index, remoteUrl);
    }

    // ---- IBackgroundCopyFile3 / File4 (docs/contract.md §4.15, §4.16) ----

    @Override
    public String getTemporaryName() {
        job.rules().requireBitsInterface("IBackgroundCopyFile3::GetTemporaryName");
        return job.temporaryName(index);
    }

    @Override
    public void setValidationState(boolean valid) {
        job.setValidationState(index, valid);
    }

    @Override
    public boolean getValidationState() {
        job.rules().requireBitsInterface("IBackgroundCopyFile3::GetValidationState");
        return data().validated();
    }

    /** The simulator has no peer cache (yet): every byte comes from the origin server. */
    @Override
    public boolean isDownloadedFromPeer() {
        job.rules().requireBitsInterface("IBackgroundCopyFile3::IsDownloadedFromPeer");
        return false;
    }

    @Override
    public BgPeerDownloadStats getPeerDownloadStats() {
        job.rules().requireBitsInterface("IBackgroundCopyFile4::GetPeerDownloadStats");
        return new BgPeerDownloadStats(data().bytesTransferred(), 0);
    }

    // ---- IDeliveryOptimizationFile ----

    @Override
    public DoSwarmStats getStats() {
        job.rules().requireDoInterface("IDeliveryOptimizationFile::GetStats");
        JobData jobData = job.state().data();
        FileData file = jobData.file(index);
        long downloaded = file.bytesTransferred();
        DoSwarmStats.SwarmStatus status;
        if (file.isDone()) {
            status = DoSwarmStats.SwarmStatus.COMPLETE;
        } else {
            status = switch (jobData.state) {
                case SUSPENDED, ERROR, TRANSIENT_ERROR -> DoSwarmStats.SwarmStatus.PAUSED;
                default -> DoSwarmStats.SwarmStatus.DOWNLOADING;
            };
        }
        return new DoSwarmStats(file.fileId == null ? "" : file.fileId, file.remoteName(), file.resolvedSize(), downloaded,
                0, 0, 0, downloaded, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, DoSwarmStats.DownloadMode.SIMPLE, status,
                jobData.priority != BgJobPriority.FOREGROUND);
    }

    // ---- IDeliveryOptimizationFile2 ----

    @Override
    public Object getProperty(DoFilePropertyId id) {
        String method = DO_FILE2 + "GetProperty";
        job.rules().requireDoInterface(method);
        if (id == null) {
            throw new BackgroundCopyException(method, HResult.DO_E_UNKNOWN_PROPERTY_ID, "null property id");
        }
        if (id.isWriteOnly()) {
            throw new BackgroundCopyException(method, HResult.DO_E_WRITE_ONLY_PROPERTY, id + " is write-only");
        }
        FileData file = data();
        Object value = id == DoFilePropertyId.DOWNLOAD_SINK_FILE_PATH ? file.localName() : file.property(id);
        if (value == null) {
            throw new BackgroundCopyException(method, HResult.E_NOT_SET, id + " was never set");
        }
        return value;
    }

    @Override
    public void setProperty(DoFilePropertyId id, Object value) {
        job.rules().requireDoInterface(DO_FILE2 + "SetProperty");
        job.setFileProperty(index, id, value);
    }

    // ---- IBackgroundCopyFile5 (both dialects) ----

    @Override
    public void setProperty(BitsFilePropertyId id, String value) {
        String method = FILE5 + "SetProperty";
        requireKnown(method, id);
        throw new BackgroundCopyException(method, job.rules().code(SemanticError.READ_ONLY_PROPERTY),
                "HTTP_RESPONSE_HEADERS is what the server sent; it cannot be set");
    }

    @Override
    public String getProperty(BitsFilePropertyId id) {
        requireKnown(FILE5 + "GetProperty", id);
        String headers = data().responseHeaders();
        return headers == null ? "" : headers;
    }

    private void requireKnown(String method, BitsFilePropertyId id) {
        if (!BitsFilePropertyId.HTTP_RESPONSE_HEADERS.equals(id)) {
            throw new BackgroundCopyException(method, job.rules().code(SemanticError.UNKNOWN_PROPERTY_ID),
                    "unknown BITS_FILE_PROPERTY_ID " + id);
        }
    }

    // ---- IBackgroundCopyFile6 (BITS) ----

    @Override
    public void updateDownloadPosition(long offset) {
        job.updateDownloadPosition(index, offset);
    }

    @Override
    public void requestFileRanges(List<BgFileRange> ranges) {
        job.requestFileRanges(index, ranges);
    }

    @Override
    public List<BgFileRange> getFilledFileRanges() {
        return job.getFilledFileRanges(index);
    }

    @Override
    public String toString() {
        return "SimulatedFile[" + index + " " + getRemoteName() + " -> " + getLocalName() + "]";
    }
}
