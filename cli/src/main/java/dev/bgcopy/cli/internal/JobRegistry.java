package dev.bgcopy.cli.internal;

import dev.bgcopy.api.downloads.AppDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * The ids of the jobs this CLI created, one per line, so that {@code bgcopy list} works where the
 * service has no {@code EnumJobs} (Delivery Optimization, and the simulator's DO dialect). Best effort:
 * the service stays the source of truth, and a registry that cannot be written only shortens the list.
 * The file and the directories made for it are the owner's only ({@link AppDirs#createPrivateFile}).
 */
final class JobRegistry {

    private final Path file;

    JobRegistry(Path file) {
        this.file = file;
    }

    void record(UUID id) {
        try {
            AppDirs.createPrivateFile(file);
            Files.writeString(file, id + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // Best effort (see the class comment).
        }
    }

    List<UUID> ids() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        LinkedHashSet<UUID> ids = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    ids.add(UUID.fromString(line.strip()));
                } catch (IllegalArgumentException e) {
                    // A damaged line names no job.
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return new ArrayList<>(ids);
    }

    void retain(List<UUID> live) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            AppDirs.createPrivateFile(tmp);
            StringBuilder text = new StringBuilder();
            live.forEach(id -> text.append(id).append(System.lineSeparator()));
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Best effort (see the class comment).
        }
    }
}
