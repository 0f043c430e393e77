package dev.bgcopy.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLinesTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ProgressDisplay.Lines lines = new ProgressDisplay.Lines(
            new PrintStream(bytes, true, StandardCharsets.UTF_8), "app.zip", Duration.ofHours(1));

    @Test
    void line_hasStateBytesPercentRateAndEta() {
        lines.update(BgJobState.TRANSFERRING, new BgJobProgress(8L << 20, 0, 1, 0));
        long oneSecondLater = System.nanoTime() + 1_000_000_000L;
        String line = lines.line(BgJobState.TRANSFERRING, new BgJobProgress(8L << 20, 2L << 20, 1, 0), oneSecondLater);
        assertThat(line).startsWith("app.zip: TRANSFERRING 2.0 MiB / 8.0 MiB (25.0%), ")
                .containsPattern("\\d+\\.\\d MiB/s, ETA \\d");
    }

    @Test
    void unknownTotal_hasNoPercent() {
        lines.update(BgJobState.TRANSFERRING, new BgJobProgress(BgJobProgress.BG_SIZE_UNKNOWN, 512, 1, 0));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("app.zip: TRANSFERRING 512 B" + System.lineSeparator());
    }

    @Test
    void stateChanges_areAlwaysPrinted_sameStateAtMostOncePerPeriod() {
        BgJobProgress p = new BgJobProgress(100, 1, 1, 0);
        lines.update(BgJobState.QUEUED, p);
        lines.update(BgJobState.TRANSFERRING, p);
        lines.update(BgJobState.TRANSFERRING, p);
        lines.update(BgJobState.TRANSFERRED, new BgJobProgress(100, 100, 1, 1));
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .extracting(l -> l.split(" ")[1]).containsExactly("QUEUED", "TRANSFERRING", "TRANSFERRED");
    }
}
