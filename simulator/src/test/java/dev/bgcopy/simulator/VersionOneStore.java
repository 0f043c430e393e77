package dev.bgcopy.simulator;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Turns a store written by this code back into one of schema version 1, so that tests can show what every later
 * migration adds to an old store. Each schema version that adds something must be undone here too.
 */
final class VersionOneStore {

    private VersionOneStore() {
    }

    /** Undoes versions 7 to 2 of the store database at {@code database}. */
    static void downgrade(Path database) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement s = c.createStatement()) {
            s.execute("DROP TABLE job_bits3");                      // 6: IBackgroundCopyJob3/Job4/File3 settings
            s.execute("DROP TABLE job_properties");                 // 7 and 5: certificate callback needed, Job5 properties
            s.execute("DROP TABLE job_credentials");                // 4: sealed credentials
            s.execute("DROP TABLE job_options");                    // 3: wire options
            s.execute("ALTER TABLE files DROP COLUMN temp_key");    // 2: temporary file identity
            s.execute("PRAGMA user_version = 1");
        }
    }
}
