package dev.bgcopy.api;

/**
 * {@code IBackgroundCopyJob4} (IID {@code 659CDEAE-489E-11D9-A9CD-000D56965251}; docs/contract.md §3.14, §4.14):
 * BITS 3.0's job extension (peer caching, the owner's token, the maximum download time), reached with
 * {@code job.queryInterface(IBackgroundCopyJob4.class)}. Its six slots follow the 47 of {@link IBackgroundCopyJob3}.
 * The current Delivery Optimization reference does not document it: there {@code queryInterface} is empty
 * ({@link Feature#BITS3_INTERFACES}).
 */
public interface IBackgroundCopyJob4 extends IBackgroundCopyJob3 {

    /** {@code BG_JOB_ENABLE_PEERCACHING_CLIENT}: the job may download content from peers. */
    int BG_JOB_ENABLE_PEERCACHING_CLIENT = 0x1;
    /** {@code BG_JOB_ENABLE_PEERCACHING_SERVER}: the job's files may be cached and served to peers. */
    int BG_JOB_ENABLE_PEERCACHING_SERVER = 0x2;
    /** {@code BG_JOB_DISABLE_BRANCH_CACHE}: the job does not use Windows BranchCache. */
    int BG_JOB_DISABLE_BRANCH_CACHE = 0x4;
    /** The peer-caching flags a job may hold. */
    int PEER_CACHING_FLAGS = BG_JOB_ENABLE_PEERCACHING_CLIENT | BG_JOB_ENABLE_PEERCACHING_SERVER | BG_JOB_DISABLE_BRANCH_CACHE;
    /** The maximum download time of a new job: 7,776,000 seconds (90 days). */
    long DEFAULT_MAXIMUM_DOWNLOAD_TIME = 7_776_000L;
    /** {@code SECURITY_MANDATORY_MEDIUM_RID}: the integrity level of a normal user's token. */
    long SECURITY_MANDATORY_MEDIUM_RID = 0x2000L;
    /** {@code SECURITY_MANDATORY_HIGH_RID}: the integrity level of an elevated administrator's token. */
    long SECURITY_MANDATORY_HIGH_RID = 0x3000L;

    /**
     * {@code SetPeerCachingFlags} (slot 47): a mask of the {@code BG_JOB_*} peer flags. {@code E_NOTIMPL} for
     * another bit, {@code INVALID_STATE} when terminal (R189-R190).
     */
    void setPeerCachingFlags(int flags);

    /** {@code GetPeerCachingFlags} (slot 48): the mask last set; 0 for a new job (R189). */
    int getPeerCachingFlags();

    /**
     * {@code GetOwnerIntegrityLevel} (slot 49): the mandatory integrity RID of the token of the owner who created
     * or took ownership of the job ({@link #SECURITY_MANDATORY_MEDIUM_RID} for a normal user; R191).
     */
    long getOwnerIntegrityLevel();

    /** {@code GetOwnerElevationState} (slot 50): whether that token was elevated (false for a normal user; R191). */
    boolean getOwnerElevationState();

    /**
     * {@code SetMaximumDownloadTime} (slot 51): the seconds the job may spend CONNECTING or TRANSFERRING before it
     * enters ERROR with {@code BG_E_MAXDOWNLOAD_TIMEOUT}; Resume restarts the count; 0 means no limit. Any
     * {@code ULONG}; {@code INVALID_STATE} when terminal (R192-R195).
     */
    void setMaximumDownloadTime(long seconds);

    /** {@code GetMaximumDownloadTime} (slot 52): the seconds last set; {@value #DEFAULT_MAXIMUM_DOWNLOAD_TIME} for a new job. */
    long getMaximumDownloadTime();
}
