package dev.bgcopy.api;

import java.util.Objects;

/**
 * {@code BG_FILE_INFO}: a remote URL and the local file it downloads to, for {@code AddFileSet}
 * (docs/contract.md §6.6).
 *
 * @param remoteName {@code RemoteName}: the URL
 * @param localName {@code LocalName}: the fully qualified local path
 */
public record BgFileInfo(String remoteName, String localName) {

    /** Both names are required, as the native struct's strings are. */
    public BgFileInfo {
        Objects.requireNonNull(remoteName, "remoteName");
        Objects.requireNonNull(localName, "localName");
    }
}
