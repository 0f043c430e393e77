package dev.bgcopy.simulator;

import java.util.Objects;

/**
 * Creates simulated background-copy services: the pure-Java counterpart of {@code CoCreateInstance}
 * on {@code CLSID_DeliveryOptimization} (or, in the BITS dialect, {@code CLSID_BackgroundCopyManager}).
 *
 * <p>A simulated manager is a real transfer engine: it downloads http, https and file URLs into
 * hidden temporary files, resumes with {@code Range}/{@code If-Range}, retries transient errors and
 * renames the files into place on Complete. With a {@link VirtualClock} and a {@link ScriptedNetwork}
 * in its {@link SimulatorConfig} the same engine becomes a deterministic test double.
 *
 * <pre>{@code
 * SimulatorConfig config = SimulatorConfig.deterministic();
 * ScriptedNetwork network = config.scriptedNetwork().orElseThrow();
 * network.serve("https://cdn.example/a.bin", bytes).failNext(3, 503);
 * try (SimulatorManager manager = Simulator.newManager(config)) {
 *     IBackgroundCopyJob job = manager.createJob("a", BgJobType.DOWNLOAD);
 *     job.addFileWithRanges("a", "https://cdn.example/a.bin", dir.resolve("a.bin").toString(), List.of(),
 *             IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
 *     job.resume();
 *     manager.runUntilIdle();                 // TRANSIENT_ERROR after the first 503
 *     ...
 * }
 * }</pre>
 *
 * <p>Applications that do not need the test controls use {@code BackgroundCopy.open("simulator", options)}.
 */
public final class Simulator {

    private Simulator() {
    }

    /** A new, empty simulated service configured by {@code config}. */
    public static SimulatorManager newManager(SimulatorConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.store().isEmpty()) {
            return new JobEngine(config, new InMemoryJobStore());
        }
        SqliteJobStore store = SqliteJobStore.open(config.store().get());
        try {
            return new JobEngine(config, store);
        } catch (RuntimeException | Error e) {
            store.close();
            throw e;
        }
    }

    /** A new, empty simulated service with {@link SimulatorConfig#defaults()}: real transfers, DO dialect. */
    public static SimulatorManager newManager() {
        return newManager(SimulatorConfig.defaults());
    }
}
