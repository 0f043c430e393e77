package dev.bgcopy.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.SemanticError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ExitCodeTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void notFound_isThree_inBothDialects(Dialect dialect) {
        assertThat(ExitCode.of(dialect.code(SemanticError.NOT_FOUND))).isEqualTo(ExitCode.NOT_FOUND);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void rejectedInput_isUsage_inBothDialects(Dialect dialect) {
        assertThat(ExitCode.of(dialect.code(SemanticError.INVALID_RANGE))).isEqualTo(ExitCode.USAGE);
        assertThat(ExitCode.of(dialect.code(SemanticError.OVERLAPPING_RANGES))).isEqualTo(ExitCode.USAGE);
        assertThat(ExitCode.of(dialect.code(SemanticError.EMPTY))).isEqualTo(ExitCode.USAGE);
        assertThat(ExitCode.of(HResult.E_INVALIDARG)).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void unregisteredService_isBackendUnavailable() {
        assertThat(ExitCode.of(HResult.REGDB_E_CLASSNOTREG)).isEqualTo(ExitCode.BACKEND_UNAVAILABLE);
        assertThat(ExitCode.of(HResult.ERROR_SERVICE_DISABLED)).isEqualTo(ExitCode.BACKEND_UNAVAILABLE);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void otherRefusals_areFailed(Dialect dialect) {
        assertThat(ExitCode.of(dialect.code(SemanticError.INVALID_STATE))).isEqualTo(ExitCode.FAILED);
        assertThat(ExitCode.of(HResult.E_ACCESSDENIED)).isEqualTo(ExitCode.FAILED);
        assertThat(ExitCode.of(HResult.BG_E_HTTP_ERROR_404)).isEqualTo(ExitCode.FAILED);
    }

    @Test
    void cliException_isOneLine_withNameHexAndHint() {
        BackgroundCopyException e = new BackgroundCopyException("IBackgroundCopyJob::Resume", HResult.DO_E_JOB_EMPTY,
                "the job has\nno files");
        CliException cli = CliException.of("cannot resume job 42", e);
        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.getMessage())
                .isEqualTo("cannot resume job 42: DO_E_JOB_EMPTY (0x80D02004): the job has no files; hint: "
                        + Hints.forCode(HResult.DO_E_JOB_EMPTY));
    }
}
