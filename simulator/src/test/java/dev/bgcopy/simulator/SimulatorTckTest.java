package dev.bgcopy.simulator;

import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.tck.BackgroundCopyTck;
import dev.bgcopy.tck.Capability;
import dev.bgcopy.tck.JobCreationContract;
import dev.bgcopy.tck.JobErrorContract;
import dev.bgcopy.tck.JobProgressContract;
import dev.bgcopy.tck.JobSettingsContract;
import dev.bgcopy.tck.JobStateMachineContract;
import dev.bgcopy.tck.Suppression;
import dev.bgcopy.tck.TckFixture;
import dev.bgcopy.tck.TckFixtureBuilder;
import dev.bgcopy.tck.TckMode;
import dev.bgcopy.tck.TckService;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Group;

/**
 * Runs the whole conformance kit against the simulator in both dialects, in STRICT mode, with the
 * simulator's virtual clock and a second caller identity. Downloads go over real loopback sockets to
 * the kit's content server. The run writes {@code simulator/target/tck-report.md}.
 */
class SimulatorTckTest {

    /**
     * Simulator behaviour that disagrees with CONTRACT, found by the kit. Each entry names the test,
     * the rule and expected vs actual; the report lists them as SUPPRESSED. Remove an entry as soon as
     * the simulator is fixed.
     */
    private static final String HANG_16K = "simulator bug: a download whose body is 16,384 bytes or larger never "
            + "completes and runUntilIdle() never returns (job stays TRANSFERRING at 0 bytes; reproduced with "
            + "python's http.server too, so not the kit's server); needs ";

    private static TckFixtureBuilder suppressions(TckFixtureBuilder builder, Dialect dialect) {
        return builder
                .suppressing(Suppression.of(JobCreationContract.class, "createJob_emptyName_isValid",
                        "R14/§4.1+§4.9: only a NULL or >256-unit name is E_INVALIDARG; expected S_OK for \"\", "
                                + "simulator returns E_INVALIDARG ('the display name is empty')"))
                .suppressing(Suppression.of(JobStateMachineContract.class,
                        "resume_withReachableFile_passesOnlyThroughAllowedStates", "R22: " + HANG_16K + "20,000 B"))
                .suppressing(Suppression.of(JobStateMachineContract.class,
                        "doDialect_neverReportsConnecting", "R23: " + HANG_16K + "30,000 B"))
                .suppressing(Suppression.of(JobErrorContract.class,
                        "transferring_getErrorHasNoInfo", "R43: " + HANG_16K + "400,000 B"))
                .suppressing(Suppression.of(JobErrorContract.class,
                        "progressDuringTransientError_restartsTheTimer", "R48: " + HANG_16K + "1 MiB"))
                .suppressing(Suppression.of(JobSettingsContract.class,
                        "creationTimeConstant_modificationTimeMonotonic", "R67/R68: " + HANG_16K + "30,000 B"))
                .suppressing(Suppression.of(JobProgressContract.class,
                        "duringTransfer_countsBoundedAndMonotonic", "R73/R74/R78: " + HANG_16K + "64,000 and 150,000 B"))
                .suppressing(Suppression.of(JobProgressContract.class,
                        "jobBytesTransferred_isSumOfFiles", "R76: " + HANG_16K + "64,000 and 150,000 B"))
                .suppressing(Suppression.of(JobProgressContract.class,
                        "transferred_allFilesAndBytesDone", "R77: " + HANG_16K + "64,000 and 150,000 B"))
                .suppressing(Suppression.of(JobProgressContract.class,
                        "completedIsFalseUntilComplete", "R81: " + HANG_16K + "64,000 and 150,000 B"));
    }

    static TckFixture fixture(Dialect dialect) {
        // What CONTRACT §1.2/§4.3 says each dialect offers; the kit checks it against supportedFeatures().
        Feature[] features = dialect == Dialect.DO
                ? new Feature[] {Feature.ADD_FILE_WITH_RANGES, Feature.DO_EXTENSIONS, Feature.CALLBACKS}
                : new Feature[] {Feature.BITS_METHODS, Feature.CALLBACKS};
        TckFixtureBuilder builder = TckFixture.builder("simulator-" + dialect)
                .dialect(dialect)
                .mode(TckMode.STRICT)
                .features(features)
                .capabilities(Capability.VIRTUAL_CLOCK, Capability.OTHER_CALLER)
                .opener((directory, content) -> open(dialect));
        return suppressions(builder, dialect).build();
    }

    private static TckService open(Dialect dialect) {
        VirtualClock clock = VirtualClock.create();
        SimulatorManager manager = Simulator.newManager(SimulatorConfig.builder()
                .dialect(dialect)
                .virtualClock(clock)
                .progressNotificationInterval(Duration.ZERO)
                .callbackRetryInterval(Duration.ofMillis(10))
                .readTimeout(Duration.ofSeconds(10))
                .build());
        return new TckService() {
            @Override
            public IBackgroundCopyManager manager() {
                return manager;
            }

            @Override
            public Instant now() {
                return clock.now();
            }

            @Override
            public void advance(Duration duration) {
                clock.advance(duration);
                manager.runUntilIdle();
            }

            @Override
            public void runUntilIdle() {
                manager.runUntilIdle();
            }

            @Override
            public IBackgroundCopyManager openManagerAsOtherCaller() {
                return manager.forCaller(CallerIdentity.user("tck-other-user"));
            }

            @Override
            public void close() {
                manager.close();
            }
        };
    }

    @Group
    class DoDialect implements BackgroundCopyTck {
        private final TckFixture fixture = SimulatorTckTest.fixture(Dialect.DO);

        @Override
        public TckFixture fixture() {
            return fixture;
        }
    }

    @Group
    class BitsDialect implements BackgroundCopyTck {
        private final TckFixture fixture = SimulatorTckTest.fixture(Dialect.BITS);

        @Override
        public TckFixture fixture() {
            return fixture;
        }
    }
}
