package dev.bgcopy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackgroundCopyExceptionTest {

    @Test
    void messageNamesTheMethodTheCodeAndTheDetail() {
        BackgroundCopyException e = new BackgroundCopyException("IBackgroundCopyJob::Resume", HResult.DO_E_JOB_EMPTY, "the job has no files");
        assertThat(e).hasMessage("IBackgroundCopyJob::Resume: DO_E_JOB_EMPTY (0x80D02004): the job has no files");
        assertThat(e.hresult()).isSameAs(HResult.DO_E_JOB_EMPTY);
        assertThat(e.method()).isEqualTo("IBackgroundCopyJob::Resume");
        assertThat(e.is(HResult.DO_E_JOB_EMPTY)).isTrue();
        assertThat(e.is(HResult.BG_E_EMPTY)).isFalse();
        assertThat(new BackgroundCopyException("IBackgroundCopyJob::Cancel", HResult.of(0x80D02013), null))
                .hasMessage("IBackgroundCopyJob::Cancel: DO_E_INVALID_STATE (0x80D02013)");
    }

    @Test
    void successCodesAreNotExceptions() {
        assertThatThrownBy(() -> new BackgroundCopyException("IBackgroundCopyJob::Complete", HResult.BG_S_PARTIAL_COMPLETE, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCauseIsKept() {
        Exception cause = new java.io.IOException("disk full");
        assertThat(new BackgroundCopyException("m", HResult.ERROR_DISK_FULL, "d", cause)).hasCause(cause);
    }
}
