package dev.bgcopy.simulator;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IEnumBackgroundCopyFiles;
import java.util.List;

/** {@code IEnumBackgroundCopyFiles}: a job's files in add order, as of the EnumFiles call. */
final class FileEnumerator extends SnapshotEnumerator<IBackgroundCopyFile> implements IEnumBackgroundCopyFiles {

    private final Dialect dialect;

    FileEnumerator(List<IBackgroundCopyFile> files, int cursor, Dialect dialect) {
        super(files, cursor, "IEnumBackgroundCopyFiles");
        this.dialect = dialect;
    }

    @Override
    public IEnumBackgroundCopyFiles clone() {
        if (dialect != Dialect.BITS) {
            throw new BackgroundCopyException("IEnumBackgroundCopyFiles::Clone", HResult.E_NOTIMPL,
                    "not documented for Delivery Optimization");
        }
        return new FileEnumerator(elements, position(), dialect);
    }
}
