package dev.bgcopy.api;

/**
 * {@code IEnumBackgroundCopyFiles} (IID {@code CA51E165-C365-424C-8D41-24AAA4FF3C40}; docs/contract.md §3.6,
 * §4.4): the files of a job in the order they were added, from {@link IBackgroundCopyJob#enumFiles()}.
 */
public interface IEnumBackgroundCopyFiles extends BackgroundCopyEnumerator<IBackgroundCopyFile> {

    /**
     * {@code Clone} (slot 6): an independent enumerator over the same snapshot at the same position.
     * Undocumented for DO: there it fails with {@code E_NOTIMPL} (R91).
     */
    IEnumBackgroundCopyFiles clone();
}
