/**
 * The bgcopy contract: {@code IBackgroundCopyJob} and friends, their value types and HRESULTs, and the
 * discovery of implementations; and {@code dev.bgcopy.api.downloads}, the task-level API on top of them
 * (start a named download, wait for it verified and in place, find it again after a restart). No dependencies.
 */
module dev.bgcopy.api {
    exports dev.bgcopy.api;
    exports dev.bgcopy.api.downloads;

    uses dev.bgcopy.api.BackgroundCopyProvider;
}
