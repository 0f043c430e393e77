package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.HResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqliteJobStoreTest {

    @TempDir
    Path dir;

    static JobStore.StoredJob everyFieldSet(UUID id) {
        Instant created = Instant.parse("2026-11-21T00:00:00.123456789Z");
        return new JobStore.StoredJob(id, "nightly update ✓", "the description, with 'quotes'", "S-1-5-21-owner",
                BgJobState.TRANSIENT_ERROR, BgJobPriority.FOREGROUND, 0x1B, 0xFFFF_FFFFL, 37, 4,
                created, created.plusSeconds(90), Instant.parse("1601-01-01T00:00:00Z"),
                created.plusSeconds(600), created.plusSeconds(30),
                new JobStore.StoredError(0x801901F7, BgErrorContext.REMOTE_FILE, true, "HTTP 503", 1),
                List.of(new JobStore.StoredFile("a", "https://example.com/a.bin", "/tmp/a.bin", List.of(), -1L, 4096, 1024,
                                "\"etag-1\"", "Sat, 21 Nov 2026 00:00:00 GMT", "(dev=803,ino=4711)"),
                        new JobStore.StoredFile("b", "http://127.0.0.1:8080/b", "/tmp/b.bin",
                                List.of(new BgFileRange(0, 100), new BgFileRange(Long.MIN_VALUE, BgFileRange.BG_LENGTH_TO_EOF)),
                                -2L, -1L, 0, null, null, null)));
    }

    @Test
    void everyPersistedPropertySurvivesAReopen() {
        JobStore.StoredJob job = everyFieldSet(UUID.randomUUID());
        JobStore.StoredJob bare = new JobStore.StoredJob(UUID.randomUUID(), "", "", "me", BgJobState.SUSPENDED,
                BgJobPriority.NORMAL, 3, null, 600, 0, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null, null, null, List.of());
        try (SqliteJobStore store = SqliteJobStore.open(dir)) {
            store.save(job);
            store.save(bare);
        }
        try (SqliteJobStore store = SqliteJobStore.open(dir)) {
            assertThat(store.loadAll()).containsExactlyInAnyOrder(job, bare);
        }
    }

    @Test
    void aSaveReplacesTheJobAndItsFilesAndADeleteRemovesThem() {
        UUID id = UUID.randomUUID();
        JobStore.StoredJob first = everyFieldSet(id);
        JobStore.StoredJob second = new JobStore.StoredJob(id, "renamed", "", "me", BgJobState.ACKNOWLEDGED,
                BgJobPriority.LOW, 0, 5L, 1, 0, first.creationTime(), first.modificationTime(), first.modificationTime(),
                null, null, null, List.of(first.files().get(0)));
        try (SqliteJobStore store = SqliteJobStore.open(dir)) {
            store.save(first);
            store.save(second);
            assertThat(store.loadAll()).containsExactly(second);
            store.delete(id);
            assertThat(store.loadAll()).isEmpty();
        }
        try (SqliteJobStore store = SqliteJobStore.open(dir)) {
            assertThat(store.loadAll()).isEmpty();
        }
    }

    @Test
    void aSecondEngineInTheSameProcessIsRefusedWithItsHoldersPid() {
        try (SqliteJobStore store = SqliteJobStore.open(dir)) {
            assertThatThrownBy(() -> SqliteJobStore.open(dir))
                    .isInstanceOfSatisfying(BackgroundCopyException.class,
                            e -> assertThat(e.hresult()).isEqualTo(HResult.ERROR_SHARING_VIOLATION))
                    .hasMessageContaining("in use by process " + ProcessHandle.current().pid());
            store.save(everyFieldSet(UUID.randomUUID()));
        }
        try (SqliteJobStore reopened = SqliteJobStore.open(dir)) {
            assertThat(reopened.loadAll()).hasSize(1);
        }
    }

    @Test
    @Timeout(60)
    void anotherProcessHoldingTheStoreIsNamedAndItsLockIsTakenOverWhenItIsKilled() throws Exception {
        try (SqliteJobStore store = SqliteJobStore.open(dir)) {
            store.save(everyFieldSet(UUID.randomUUID()));
        }
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoreHolder.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("holding " + holder.pid());
            String before = sha256(dir.resolve(SqliteJobStore.DATABASE));

            assertThatThrownBy(() -> SqliteJobStore.open(dir))
                    .isInstanceOfSatisfying(BackgroundCopyException.class,
                            e -> assertThat(e.hresult()).isEqualTo(HResult.ERROR_SHARING_VIOLATION))
                    .hasMessageContaining("in use by process " + holder.pid());
            assertThat(sha256(dir.resolve(SqliteJobStore.DATABASE))).as("the refused opener touched nothing").isEqualTo(before);

            holder.destroyForcibly();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            holder.destroyForcibly();
        }
        try (SqliteJobStore store = SqliteJobStore.open(dir)) {
            assertThat(store.loadAll()).hasSize(1);
            assertThat(Files.readString(dir.resolve(StoreLock.FILE))).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedAndLeftUntouched() throws Exception {
        Path database = dir.resolve(SqliteJobStore.DATABASE);
        Files.write(database, "this is not a database, but it is the user's file".repeat(200).getBytes(StandardCharsets.UTF_8));
        String before = sha256(database);
        assertThatThrownBy(() -> SqliteJobStore.open(dir))
                .isInstanceOfSatisfying(BackgroundCopyException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.E_FAIL))
                .hasMessageContaining("cannot be read").hasMessageContaining("left untouched");
        assertThat(sha256(database)).isEqualTo(before);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(SqliteJobStore.DATABASE, StoreLock.FILE);
        // The refusal released the lock: once the file is moved aside, the store opens.
        Files.move(database, dir.resolve("jobs.db.broken"));
        try (SqliteJobStore store = SqliteJobStore.open(dir)) {
            assertThat(store.loadAll()).isEmpty();
        }
    }

    @Test
    void aVersionOneStoreGainsTheTemporaryFileIdentityAsUnknown() throws Exception {
        JobStore.StoredJob job = everyFieldSet(UUID.randomUUID());
        try (SqliteJobStore store = SqliteJobStore.open(dir)) {
            store.save(job);
        }
        VersionOneStore.downgrade(dir.resolve(SqliteJobStore.DATABASE));
        try (SqliteJobStore store = SqliteJobStore.open(dir)) {
            JobStore.StoredJob loaded = store.loadAll().get(0);
            assertThat(loaded.files()).extracting(JobStore.StoredFile::tempKey).containsOnlyNulls();
            assertThat(loaded.files()).extracting(JobStore.StoredFile::bytesTransferred)
                    .containsExactlyElementsOf(job.files().stream().map(JobStore.StoredFile::bytesTransferred).toList());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteJobStore.DATABASE));
             Statement s = c.createStatement(); var version = s.executeQuery("PRAGMA user_version")) {
            assertThat(version.getInt(1)).isEqualTo(SqliteJobStore.SCHEMA_VERSION).isEqualTo(7);
        }
    }

    @Test
    void aSchemaFromTheFutureIsRefusedAndLeftUntouched() throws Exception {
        try (SqliteJobStore store = SqliteJobStore.open(dir)) {
            store.save(everyFieldSet(UUID.randomUUID()));
        }
        Path database = dir.resolve(SqliteJobStore.DATABASE);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + (SqliteJobStore.SCHEMA_VERSION + 41));
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        String before = sha256(database);
        assertThatThrownBy(() -> SqliteJobStore.open(dir))
                .isInstanceOfSatisfying(BackgroundCopyException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.E_FAIL))
                .hasMessageContaining("schema version " + (SqliteJobStore.SCHEMA_VERSION + 41))
                .hasMessageContaining("newer than this bgcopy understands");
        assertThat(sha256(database)).isEqualTo(before);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "UPDATE jobs SET state = 99                                  | state 99 is no known value",
        "UPDATE jobs SET priority = -7                               | priority -7 is no known value",
        "UPDATE jobs SET creation_time = 'yesterday'                 | yesterday",
        "UPDATE jobs SET minimum_retry_delay = -1                    | minimum_retry_delay is -1",
        "UPDATE jobs SET error_file_index = 2                        | error_file_index is 2",
        "UPDATE files SET bytes_transferred = -5 WHERE file_id = 'a' | bytes_transferred is -5",
        "UPDATE files SET resolved_size = -3 WHERE file_id = 'a'     | resolved_size is -3",
        "UPDATE files SET bytes_transferred = 4097 WHERE file_id = 'a' | bytes_transferred (more than resolved_size) is 4097",
        "UPDATE files SET ranges = '12:x' WHERE file_id = 'b'        | file 1",
    })
    void aDamagedOrImpossibleRowIsRefusedNamingItsJob(String damage, String detail) throws Exception {
        UUID id = UUID.randomUUID();
        try (SqliteJobStore store = SqliteJobStore.open(dir)) {
            store.save(everyFieldSet(id));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteJobStore.DATABASE));
                Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(damage)).isEqualTo(1);
        }
        try (SqliteJobStore store = SqliteJobStore.open(dir)) {
            assertThatThrownBy(store::loadAll)
                    .isInstanceOfSatisfying(BackgroundCopyException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.E_FAIL))
                    .hasMessageContaining("job " + id + " in ")
                    .hasMessageContaining("is damaged")
                    .hasMessageContaining(detail);
        }
    }

    @Test
    void theStoreIsReadableByItsOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path store = dir.resolve("nested/store");
        try (SqliteJobStore opened = SqliteJobStore.open(store)) {
            opened.save(everyFieldSet(UUID.randomUUID()));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.resolve(SqliteJobStore.DATABASE))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.resolve(StoreLock.FILE))))
                .isEqualTo("rw-------");
    }

    @Test
    void rangesKeepTheirUnsignedBits() {
        List<BgFileRange> ranges = List.of(new BgFileRange(-2L, BgFileRange.BG_LENGTH_TO_EOF), new BgFileRange(0, 1),
                new BgFileRange(Long.MAX_VALUE, Long.MIN_VALUE));
        assertThat(SqliteJobStore.rangesText(ranges)).isEqualTo("18446744073709551614:18446744073709551615,0:1,"
                + "9223372036854775807:9223372036854775808");
        assertThat(SqliteJobStore.parseRanges(SqliteJobStore.rangesText(ranges))).isEqualTo(ranges);
        assertThat(SqliteJobStore.parseRanges("")).isEmpty();
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
