package dev.bgcopy.api;

import java.util.List;

/**
 * {@code IBackgroundCopyJob3} (IID {@code 443C8934-90FF-48ED-BCDE-26F5C7450042}; docs/contract.md §3.13, §4.13):
 * BITS 2.0's job extension, reached with {@code job.queryInterface(IBackgroundCopyJob3.class)}. Its four slots
 * follow the 43 of {@link IBackgroundCopyJob2}. Delivery Optimization does not document it: there
 * {@code queryInterface} is empty ({@link Feature#BITS3_INTERFACES}).
 */
public interface IBackgroundCopyJob3 extends IBackgroundCopyJob2 {

    /** {@code BG_COPY_FILE_OWNER}: the file keeps its source's owner. */
    int BG_COPY_FILE_OWNER = 0x1;
    /** {@code BG_COPY_FILE_GROUP}: the file keeps its source's group. */
    int BG_COPY_FILE_GROUP = 0x2;
    /** {@code BG_COPY_FILE_DACL}: the file gets its source's explicit access entries (POSIX: its mode bits). */
    int BG_COPY_FILE_DACL = 0x4;
    /** {@code BG_COPY_FILE_SACL}: the file gets its source's audit entries (no POSIX equivalent). */
    int BG_COPY_FILE_SACL = 0x8;
    /** {@code BG_COPY_FILE_ALL}: the four flags together. */
    int BG_COPY_FILE_ALL = 0xF;
    /** The longest remote name {@link #replaceRemotePrefix} may produce. */
    int MAX_REMOTE_NAME = 2_200;

    /**
     * {@code ReplaceRemotePrefix} (slot 43): every remote name that starts with {@code oldPrefix} (case-sensitive)
     * gets {@code newPrefix} instead, used from the next Resume. {@code E_INVALIDARG} for an empty prefix or when a
     * new name would be an invalid remote name or over {@value #MAX_REMOTE_NAME} characters (nothing changes then);
     * {@code INVALID_STATE} when terminal (R181-R183).
     *
     * @return {@link HResult#S_OK}, or {@link HResult#S_FALSE} when no remote name starts with {@code oldPrefix}
     */
    HResult replaceRemotePrefix(String oldPrefix, String newPrefix);

    /**
     * {@code AddFileWithRanges} (slot 44): appends a download of the given byte ranges of {@code remoteUrl} to
     * {@code localName}, written one after the other in the given order. {@code E_INVALIDARG} for no ranges, a bad
     * name or a relative path, {@code INVALID_RANGE}, {@code OVERLAPPING_RANGES}, {@code BG_E_TOO_MANY_RANGES_IN_FILE},
     * {@code E_ACCESSDENIED}, {@code INVALID_STATE} when terminal (R184-R185).
     */
    void addFileWithRanges(String remoteUrl, String localName, List<BgFileRange> ranges);

    /**
     * {@code SetFileACLFlags} (slot 45): which owner and access information of a file-system source the files
     * keep, a mask of the {@code BG_COPY_FILE_*} flags; 0 removes them. {@code E_INVALIDARG} for another bit,
     * {@code INVALID_STATE} once the job is TRANSFERRED or terminal (R186-R188).
     */
    void setFileACLFlags(int flags);

    /** {@code GetFileACLFlags} (slot 46): the mask last set; 0 for a new job (R186). */
    int getFileACLFlags();
}
