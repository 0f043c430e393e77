package dev.bgcopy.testing;

import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.simulator.NetworkCost;
import dev.bgcopy.simulator.SimulatorConfig;
import dev.bgcopy.simulator.SimulatorManager;
import dev.bgcopy.simulator.VirtualClock;
import dev.bgcopy.tck.TckService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The conformance kit's deterministic controls over one simulator (docs/contract.md §5.6): its virtual clock,
 * its scheduler step, its local-file fault hooks and log-off. Subclasses decide which manager the kit
 * talks to (the simulator itself, or the Windows binding in front of it over the COM loopback) and
 * how it is opened and closed.
 */
public abstract class SimulatorTckControls implements TckService {

    private final VirtualClock clock = VirtualClock.create();
    private final NetworkCost networkCost = NetworkCost.unrestricted();

    /** The simulator behind {@link #manager()}, whose controls the kit drives. */
    protected abstract SimulatorManager simulator();

    /**
     * The kit's simulator configuration on this instance's clock: every JobModification delivered and a
     * failed callback redelivered 10 ms (virtual) later, so notification rules are checked exactly.
     */
    protected final SimulatorConfig.Builder config(Dialect dialect) {
        return SimulatorConfig.builder()
                .dialect(dialect)
                .virtualClock(clock)
                .progressNotificationInterval(Duration.ZERO)
                .callbackRetryInterval(Duration.ofMillis(10))
                .readTimeout(Duration.ofSeconds(10))
                .networkCost(networkCost)
                // The kit sets its proxies per job; the developer's http_proxy and friends must not reach the kit.
                .proxyEnvironment(java.util.Map.of());
    }

    @Override
    public void setNetworkCost(int costState) {
        networkCost.set(costState);
        simulator().runUntilIdle();
    }

    @Override
    public Instant now() {
        return clock.now();
    }

    @Override
    public void advance(Duration duration) {
        clock.advance(duration);
        simulator().runUntilIdle();
    }

    @Override
    public void runUntilIdle() {
        simulator().runUntilIdle();
    }

    @Override
    public void denyWrites(Path directory) {
        simulator().denyWrites(directory);
    }

    @Override
    public void failRenames(HResult failure) {
        simulator().setRenameFailure(failure);
    }

    @Override
    public void failDeletes(boolean failing) {
        simulator().setDeleteFailure(failing);
    }

    @Override
    public void logOffOwner() {
        simulator().logOff(simulator().config().caller().user());
    }
}
