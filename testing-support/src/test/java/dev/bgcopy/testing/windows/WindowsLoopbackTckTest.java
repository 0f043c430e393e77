package dev.bgcopy.testing.windows;

import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.simulator.CallerIdentity;
import dev.bgcopy.simulator.Simulator;
import dev.bgcopy.simulator.SimulatorManager;
import dev.bgcopy.tck.BackgroundCopyTck;
import dev.bgcopy.tck.Capability;
import dev.bgcopy.tck.NativeCalls;
import dev.bgcopy.tck.TckFixture;
import dev.bgcopy.tck.TckMode;
import dev.bgcopy.tck.TckService;
import dev.bgcopy.testing.SimulatorTckControls;
import dev.bgcopy.testing.loopback.LoopbackService;
import dev.bgcopy.windows.internal.ServiceKind;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import net.jqwik.api.Group;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The whole conformance kit, strict, against the binding: every call goes through the façade, the
 * native vtables and the loopback to the simulator, in both dialects. Each test's service ends with
 * the loopback leak check. The simulator's clock and scheduler are driven directly (they are test
 * controls, not COM calls), and it downloads from the kit's real 127.0.0.1 content server.
 *
 * <p>The leak check of a service runs when the next one opens: kit tests close the service inside the
 * test method, while wrappers they did not close are still referenced by the method's frame, so only
 * afterwards can the Cleaner release them. Until then the finished service keeps its COM thread.
 */
class WindowsLoopbackTckTest {

    private static final Duration SETTLE_DEADLINE = Duration.ofSeconds(10);
    private static final Deque<LoopbackService> FINISHED = new ArrayDeque<>();
    private static int settled;

    /**
     * Proves that every finished service released everything, then stops its runtime.
     *
     * @throws AssertionError naming the counters of a service that leaked
     */
    private static synchronized void settleFinished() {
        while (!FINISHED.isEmpty()) {
            LoopbackService finished = FINISHED.poll();
            try {
                finished.assertBalanced(SETTLE_DEADLINE);
                settled++;
            } catch (AssertionError e) {
                throw new AssertionError("the previous kit test leaked through the loopback: " + e.getMessage(), e);
            } finally {
                finished.runtime().close();
            }
        }
    }

    private static synchronized void finished(LoopbackService service) {
        FINISHED.add(service);
    }

    static TckFixture fixture(Dialect dialect) {
        ServiceKind kind = dialect == Dialect.DO ? ServiceKind.DELIVERY_OPTIMIZATION : ServiceKind.BITS;
        return TckFixture.builder("windows-com-loopback-" + dialect)
                .dialect(dialect)
                .mode(TckMode.STRICT)
                .features(kind.features())
                .capabilities(Capability.VIRTUAL_CLOCK, Capability.OTHER_CALLER, Capability.NATIVE_CALLS,
                        Capability.LOCAL_FAULTS, Capability.LOG_OFF, Capability.NETWORK_COST)
                .opener((dir, content) -> new LoopbackTckService(dialect))
                .build();
    }

    /** Checks the last service of the run, and that the check ran at all. */
    @AfterContainer
    static synchronized void leakCheckTheLastService() {
        settleFinished();
        if (settled == 0) {
            throw new AssertionError("the loopback leak check never ran");
        }
    }

    /** The kit in the DO dialect. */
    @Group
    class DeliveryOptimization implements BackgroundCopyTck {
        private final TckFixture fixture = WindowsLoopbackTckTest.fixture(Dialect.DO);

        @Override
        public TckFixture fixture() {
            return fixture;
        }
    }

    /** The kit in the BITS dialect. */
    @Group
    class Bits implements BackgroundCopyTck {
        private final TckFixture fixture = WindowsLoopbackTckTest.fixture(Dialect.BITS);

        @Override
        public TckFixture fixture() {
            return fixture;
        }
    }

    /** One simulator behind one loopback, reached through the binding; the kit's controls drive the simulator. */
    private static final class LoopbackTckService extends SimulatorTckControls {
        private final SimulatorManager simulator;
        private final LoopbackService loopback;

        LoopbackTckService(Dialect dialect) {
            settleFinished();
            simulator = Simulator.newManager(config(dialect).build());
            loopback = LoopbackService.open(simulator);
        }

        @Override
        public IBackgroundCopyManager manager() {
            return loopback.manager();
        }

        @Override
        protected SimulatorManager simulator() {
            return simulator;
        }

        @Override
        public IBackgroundCopyManager openManagerAsOtherCaller() {
            return loopback.openAlso(simulator.forCaller(CallerIdentity.user("other-user")));
        }

        @Override
        public NativeCalls nativeCalls() {
            return new BindingNativeCalls();
        }

        @Override
        public void close() {
            try {
                loopback.shutdown();
            } finally {
                finished(loopback);
                simulator.close();
            }
        }
    }
}
