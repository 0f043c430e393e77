package dev.bgcopy.api;

/**
 * {@code IBackgroundCopyJob2} (IID {@code 54B50739-686F-45EB-9DFF-D6A9A0FAA9AF}; docs/contract.md §3.11, §4.11):
 * BITS 1.5's job extension, reached with {@code job.queryInterface(IBackgroundCopyJob2.class)}. Its slots follow
 * the 35 of {@link IBackgroundCopyJob}. Delivery Optimization does not document it: there
 * {@code queryInterface} is empty ({@link Feature#HTTP_OPTIONS}).
 *
 * <p>The reply methods belong to upload-reply jobs; every job of this SDK is a download job, for which they
 * fail with {@code E_NOTIMPL} as documented. Credentials can be set and removed but never read back.
 */
public interface IBackgroundCopyJob2 extends IBackgroundCopyJob {

    /** {@code SetNotifyCmdLine}: {@code program} is limited to {@value #MAX_PATH} characters. */
    int MAX_PATH = 260;
    /** {@code SetNotifyCmdLine}: {@code parameters} is limited to 4,000 characters. */
    int MAX_NOTIFY_PARAMETERS = 4_000;

    /**
     * {@code SetNotifyCmdLine} (slot 35): the program to run when the job enters TRANSFERRED or ERROR; both null
     * removes it. {@code E_INVALIDARG} for a null program with parameters, {@code BG_E_STRING_TOO_LONG} over the
     * limits, {@code INVALID_STATE} when terminal (R142-R144).
     *
     * @param program the program's full path, or null
     * @param parameters the command line, first word the program itself, or null
     */
    void setNotifyCmdLine(String program, String parameters);

    /** {@code GetNotifyCmdLine} (slot 36): the program and command line, both empty when none is set (R141). */
    BgNotifyCmdLine getNotifyCmdLine();

    /** {@code GetReplyProgress} (slot 37): {@code E_NOTIMPL} for a download job (R148). */
    BgJobReplyProgress getReplyProgress();

    /** {@code GetReplyData} (slot 38): {@code E_NOTIMPL} for a download job (R148). */
    byte[] getReplyData();

    /** {@code SetReplyFileName} (slot 39): {@code E_NOTIMPL} for a download job (R148). */
    void setReplyFileName(String replyFileName);

    /** {@code GetReplyFileName} (slot 40): {@code E_NOTIMPL} for a download job (R148). */
    String getReplyFileName();

    /**
     * {@code SetCredentials} (slot 41): stores (or replaces) the credentials of one target and scheme.
     * {@code BG_E_INVALID_AUTH_TARGET}, {@code BG_E_INVALID_AUTH_SCHEME}, {@code BG_E_USERNAME_TOO_LARGE},
     * {@code BG_E_PASSWORD_TOO_LARGE}, {@code E_INVALIDARG} for Basic or Digest without a user name and a
     * password, {@code INVALID_STATE} when terminal (R145-R146). The caller may {@link BgBasicCredentials#clear()}
     * its copy afterwards.
     */
    void setCredentials(BgAuthCredentials credentials);

    /**
     * {@code RemoveCredentials} (slot 42).
     *
     * @return {@link HResult#S_OK}, or {@link HResult#S_FALSE} when no credentials of that target and scheme
     *         were set (R147)
     */
    HResult removeCredentials(BgAuthTarget target, BgAuthScheme scheme);
}
