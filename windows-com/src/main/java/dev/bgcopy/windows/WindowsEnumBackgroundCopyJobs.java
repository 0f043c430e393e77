package dev.bgcopy.windows;

import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IEnumBackgroundCopyJobs;
import dev.bgcopy.windows.internal.ComPtr;

/** {@code IEnumBackgroundCopyJobs} (docs/contract.md §3.6, BITS only). */
final class WindowsEnumBackgroundCopyJobs extends WindowsEnumerator<IBackgroundCopyJob>
        implements IEnumBackgroundCopyJobs {

    WindowsEnumBackgroundCopyJobs(Binding binding, ComPtr com) {
        super(binding, com, "IBackgroundCopyJob");
    }

    @Override
    IBackgroundCopyJob wrap(ComPtr element) {
        return new WindowsBackgroundCopyJob(binding, element);
    }

    @Override
    public IEnumBackgroundCopyJobs clone() {
        return new WindowsEnumBackgroundCopyJobs(binding, cloneReference());
    }
}
