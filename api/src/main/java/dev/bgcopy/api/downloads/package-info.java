/**
 * The task-level API: {@link dev.bgcopy.api.downloads.Downloads} starts named downloads on the best
 * transfer service ({@code IBackgroundCopyManager}), {@link dev.bgcopy.api.downloads.Download} waits for
 * one to be transferred, SHA-256-verified and moved into place, and finds it again after a restart.
 *
 * <pre>{@code
 * try (Downloads downloads = Downloads.open("my-updater")) {
 *     Path file = downloads.start(DownloadRequest.builder(URI.create(url), Path.of("/opt/app/app-2.4.zip")).build())
 *             .completion().get();
 * }
 * }</pre>
 */
package dev.bgcopy.api.downloads;
