package dev.bgcopy.api;

/**
 * {@code IEnumBackgroundCopyJobs} (IID {@code 1AF4F612-3B71-466F-8F58-7B6F73AC57AD}; docs/contract.md §3.6,
 * §4.4, BITS only): the caller's jobs, from {@link IBackgroundCopyManager#enumJobs(int)}.
 */
public interface IEnumBackgroundCopyJobs extends BackgroundCopyEnumerator<IBackgroundCopyJob> {

    /** {@code Clone} (slot 6): an independent enumerator over the same snapshot at the same position. */
    IEnumBackgroundCopyJobs clone();
}
