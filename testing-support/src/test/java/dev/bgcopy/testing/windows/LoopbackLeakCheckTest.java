package dev.bgcopy.testing.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Pointer;

import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.simulator.Simulator;
import dev.bgcopy.simulator.SimulatorConfig;
import dev.bgcopy.simulator.SimulatorManager;
import dev.bgcopy.testing.loopback.LoopbackService;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The loopback's leak check can fail: it sees a held reference and an unfreed allocation, exactly. */
class LoopbackLeakCheckTest {

    @Test
    void aHeldReferenceAndAnUnfreedAllocationAreReportedThenBalanceOnceReleased() {
        try (SimulatorManager simulator = Simulator.newManager(
                SimulatorConfig.deterministic().toBuilder().dialect(Dialect.BITS).build())) {
            LoopbackService service = LoopbackService.open(simulator);
            try {
                IBackgroundCopyJob held = service.manager().createJob("held", BgJobType.DOWNLOAD);
                Pointer unfreed = service.runtime().coTaskMemAlloc(32);
                service.shutdown();
                assertThatThrownBy(() -> service.assertBalanced(Duration.ZERO))
                        .isInstanceOf(AssertionError.class)
                        .hasMessageContaining("task memory 1 allocated / 0 freed");
                service.runtime().coTaskMemFree(unfreed);
                assertThatThrownBy(() -> service.assertBalanced(Duration.ZERO))
                        .hasMessageContaining("task memory 1 allocated / 1 freed");
                held.close();
                service.assertBalanced(Duration.ZERO);
                service.runtime().coTaskMemFree(unfreed);
                assertThat(service.runtime().invalidFrees()).isEqualTo(1);
            } finally {
                service.runtime().close();
            }
        }
    }
}
