package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgAuthCredentials;
import dev.bgcopy.api.BgAuthScheme;
import dev.bgcopy.api.BgAuthTarget;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob2;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials in the SQLite store (docs/contract.md §4.11 "Where credentials live (SIM)", R161): sealed with AES-GCM
 * under the store's own key file; a store read without that key, or with another one, or a sealed value moved to
 * another target, yields a job without credentials; removing them or taking ownership deletes the sealed rows. That
 * no store file holds a password or a user name in clear is {@link HttpOptionsTest}'s.
 */
class SealedCredentialsTest {

    private static final String PASSWORD = "sealed-Pa55-\u00e9-" + UUID.randomUUID();

    @TempDir
    Path dir;

    private SimulatorConfig config(Path store) {
        return SimulatorConfig.deterministic().toBuilder().dialect(Dialect.BITS).store(store).build();
    }

    private static IBackgroundCopyJob2 job2(SimulatorManager manager, UUID id) {
        return manager.getJob(id).queryInterface(IBackgroundCopyJob2.class).orElseThrow();
    }

    /** A store holding one job with Basic server credentials; returns the job's id. */
    private UUID storeWithCredentials(Path store) {
        try (SimulatorManager manager = Simulator.newManager(config(store))) {
            IBackgroundCopyJob2 job = manager.createJob("sealed", BgJobType.DOWNLOAD).queryInterface(IBackgroundCopyJob2.class)
                    .orElseThrow();
            job.setCredentials(BgAuthCredentials.of(BgAuthTarget.SERVER, BgAuthScheme.BASIC, "carol", PASSWORD.toCharArray()));
            return job.getId();
        }
    }

    private static int sealedRows(Path store) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.resolve(SqliteJobStore.DATABASE));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM job_credentials")) {
            return rs.getInt(1);
        }
    }

    @Test
    void theKeyIsAnOwnerOnlyFileOf32Bytes_andOpensTheSealedRow() throws Exception {
        Path store = dir.resolve("store");
        UUID id = storeWithCredentials(store);
        Path key = store.resolve(CredentialSeal.KEY_FILE);
        assertThat(Files.size(key)).isEqualTo(32);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        }
        assertThat(sealedRows(store)).isEqualTo(1);
        try (SimulatorManager again = Simulator.newManager(config(store))) {
            assertThat(((SimulatedJob) again.getJob(id)).httpOptions().credentials(BgAuthTarget.SERVER, BgAuthScheme.BASIC)
                    .orElseThrow().basic().password()).containsExactly(PASSWORD.toCharArray());
        }
    }

    @Test
    void aCopiedStoreWithoutItsKey_loadsTheJobWithoutCredentials() throws Exception {
        Path store = dir.resolve("store");
        UUID id = storeWithCredentials(store);
        Path copy = Files.createDirectories(dir.resolve("copy"));
        Files.copy(store.resolve(SqliteJobStore.DATABASE), copy.resolve(SqliteJobStore.DATABASE));
        try (SimulatorManager manager = Simulator.newManager(config(copy))) {
            IBackgroundCopyJob2 job = job2(manager, id);
            assertThat(job.getDisplayName()).isEqualTo("sealed");
            assertThat(((SimulatedJob) job).httpOptions().credentials()).isEmpty();
            assertThat(job.removeCredentials(BgAuthTarget.SERVER, BgAuthScheme.BASIC)).isEqualTo(HResult.S_FALSE);
        }
    }

    @Test
    void anotherStoresKey_orASealedValueMovedToAnotherTarget_failsAuthentication() throws Exception {
        Path store = dir.resolve("store");
        UUID id = storeWithCredentials(store);
        Path other = dir.resolve("other");
        storeWithCredentials(other);
        Files.copy(other.resolve(CredentialSeal.KEY_FILE), store.resolve(CredentialSeal.KEY_FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (SimulatorManager manager = Simulator.newManager(config(store))) {
            assertThat(((SimulatedJob) manager.getJob(id)).httpOptions().credentials()).as("another key").isEmpty();
        }

        Path moved = dir.resolve("moved");
        UUID movedId = storeWithCredentials(moved);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + moved.resolve(SqliteJobStore.DATABASE));
             Statement s = c.createStatement()) {
            s.execute("UPDATE job_credentials SET target = " + BgAuthTarget.PROXY.nativeValue());
        }
        try (SimulatorManager manager = Simulator.newManager(config(moved))) {
            assertThat(((SimulatedJob) manager.getJob(movedId)).httpOptions().credentials()).as("moved to the proxy").isEmpty();
        }
    }

    @Test
    void removeCredentialsAndTakeOwnership_deleteTheSealedRows() throws Exception {
        Path store = dir.resolve("store");
        UUID removed = storeWithCredentials(store);
        try (SimulatorManager manager = Simulator.newManager(config(store))) {
            assertThat(job2(manager, removed).removeCredentials(BgAuthTarget.SERVER, BgAuthScheme.BASIC)).isEqualTo(HResult.S_OK);
        }
        assertThat(sealedRows(store)).isZero();

        UUID taken = storeWithCredentials(store);
        try (SimulatorManager manager = Simulator.newManager(config(store))) {
            manager.forCaller(CallerIdentity.administrator("admin")).getJob(taken).takeOwnership();
        }
        assertThat(sealedRows(store)).isZero();
    }
}
