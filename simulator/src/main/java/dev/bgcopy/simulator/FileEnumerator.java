package dev.bgcopy.simulator;

import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IEnumBackgroundCopyFiles;
import java.util.List;

/** {@code IEnumBackgroundCopyFiles}: a job's files in add order, as of the EnumFiles call. */
final class FileEnumerator extends SnapshotEnumerator<IBackgroundCopyFile> implements IEnumBackgroundCopyFiles {

    private final DialectRules rules;

    FileEnumerator(List<IBackgroundCopyFile> files, int cursor, DialectRules rules) {
        super(files, cursor, "IEnumBackgroundCopyFiles");
        this.rules = rules;
    }

    @Override
    public IEnumBackgroundCopyFiles clone() {
        rules.requireBitsMethod("IEnumBackgroundCopyFiles::Clone");
        return new FileEnumerator(elements, position(), rules);
    }
}
