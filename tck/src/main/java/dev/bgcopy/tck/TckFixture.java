package dev.bgcopy.tck;

import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What an implementation supplies to run the kit: the guava-testlib "generator". Everything else
 * (the tests, the loopback content server, temporary directories, the report) belongs to the kit.
 *
 * <pre>{@code
 * class SimulatorTckTest implements BackgroundCopyTck {
 *     public TckFixture fixture() {
 *         return TckFixture.builder("simulator-do")
 *                 .dialect(Dialect.DO).mode(TckMode.STRICT)
 *                 .features(Feature.ADD_FILE_WITH_RANGES, Feature.DO_EXTENSIONS, Feature.CALLBACKS)
 *                 .capabilities(Capability.VIRTUAL_CLOCK)
 *                 .opener((dir, content) -> ...a TckService around Simulator.newManager(...)...)
 *                 .build();
 *     }
 * }
 * }</pre>
 */
public interface TckFixture {

    /** A short name shown in the report, e.g. {@code simulator-DO}. */
    String name();

    /** The dialect the implementation speaks (which codes strict mode expects). */
    Dialect dialect();

    /** How strictly the implementation is held to the contract. */
    TckMode mode();

    /**
     * The optional parts of the contract the implementation claims. Tests marked
     * {@link Requires} run only when these match; the kit also checks the claim against
     * {@link dev.bgcopy.api.IBackgroundCopyManager#supportedFeatures()}.
     */
    Set<Feature> features();

    /** The deterministic controls {@link #open} offers. */
    Set<Capability> capabilities();

    /** Known failures to report as suppressed instead of running. Empty for a conforming implementation. */
    default List<Suppression> suppressions() {
        return List.of();
    }

    /**
     * A fresh instance of the implementation for one test.
     *
     * @param localDirectory an empty directory the test's downloads go to (deleted afterwards)
     * @param content the test's content server, already running; an implementation that does not
     *        download over HTTP itself must make its URLs resolve to this content
     */
    TckService open(Path localDirectory, RemoteContent content);

    /**
     * The content server for one test. The default is the kit's real-socket server on 127.0.0.1;
     * override only if the implementation cannot reach loopback.
     */
    default RemoteContent newRemoteContent() {
        return LoopbackRemoteContent.start();
    }

    /** A builder for the common case. */
    static TckFixtureBuilder builder(String name) {
        return new TckFixtureBuilder(name);
    }
}
