package dev.bgcopy.api.downloads;

import dev.bgcopy.api.downloads.DownloadRequest.DownloadFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The application's name → job registry, one properties file in its data directory. It exists because
 * Delivery Optimization cannot enumerate jobs ({@code EnumJobs} is {@code E_NOTIMPL}) and because a job
 * alone does not remember the SHA-256 and final destination of its files: the job's files are staged.
 * Every change rewrites the file atomically (a temporary file moved over it), so a crash leaves the old
 * or the new registry, never a torn one. The file is its owner's only ({@link AppDirs#createPrivateFile}).
 * Where the jobs themselves live in memory ({@link Downloads#IN_MEMORY}) the registry does too: an entry
 * that outlived its jobs would only have to be forgotten again.
 */
final class Registry {

    /** One registered download: its job and its files (the final destinations, not the staging names). */
    record Entry(String name, UUID jobId, List<DownloadFile> files) {
    }

    private static final String FILE_NAME = "downloads.properties";

    /** Null when the registry is kept in {@link #memory}. */
    private final Path file;
    private final Map<String, Entry> memory = new TreeMap<>();

    private Registry(Path file) {
        this.file = file;
    }

    /** The registry in {@code directory}'s file. */
    static Registry in(Path directory) {
        return new Registry(directory.resolve(FILE_NAME));
    }

    /** A registry that ends with the process. */
    static Registry inMemory() {
        return new Registry(null);
    }

    synchronized Optional<Entry> byJob(UUID jobId) {
        return load().values().stream().filter(e -> e.jobId().equals(jobId)).findFirst();
    }

    synchronized Optional<Entry> get(String name) {
        return Optional.ofNullable(load().get(name));
    }

    synchronized List<Entry> all() {
        return new ArrayList<>(load().values());
    }

    synchronized void put(Entry entry) {
        Map<String, Entry> entries = load();
        entries.put(entry.name(), entry);
        save(entries);
    }

    synchronized void remove(String name) {
        Map<String, Entry> entries = load();
        if (entries.remove(name) != null) {
            save(entries);
        }
    }

    private Map<String, Entry> load() {
        if (file == null) {
            return new TreeMap<>(memory);
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (NoSuchFileException none) {
            return new TreeMap<>();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the download registry " + file, e);
        }
        Map<String, Entry> entries = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            entries.put(name, decode(name, properties.getProperty(name)));
        }
        return entries;
    }

    private void save(Map<String, Entry> entries) {
        if (file == null) {
            memory.clear();
            memory.putAll(entries);
            return;
        }
        Properties properties = new Properties();
        entries.values().forEach(e -> properties.setProperty(e.name(), encode(e)));
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            Files.deleteIfExists(temp);
            AppDirs.createPrivateFile(temp);
            try (OutputStream out = Files.newOutputStream(temp)) {
                properties.store(out, "bgcopy downloads: name = job id, then destination|sha256|source per file");
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the download registry " + file, e);
        }
    }

    private static String encode(Entry entry) {
        StringBuilder value = new StringBuilder(entry.jobId().toString());
        for (DownloadFile f : entry.files()) {
            value.append(' ').append(escape(f.destination().toString()))
                    .append('|').append(f.sha256().orElse("-"))
                    .append('|').append(escape(f.source().toString()));
        }
        return value.toString();
    }

    private static Entry decode(String name, String value) {
        String[] parts = value.split(" ");
        List<DownloadFile> files = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String[] fields = parts[i].split("\\|", -1);
            files.add(new DownloadFile(URI.create(unescape(fields[2])), Path.of(unescape(fields[0])),
                    fields[1].equals("-") ? Optional.empty() : Optional.of(fields[1])));
        }
        return new Entry(name, UUID.fromString(parts[0]), files);
    }

    private static String escape(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String unescape(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
