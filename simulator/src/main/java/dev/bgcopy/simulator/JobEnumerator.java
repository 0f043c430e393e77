package dev.bgcopy.simulator;

import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IEnumBackgroundCopyJobs;
import java.util.List;

/** {@code IEnumBackgroundCopyJobs} (BITS dialect): the jobs visible to the caller, as of the EnumJobs call. */
final class JobEnumerator extends SnapshotEnumerator<IBackgroundCopyJob> implements IEnumBackgroundCopyJobs {

    JobEnumerator(List<IBackgroundCopyJob> jobs, int cursor) {
        super(jobs, cursor, "IEnumBackgroundCopyJobs");
    }

    @Override
    public IEnumBackgroundCopyJobs clone() {
        return new JobEnumerator(elements, position());
    }
}
