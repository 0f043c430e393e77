package dev.bgcopy.windows;

import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IEnumBackgroundCopyFiles;
import dev.bgcopy.windows.internal.ComPtr;

/** {@code IEnumBackgroundCopyFiles} (docs/contract.md §3.6). */
final class WindowsEnumBackgroundCopyFiles extends WindowsEnumerator<IBackgroundCopyFile>
        implements IEnumBackgroundCopyFiles {

    WindowsEnumBackgroundCopyFiles(Binding binding, ComPtr com) {
        super(binding, com, "IBackgroundCopyFile");
    }

    @Override
    IBackgroundCopyFile wrap(ComPtr element) {
        return new WindowsBackgroundCopyFile(binding, element);
    }

    @Override
    public IEnumBackgroundCopyFiles clone() {
        return new WindowsEnumBackgroundCopyFiles(binding, cloneReference());
    }
}
