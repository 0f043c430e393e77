/**
 * The bgcopy contract: {@code IBackgroundCopyJob} and friends, their value types and HRESULTs, and the
 * discovery of implementations. No dependencies.
 */
module dev.bgcopy.api {
    exports dev.bgcopy.api;

    uses dev.bgcopy.api.BackgroundCopyProvider;
}
