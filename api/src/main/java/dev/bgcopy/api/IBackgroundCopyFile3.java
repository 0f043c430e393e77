package dev.bgcopy.api;

/**
 * {@code IBackgroundCopyFile3} (IID {@code 659CDEAA-489E-11D9-A9CD-000D56965251}; docs/contract.md §3.15, §4.15):
 * BITS 3.0's file extension, to check a file before it lands, reached with
 * {@code file.queryInterface(IBackgroundCopyFile3.class)}. Its slots 8-11 follow those of
 * {@code IBackgroundCopyFile2} ({@link IBackgroundCopyFile}). Delivery Optimization does not document it
 * ({@link Feature#BITS3_INTERFACES}).
 *
 * <pre>{@code
 * IBackgroundCopyFile3 file = ...;          // in FileTransferred, or once the job is TRANSFERRED
 * boolean good = verify(Path.of(file.getTemporaryName()));
 * file.setValidationState(good);           // false: the job enters ERROR (BG_E_VALIDATION_FAILED), Resume fetches it again
 * }</pre>
 */
public interface IBackgroundCopyFile3 extends IBackgroundCopyFile {

    /** {@code GetTemporaryName} (slot 8): the full path of the temporary file that holds the downloaded content (R196). */
    String getTemporaryName();

    /**
     * {@code SetValidationState} (slot 9): whether the transferred content is valid. False on content from the origin
     * server: the file's progress returns to zero, its content is discarded and the job enters ERROR with
     * {@code BG_E_VALIDATION_FAILED}; Resume downloads it again. True: Complete moves it into place as usual.
     * {@code E_PENDING} before the file is fully transferred, {@code INVALID_STATE} when the job is terminal
     * (R197-R200).
     */
    void setValidationState(boolean valid);

    /** {@code GetValidationState} (slot 10): the state last set; false also means "never set" (R197). */
    boolean getValidationState();

    /** {@code IsDownloadedFromPeer} (slot 11): whether any part of the file came from a peer (R201). */
    boolean isDownloadedFromPeer();
}
