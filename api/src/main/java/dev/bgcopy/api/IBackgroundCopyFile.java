package dev.bgcopy.api;

import java.util.List;

/**
 * {@code IBackgroundCopyFile} (IID {@code 01B7BD23-FB88-4A77-8490-5891D3E4653A}) together with
 * {@code IBackgroundCopyFile2} (IID {@code 83E81B93-0873-474D-8A8C-F2018B1A939C}): one file of a job
 * (docs/contract.md §3.7, §4.5). Getters work in every job state. Thread-safe.
 */
public interface IBackgroundCopyFile extends IUnknown {

    /** {@code GetRemoteName} (slot 3): the URL exactly as added, or as last set by {@link #setRemoteName}. */
    String getRemoteName();

    /** {@code GetLocalName} (slot 4): the fully qualified local path as added (empty for a Job2 file without sink). */
    String getLocalName();

    /** {@code GetProgress} (slot 5): the file's {@code BG_FILE_PROGRESS}. */
    BgFileProgress getProgress();

    /**
     * {@code IBackgroundCopyFile2::GetFileRanges} (slot 6): the file's ranges sorted by offset, or an
     * empty list for a whole-file download (the native {@code S_FALSE} with a NULL array; R92).
     */
    List<BgFileRange> getFileRanges();

    /**
     * {@code IBackgroundCopyFile2::SetRemoteName} (slot 7): a new URL for this file, used from the next
     * Resume. {@code E_INVALIDARG} for an invalid URL or one over 2,200 characters (R93);
     * {@code INVALID_STATE} when the job is terminal.
     */
    void setRemoteName(String remoteUrl);
}
