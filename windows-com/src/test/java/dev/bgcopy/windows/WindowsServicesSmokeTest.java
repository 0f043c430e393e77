package dev.bgcopy.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.api.SemanticError;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The real services, Windows only ({@code mvn -Pwindows-it}): activation, a job's first states and
 * the dialect's codes, with nothing left behind. Shows as skipped everywhere else.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@EnabledIfSystemProperty(named = "bgcopy.windows.it", matches = "true")
class WindowsServicesSmokeTest {

    @ParameterizedTest
    @ValueSource(strings = {"windows-do", "windows-bits"})
    void aNewJobIsSuspendedEmptyAndCancellable(String provider) {
        try (IBackgroundCopyManager manager = BackgroundCopy.open(provider, Map.of())) {
            IBackgroundCopyJob job = manager.createJob("bgcopy smoke test", BgJobType.DOWNLOAD);
            try (job) {
                assertThat(job.getState()).isEqualTo(BgJobState.SUSPENDED);                       // R3
                assertThat(job.getProgress()).isEqualTo(BgJobProgress.EMPTY);                     // R4
                assertThatThrownBy(job::resume).isInstanceOfSatisfying(BackgroundCopyException.class,
                        e -> assertThat(SemanticError.EMPTY.matches(e.hresult())).isTrue());     // R21
                job.cancel();                                                                     // R30
                assertThat(job.getState()).isEqualTo(BgJobState.CANCELLED);
            }
            assertThatThrownBy(() -> manager.getJob(UUID.randomUUID()))
                    .isInstanceOfSatisfying(BackgroundCopyException.class,
                            e -> assertThat(SemanticError.NOT_FOUND.matches(e.hresult())).isTrue()); // R17
        }
    }
}
