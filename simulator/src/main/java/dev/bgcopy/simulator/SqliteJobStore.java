package dev.bgcopy.simulator;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgAuthCredentials;
import dev.bgcopy.api.BgAuthScheme;
import dev.bgcopy.api.BgAuthTarget;
import dev.bgcopy.api.BgCertStoreLocation;
import dev.bgcopy.api.BgClientCertificate;
import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgNotifyCmdLine;
import dev.bgcopy.api.BgProxySettings;
import dev.bgcopy.api.BgSecurityFlags;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.Ulong;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The durable {@link JobStore}: one SQLite database ({@value #DATABASE}) in a store directory that only
 * its owner can read, held by one engine at a time through {@link StoreLock}.
 *
 * <p>Every {@link #save} is one transaction (the job row and its file rows together), in WAL mode
 * with {@code synchronous=FULL}, so a committed state survives a crash of the process or the machine.
 * The schema carries its version in {@code PRAGMA user_version} and is only ever migrated forwards;
 * a database written by a newer bgcopy, or one that is not a database at all, is refused with a clear
 * {@link BackgroundCopyException} and left exactly as it was: nothing here ever deletes user data.
 */
final class SqliteJobStore implements JobStore, AutoCloseable {

    /** The database file's name inside the store directory. */
    static final String DATABASE = "jobs.db";

    private static final String OPEN = "SimulatorStore::open";
    private static final String WRITE = "SimulatorStore::save";
    private static final String LOAD = "SimulatorStore::load";
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    /** Forward-only migrations: entry {@code i} takes the schema from version {@code i} to {@code i + 1}. */
    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            """
            CREATE TABLE jobs (
              id TEXT PRIMARY KEY,
              display_name TEXT NOT NULL,
              description TEXT NOT NULL,
              owner TEXT NOT NULL,
              state INTEGER NOT NULL,
              priority INTEGER NOT NULL,
              notify_flags INTEGER NOT NULL,
              no_progress_timeout INTEGER,
              minimum_retry_delay INTEGER NOT NULL,
              error_count INTEGER NOT NULL,
              creation_time TEXT NOT NULL,
              modification_time TEXT NOT NULL,
              transfer_completion_time TEXT NOT NULL,
              retry_at TEXT,
              no_progress_since TEXT,
              error_code INTEGER,
              error_context INTEGER,
              error_transient INTEGER,
              error_description TEXT,
              error_file_index INTEGER)
            """,
            """
            CREATE TABLE files (
              job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
              position INTEGER NOT NULL,
              file_id TEXT,
              remote_name TEXT NOT NULL,
              local_name TEXT,
              ranges TEXT NOT NULL,
              declared_size INTEGER NOT NULL,
              resolved_size INTEGER NOT NULL,
              bytes_transferred INTEGER NOT NULL,
              etag TEXT,
              last_modified TEXT,
              PRIMARY KEY (job_id, position))
            """),
            // 2: the identity of each temporary file; rows of version 1 get null, so their partial data is
            // not trusted and restarts from zero once (docs/contract.md §5.7).
            List.of("ALTER TABLE files ADD COLUMN temp_key TEXT"),
            // 3: the IBackgroundCopyJob2 / IBackgroundCopyJobHttpOptions settings but the credentials (version 4).
            List.of("""
            CREATE TABLE job_options (
              job_id TEXT PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
              notify_program TEXT NOT NULL,
              notify_parameters TEXT NOT NULL,
              custom_headers TEXT,
              security_flags INTEGER NOT NULL,
              proxy_usage INTEGER NOT NULL,
              proxy_list TEXT,
              proxy_bypass_list TEXT,
              cert_location INTEGER,
              cert_store TEXT,
              cert_hash TEXT,
              cert_subject TEXT,
              cert_file TEXT)
            """),
            // 4: credentials, each sealed with the store's key (CredentialSeal): never a password in clear text.
            List.of("""
            CREATE TABLE job_credentials (
              job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
              target INTEGER NOT NULL,
              scheme INTEGER NOT NULL,
              sealed BLOB NOT NULL,
              PRIMARY KEY (job_id, target, scheme))
            """),
            // 5: the IBackgroundCopyJob5 properties, the HTTP method and the write-only header mode (docs/contract.md
            // §4.17, §4.21, §4.22). The certificate-validation callback has no column: it ends with its process.
            List.of("""
            CREATE TABLE job_properties (
              job_id TEXT PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
              cost_flags INTEGER NOT NULL,
              notification_clsid TEXT,
              dynamic_content INTEGER NOT NULL,
              high_performance INTEGER NOT NULL,
              max_download_size INTEGER NOT NULL,
              stored_credentials_target INTEGER,
              notification_interval_ms INTEGER,
              on_demand INTEGER NOT NULL,
              http_method TEXT,
              headers_write_only INTEGER NOT NULL,
              resumed INTEGER NOT NULL)
            """),
            // 6: the IBackgroundCopyJob3 / Job4 / File3 settings (docs/contract.md §4.13-§4.15); a job of an older
            // version has no row and gets the defaults.
            List.of("""
            CREATE TABLE job_bits3 (
              job_id TEXT PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
              file_acl_flags INTEGER NOT NULL,
              peer_caching_flags INTEGER NOT NULL,
              maximum_download_time INTEGER NOT NULL,
              download_millis INTEGER NOT NULL,
              validated_files TEXT NOT NULL)
            """),
            // 7: whether the job registered a certificate-validation callback. The callback itself ends with its
            // process; a job that had one needs it registered again before it connects over https (§4.22).
            List.of("ALTER TABLE job_properties ADD COLUMN certificate_validation_required INTEGER NOT NULL DEFAULT 0"));

    /** The schema version this code writes. */
    static final int SCHEMA_VERSION = MIGRATIONS.size();

    private static final System.Logger LOG = System.getLogger(SqliteJobStore.class.getPackageName());

    private final Path directory;
    private final StoreLock lock;
    private final Connection connection;
    /** The credentials' key, or null when it cannot be read: credentials are then kept in memory only. */
    private final CredentialSeal seal;

    private SqliteJobStore(Path directory, StoreLock lock, Connection connection, CredentialSeal seal) {
        this.directory = directory;
        this.lock = lock;
        this.connection = connection;
        this.seal = seal;
    }

    /**
     * Opens (creating if needed) the store in {@code directory}.
     *
     * @throws BackgroundCopyException {@code ERROR_SHARING_VIOLATION} when another live process holds the
     *         store (the message names its pid); {@code E_FAIL} for a database that cannot be read or was
     *         written by a newer bgcopy; {@code E_ACCESSDENIED} when the directory cannot be created
     */
    static SqliteJobStore open(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        createOwnerOnlyDirectory(dir);
        StoreLock lock = StoreLock.acquire(dir);
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(DATABASE));
            try {
                configure(connection, dir);
                migrate(connection, dir);
                CredentialSeal seal = credentialSeal(dir);
                restrictFiles(dir);
                return new SqliteJobStore(dir, lock, connection, seal);
            } catch (RuntimeException | SQLException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            lock.close();
            throw new BackgroundCopyException(OPEN, HResult.E_FAIL,
                    "the job store " + dir.resolve(DATABASE) + " cannot be read (" + e.getMessage()
                            + "); it was left untouched: move it aside to start an empty store", e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static void configure(Connection connection, Path dir) throws SQLException {
        try (Statement s = connection.createStatement()) {
            // Reading the schema first makes a file that is not a database fail here, before any write.
            s.executeQuery("SELECT count(*) FROM sqlite_master").close();
            s.execute("PRAGMA busy_timeout = 5000");
            s.execute("PRAGMA foreign_keys = ON");
            try (ResultSet mode = s.executeQuery("PRAGMA journal_mode = WAL")) {
                if (!mode.next() || !"wal".equalsIgnoreCase(mode.getString(1))) {
                    throw new SQLException("cannot switch " + dir.resolve(DATABASE) + " to WAL mode");
                }
            }
            s.execute("PRAGMA synchronous = FULL");
        }
    }

    private static void migrate(Connection connection, Path dir) throws SQLException {
        int version;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version > SCHEMA_VERSION) {
            throw new BackgroundCopyException(OPEN, HResult.E_FAIL, "the job store " + dir.resolve(DATABASE)
                    + " has schema version " + version + ", newer than this bgcopy understands (" + SCHEMA_VERSION
                    + "); it was left untouched: use the bgcopy that wrote it, or a newer one");
        }
        for (int from = version; from < SCHEMA_VERSION; from++) {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                for (String sql : MIGRATIONS.get(from)) {
                    s.execute(sql);
                }
                s.execute("PRAGMA user_version = " + (from + 1));
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** The store's credentials key, created when missing; null (and a warning) when it cannot be read or made. */
    private static CredentialSeal credentialSeal(Path dir) {
        try {
            return CredentialSeal.loadOrCreate(dir);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "the credentials key " + dir.resolve(CredentialSeal.KEY_FILE)
                    + " cannot be read or created (" + e.getClass().getSimpleName() + "); stored credentials are dropped and"
                    + " new ones are kept in memory only");
            return null;
        }
    }

    private static void createOwnerOnlyDirectory(Path dir) {
        try {
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
                } else {
                    Files.createDirectories(dir);
                }
            }
            if (posix) {
                Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new BackgroundCopyException(OPEN, HResult.E_ACCESSDENIED,
                    "cannot create the job store directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void restrictFiles(Path dir) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        for (String name : List.of(DATABASE, DATABASE + "-wal", DATABASE + "-shm", StoreLock.FILE, CredentialSeal.KEY_FILE)) {
            Path file = dir.resolve(name);
            try {
                if (Files.exists(file)) {
                    Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
                }
            } catch (IOException e) {
                throw new BackgroundCopyException(OPEN, HResult.E_ACCESSDENIED,
                        "cannot restrict " + file + " to its owner: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public boolean isDurable() {
        return true;
    }

    /** The store directory. */
    Path directory() {
        return directory;
    }

    @Override
    public synchronized void save(StoredJob job) {
        inTransaction(() -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT OR REPLACE INTO jobs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                int i = 1;
                upsert.setString(i++, job.id().toString());
                upsert.setString(i++, job.displayName());
                upsert.setString(i++, job.description());
                upsert.setString(i++, job.owner());
                upsert.setInt(i++, job.state().nativeValue());
                upsert.setInt(i++, job.priority().nativeValue());
                upsert.setInt(i++, job.notifyFlags());
                setNullableLong(upsert, i++, job.noProgressTimeoutSeconds());
                upsert.setLong(i++, job.minimumRetryDelaySeconds());
                upsert.setLong(i++, job.errorCount());
                upsert.setString(i++, job.creationTime().toString());
                upsert.setString(i++, job.modificationTime().toString());
                upsert.setString(i++, job.transferCompletionTime().toString());
                upsert.setString(i++, instantText(job.retryAt()));
                upsert.setString(i++, instantText(job.noProgressSince()));
                StoredError error = job.error();
                setNullableLong(upsert, i++, error == null ? null : (long) error.code());
                setNullableLong(upsert, i++, error == null ? null : (long) error.bitsContext().nativeValue());
                setNullableLong(upsert, i++, error == null ? null : error.isTransient() ? 1L : 0L);
                upsert.setString(i++, error == null ? null : error.description());
                setNullableLong(upsert, i, error == null ? null : (long) error.fileIndex());
                upsert.executeUpdate();
            }
            saveOptions(job);
            saveCredentials(job);
            saveProperties(job);
            saveBits3(job);
            try (PreparedStatement clear = connection.prepareStatement("DELETE FROM files WHERE job_id = ?")) {
                clear.setString(1, job.id().toString());
                clear.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int position = 0;
                for (StoredFile file : job.files()) {
                    int i = 1;
                    insert.setString(i++, job.id().toString());
                    insert.setInt(i++, position++);
                    insert.setString(i++, file.fileId());
                    insert.setString(i++, file.remoteName());
                    insert.setString(i++, file.localName());
                    insert.setString(i++, rangesText(file.ranges()));
                    insert.setLong(i++, file.declaredSize());
                    insert.setLong(i++, file.resolvedSize());
                    insert.setLong(i++, file.bytesTransferred());
                    insert.setString(i++, file.etag());
                    insert.setString(i++, file.lastModified());
                    insert.setString(i, file.tempKey());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    private void saveOptions(StoredJob job) throws SQLException {
        HttpOptions options = job.httpOptions();
        HttpOptions.ClientCertificate certificate = options.clientCertificate();
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT OR REPLACE INTO job_options VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 1;
            upsert.setString(i++, job.id().toString());
            upsert.setString(i++, job.notifyCmdLine().program());
            upsert.setString(i++, job.notifyCmdLine().parameters());
            upsert.setString(i++, options.customHeaders());
            upsert.setInt(i++, options.securityFlags().toMask());
            upsert.setInt(i++, options.proxy().usage().nativeValue());
            upsert.setString(i++, options.proxy().proxyList());
            upsert.setString(i++, options.proxy().proxyBypassList());
            setNullableLong(upsert, i++, certificate == null ? null : (long) certificate.identity().storeLocation().nativeValue());
            upsert.setString(i++, certificate == null ? null : certificate.identity().storeName());
            upsert.setString(i++, certificate == null ? null : HexFormat.of().formatHex(certificate.identity().certHash()));
            upsert.setString(i++, certificate == null ? null : certificate.identity().subjectName());
            upsert.setString(i, certificate == null ? null : certificate.file().toString());
            upsert.executeUpdate();
        }
    }

    /** The job's credentials, each sealed: the rows of the job are replaced, so a removed credential is deleted. */
    private void saveCredentials(StoredJob job) throws SQLException {
        try (PreparedStatement clear = connection.prepareStatement("DELETE FROM job_credentials WHERE job_id = ?")) {
            clear.setString(1, job.id().toString());
            clear.executeUpdate();
        }
        if (seal == null) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO job_credentials VALUES (?, ?, ?, ?)")) {
            for (BgAuthCredentials credentials : job.httpOptions().credentials().values()) {
                insert.setString(1, job.id().toString());
                insert.setInt(2, credentials.target().nativeValue());
                insert.setInt(3, credentials.scheme().nativeValue());
                insert.setBytes(4, seal.seal(job.id(), credentials));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * The credentials of every job that has some. A job whose credentials cannot all be opened (no key, another
     * store's key, altered bytes) loses all of them, with a warning that names the job and never a secret; the job
     * itself loads.
     */
    private Map<String, Map<HttpOptions.CredentialKey, BgAuthCredentials>> loadCredentials(Statement s) throws SQLException {
        Map<String, Map<HttpOptions.CredentialKey, BgAuthCredentials>> credentials = new LinkedHashMap<>();
        Set<String> dropped = new java.util.LinkedHashSet<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM job_credentials ORDER BY job_id, rowid")) {
            while (rs.next()) {
                String jobId = rs.getString("job_id");
                if (dropped.contains(jobId)) {
                    continue;
                }
                try {
                    HttpOptions.CredentialKey key = new HttpOptions.CredentialKey(
                            known(BgAuthTarget.fromNative(rs.getInt("target")), "target", rs.getInt("target")),
                            known(BgAuthScheme.fromNative(rs.getInt("scheme")), "scheme", rs.getInt("scheme")));
                    if (seal == null) {
                        throw new java.security.GeneralSecurityException("no key");
                    }
                    credentials.computeIfAbsent(jobId, id -> new LinkedHashMap<>())
                            .put(key, seal.open(UUID.fromString(jobId), key, rs.getBytes("sealed")));
                } catch (java.security.GeneralSecurityException | RuntimeException e) {
                    dropped.add(jobId);
                    credentials.remove(jobId);
                    LOG.log(System.Logger.Level.WARNING, "job {0}: its stored credentials cannot be opened with the key"
                            + " of {1} ({2}); the job loads without credentials", Arguments.abbreviate(jobId),
                            directory, seal == null ? "no readable key" : e.getClass().getSimpleName());
                }
            }
        }
        return credentials;
    }

    private void saveProperties(StoredJob job) throws SQLException {
        JobProperties p = job.properties();
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT OR REPLACE INTO job_properties VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 1;
            upsert.setString(i++, job.id().toString());
            upsert.setInt(i++, p.costFlags());
            upsert.setString(i++, p.notificationClsid() == null ? null : p.notificationClsid().toString());
            upsert.setInt(i++, p.dynamicContent() ? 1 : 0);
            upsert.setInt(i++, p.highPerformance() ? 1 : 0);
            upsert.setLong(i++, p.maxDownloadSize());
            setNullableLong(upsert, i++, p.storedCredentialsTarget() == null ? null : (long) p.storedCredentialsTarget().nativeValue());
            setNullableLong(upsert, i++, p.minimumNotificationIntervalMs() == null ? null : (long) p.minimumNotificationIntervalMs());
            upsert.setInt(i++, p.onDemand() ? 1 : 0);
            upsert.setString(i++, p.httpMethod());
            upsert.setInt(i++, p.headersWriteOnly() ? 1 : 0);
            upsert.setInt(i++, p.resumed() ? 1 : 0);
            upsert.setInt(i, p.certificateValidation() != null ? 1 : 0);
            upsert.executeUpdate();
        }
    }

    private void saveBits3(StoredJob job) throws SQLException {
        StoredBits3 bits3 = job.bits3();
        try (PreparedStatement upsert = connection.prepareStatement("INSERT OR REPLACE INTO job_bits3 VALUES (?, ?, ?, ?, ?, ?)")) {
            int i = 1;
            upsert.setString(i++, job.id().toString());
            upsert.setInt(i++, bits3.fileAclFlags());
            upsert.setInt(i++, bits3.peerCachingFlags());
            upsert.setLong(i++, bits3.maximumDownloadTime());
            upsert.setLong(i++, bits3.downloadMillis());
            upsert.setString(i, bits3.validatedFiles().stream().sorted().map(String::valueOf).collect(Collectors.joining(",")));
            upsert.executeUpdate();
        }
    }

    /** The properties of every job that has a row (a job saved before schema version 5 has none: the defaults). */
    private static Map<String, JobProperties> loadProperties(Statement s) throws SQLException {
        Map<String, JobProperties> properties = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM job_properties")) {
            while (rs.next()) {
                String clsid = rs.getString("notification_clsid");
                long target = rs.getLong("stored_credentials_target");
                BgAuthTarget storedTarget = rs.wasNull() ? null : known(BgAuthTarget.fromNative((int) target),
                        "stored_credentials_target", target);
                long interval = rs.getLong("notification_interval_ms");
                Integer notificationInterval = rs.wasNull() ? null : (int) interval;
                properties.put(rs.getString("job_id"), new JobProperties(rs.getInt("cost_flags"),
                        clsid == null ? null : UUID.fromString(clsid), rs.getInt("dynamic_content") != 0,
                        rs.getInt("high_performance") != 0, rs.getLong("max_download_size"), storedTarget,
                        notificationInterval, rs.getInt("on_demand") != 0, rs.getString("http_method"),
                        rs.getInt("headers_write_only") != 0, rs.getInt("resumed") != 0,
                        rs.getInt("certificate_validation_required") != 0 ? ServerCertificateValidation.Registration.DROPPED : null));
            }
        }
        return properties;
    }

    /** The IBackgroundCopyJob3/Job4/File3 settings of every job that has a row (one saved before version 6 has none). */
    private Map<String, StoredBits3> loadBits3(Statement s) throws SQLException {
        Map<String, StoredBits3> settings = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM job_bits3")) {
            while (rs.next()) {
                String jobId = rs.getString("job_id");
                settings.put(jobId, checked(jobId, "its IBackgroundCopyJob3/Job4 settings", () -> readBits3(rs)));
            }
        }
        return settings;
    }

    private static StoredBits3 readBits3(ResultSet rs) throws SQLException {
        String validated = rs.getString("validated_files");
        Set<Integer> positions = validated.isEmpty() ? Set.of()
                : Arrays.stream(validated.split(",")).map(Integer::valueOf).collect(Collectors.toSet());
        long maximum = rs.getLong("maximum_download_time");
        long millis = rs.getLong("download_millis");
        require(maximum >= 0 && maximum <= Ulong.MAX, "maximum_download_time", maximum);
        require(millis >= 0, "download_millis", millis);
        return new StoredBits3(rs.getInt("file_acl_flags"), rs.getInt("peer_caching_flags"), maximum, millis, positions);
    }

    /** The options of every job that has a row (a job saved before schema version 2 has none: the defaults). */
    private Map<String, StoredOptions> loadOptions(Statement s) throws SQLException {
        Map<String, StoredOptions> options = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM job_options")) {
            while (rs.next()) {
                HttpOptions.ClientCertificate certificate = null;
                long location = rs.getLong("cert_location");
                if (!rs.wasNull()) {
                    certificate = new HttpOptions.ClientCertificate(new BgClientCertificate(
                            BgCertStoreLocation.fromNative((int) location).orElseThrow(), rs.getString("cert_store"),
                            HexFormat.of().parseHex(rs.getString("cert_hash")), rs.getString("cert_subject")),
                            Path.of(rs.getString("cert_file")));
                }
                BgProxySettings proxy = new BgProxySettings(BgJobProxyUsage.fromNative(rs.getInt("proxy_usage")).orElseThrow(),
                        rs.getString("proxy_list"), rs.getString("proxy_bypass_list"));
                HttpOptions http = new HttpOptions(rs.getString("custom_headers"), Map.of(),
                        BgSecurityFlags.fromMask(rs.getInt("security_flags")).orElseThrow(), proxy, certificate);
                options.put(rs.getString("job_id"), new StoredOptions(
                        new BgNotifyCmdLine(rs.getString("notify_program"), rs.getString("notify_parameters")), http));
            }
        }
        return options;
    }

    private record StoredOptions(BgNotifyCmdLine notifyCmdLine, HttpOptions httpOptions) {
        static final StoredOptions DEFAULT = new StoredOptions(BgNotifyCmdLine.NONE, HttpOptions.NONE);

        StoredOptions withCredentials(Map<HttpOptions.CredentialKey, BgAuthCredentials> credentials) {
            HttpOptions http = httpOptions;
            for (BgAuthCredentials c : credentials.values()) {
                http = http.withCredentials(c);
            }
            return new StoredOptions(notifyCmdLine, http);
        }
    }

    @Override
    public synchronized void delete(UUID jobId) {
        inTransaction(() -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM jobs WHERE id = ?")) {
                delete.setString(1, jobId.toString());
                delete.executeUpdate();
            }
        });
    }

    @Override
    public synchronized List<StoredJob> loadAll() {
        try (Statement s = connection.createStatement()) {
            Map<String, List<StoredFile>> files = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT * FROM files ORDER BY job_id, position")) {
                while (rs.next()) {
                    String jobId = rs.getString("job_id");
                    List<StoredFile> ofJob = files.computeIfAbsent(jobId, id -> new ArrayList<>());
                    ofJob.add(checked(jobId, "file " + ofJob.size(), () -> readFile(rs)));
                }
            }
            Map<String, StoredOptions> options = loadOptions(s);
            Map<String, Map<HttpOptions.CredentialKey, BgAuthCredentials>> credentials = loadCredentials(s);
            Map<String, JobProperties> properties = loadProperties(s);
            Map<String, StoredBits3> bits3 = loadBits3(s);
            List<StoredJob> jobs = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT * FROM jobs ORDER BY creation_time, id")) {
                while (rs.next()) {
                    String jobId = rs.getString("id");
                    StoredOptions stored = options.getOrDefault(jobId, StoredOptions.DEFAULT)
                            .withCredentials(credentials.getOrDefault(jobId, Map.of()));
                    jobs.add(checked(jobId, "its row", () -> readJob(rs, files.getOrDefault(jobId, List.of()), stored,
                            bits3.getOrDefault(jobId, StoredBits3.DEFAULT))
                            .withProperties(properties.getOrDefault(jobId, JobProperties.NONE))));
                }
            }
            return jobs;
        } catch (SQLException e) {
            throw new BackgroundCopyException(LOAD, HResult.E_FAIL,
                    "cannot read the job store " + directory.resolve(DATABASE) + ": " + e.getMessage(), e);
        }
    }

    /** A row read by {@link #checked}. */
    private interface RowReader<T> {
        T read() throws SQLException;
    }

    /**
     * Reads one row, refusing it with a message that names the job when a value is damaged (an unknown
     * enum value, an unreadable time) or impossible (a negative size, more bytes than the file has): the
     * store is refused rather than loaded unchecked.
     */
    private <T> T checked(String jobId, String part, RowReader<T> reader) throws SQLException {
        try {
            return reader.read();
        } catch (RuntimeException damaged) {
            throw new BackgroundCopyException(LOAD, HResult.E_FAIL, "job " + Arguments.abbreviate(String.valueOf(jobId))
                    + " in " + directory.resolve(DATABASE) + " is damaged (" + part + "): "
                    + Arguments.abbreviate(String.valueOf(damaged.getMessage())), damaged);
        }
    }

    private static StoredFile readFile(ResultSet rs) throws SQLException {
        StoredFile file = new StoredFile(rs.getString("file_id"), rs.getString("remote_name"), rs.getString("local_name"),
                parseRanges(rs.getString("ranges")), rs.getLong("declared_size"), rs.getLong("resolved_size"),
                rs.getLong("bytes_transferred"), rs.getString("etag"), rs.getString("last_modified"),
                rs.getString("temp_key"));
        require(file.resolvedSize() >= BgJobProgress.BG_SIZE_UNKNOWN, "resolved_size", file.resolvedSize());
        require(file.bytesTransferred() >= 0, "bytes_transferred", file.bytesTransferred());
        // A size the caller declared may be wrong until the server's answer replaces it; the server's may not.
        if (file.ranges().isEmpty() && file.resolvedSize() >= 0 && file.resolvedSize() != file.declaredSize()) {
            require(file.bytesTransferred() <= file.resolvedSize(), "bytes_transferred (more than resolved_size)",
                    file.bytesTransferred());
        }
        return file;
    }

    private static void require(boolean possible, String column, long value) {
        if (!possible) {
            throw new IllegalStateException(column + " is " + value);
        }
    }

    private static <E> E known(Optional<E> value, String column, long raw) {
        return value.orElseThrow(() -> new IllegalStateException(column + " " + raw + " is no known value"));
    }

    private static StoredJob readJob(ResultSet rs, List<StoredFile> files, StoredOptions options, StoredBits3 bits3)
            throws SQLException {
        StoredError error = null;
        long errorCode = rs.getLong("error_code");
        if (!rs.wasNull()) {
            int fileIndex = rs.getInt("error_file_index");
            require(fileIndex >= -1 && fileIndex < files.size(), "error_file_index", fileIndex);
            error = new StoredError((int) errorCode, known(BgErrorContext.fromNative(rs.getInt("error_context")),
                    "error_context", rs.getInt("error_context")),
                    rs.getInt("error_transient") != 0, rs.getString("error_description"), fileIndex);
        }
        long timeout = rs.getLong("no_progress_timeout");
        Long noProgressTimeout = rs.wasNull() ? null : timeout;
        long retryDelay = rs.getLong("minimum_retry_delay");
        require(noProgressTimeout == null || noProgressTimeout >= 0, "no_progress_timeout", timeout);
        require(retryDelay >= 0, "minimum_retry_delay", retryDelay);
        require(rs.getLong("error_count") >= 0, "error_count", rs.getLong("error_count"));
        return new StoredJob(UUID.fromString(rs.getString("id")), rs.getString("display_name"), rs.getString("description"),
                rs.getString("owner"), known(BgJobState.fromNative(rs.getInt("state")), "state", rs.getInt("state")),
                known(BgJobPriority.fromNative(rs.getInt("priority")), "priority", rs.getInt("priority")),
                rs.getInt("notify_flags"), noProgressTimeout,
                retryDelay, rs.getLong("error_count"), Instant.parse(rs.getString("creation_time")),
                Instant.parse(rs.getString("modification_time")), Instant.parse(rs.getString("transfer_completion_time")),
                parseInstant(rs.getString("retry_at")), parseInstant(rs.getString("no_progress_since")), error, List.copyOf(files),
                options.notifyCmdLine(), options.httpOptions(), JobProperties.NONE, bits3);
    }

    /** A unit of work inside one transaction. */
    private interface SqlWork {
        void run() throws SQLException;
    }

    private void inTransaction(SqlWork work) {
        try {
            connection.setAutoCommit(false);
            try {
                work.run();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            HResult code = isDiskFull(e) ? HResult.ERROR_DISK_FULL : HResult.E_FAIL;
            throw new BackgroundCopyException(WRITE, code,
                    "cannot write the job store " + directory.resolve(DATABASE) + ": " + e.getMessage(), e);
        }
    }

    private static boolean isDiskFull(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("SQLITE_FULL") || message.contains("database or disk is full");
    }

    private static void setNullableLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, value);
        }
    }

    private static String instantText(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant parseInstant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    /** Ranges as {@code offset:length} pairs of unsigned decimals, comma-separated. */
    static String rangesText(List<BgFileRange> ranges) {
        StringBuilder text = new StringBuilder();
        for (BgFileRange range : ranges) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(Long.toUnsignedString(range.initialOffset())).append(':').append(Long.toUnsignedString(range.length()));
        }
        return text.toString();
    }

    static List<BgFileRange> parseRanges(String text) {
        List<BgFileRange> ranges = new ArrayList<>();
        if (!text.isEmpty()) {
            for (String pair : text.split(",")) {
                int colon = pair.indexOf(':');
                ranges.add(new BgFileRange(Long.parseUnsignedLong(pair.substring(0, colon)),
                        Long.parseUnsignedLong(pair.substring(colon + 1))));
            }
        }
        return List.copyOf(ranges);
    }

    /** Closes the database and releases the store for the next engine; idempotent. */
    @Override
    public synchronized void close() {
        try {
            if (!connection.isClosed()) {
                connection.close();
            }
        } catch (SQLException e) {
            throw new BackgroundCopyException("SimulatorStore::close", HResult.E_FAIL, e.getMessage(), e);
        } finally {
            lock.close();
        }
    }
}
