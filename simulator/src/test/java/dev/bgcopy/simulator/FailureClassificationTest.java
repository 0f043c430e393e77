package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** docs/contract.md §5.5: which failures are transient, their codes and contexts in both dialects. */
class FailureClassificationTest {

    @ParameterizedTest
    @CsvSource({"408,true", "429,true", "500,true", "502,true", "503,true", "504,true", "599,true",
            "501,false", "505,false", "400,false", "403,false", "404,false", "410,false"})
    void httpStatus(int status, boolean isTransient) {
        Failure failure = Failure.http(status, Duration.ofSeconds(900));
        assertThat(failure.code()).isEqualTo(HResult.fromHttpStatus(status));
        assertThat(failure.isTransient()).isEqualTo(isTransient);
        assertThat(failure.bitsContext()).isEqualTo(BgErrorContext.REMOTE_FILE);
        assertThat(failure.retryAfter()).isEqualTo(isTransient ? Duration.ofSeconds(900) : null);
    }

    @Test
    void doReportsRemoteFileOnlyFor403() {
        assertThat(DialectRules.DO.context(Failure.http(403, null))).isEqualTo(BgErrorContext.REMOTE_FILE);
        assertThat(DialectRules.DO.context(Failure.http(404, null))).isEqualTo(BgErrorContext.NONE);
        assertThat(DialectRules.BITS.context(Failure.http(404, null))).isEqualTo(BgErrorContext.REMOTE_FILE);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void remoteFailures(Dialect dialect) {
        Failure timeout = Failure.remote(new SocketTimeoutException("silent"), dialect);
        assertThat(timeout.code()).isEqualTo(Failure.TIMEOUT);
        assertThat(timeout.isTransient()).isTrue();

        Failure tls = Failure.remote(new SSLHandshakeException("bad certificate"), dialect);
        assertThat(tls.code()).isEqualTo(Failure.SECURE_FAILURE);
        assertThat(tls.isTransient()).isFalse();

        Failure refused = Failure.remote(new ConnectException("refused"), dialect);
        assertThat(refused.code()).isEqualTo(dialect == Dialect.DO
                ? HResult.of(0x80D03805) : HResult.of(0x80200010));
        assertThat(refused.isTransient()).isTrue();
        assertThat(refused.bitsContext()).isEqualTo(BgErrorContext.GENERAL_TRANSPORT);

        Failure malformed = Failure.remote(new Transport.MalformedResponseException("longer than announced"), dialect);
        assertThat(malformed.code()).isEqualTo(HResult.of(0x80072F78));
        assertThat(malformed.isTransient()).isTrue();
        assertThat(malformed.bitsContext()).isEqualTo(BgErrorContext.GENERAL_TRANSPORT);

        assertThat(Failure.remote(new NoSuchFileException("/src"), dialect).code()).isEqualTo(HResult.ERROR_FILE_NOT_FOUND);
        assertThat(Failure.remote(new AccessDeniedException("/src"), dialect).code()).isEqualTo(HResult.E_ACCESSDENIED);
    }

    @Test
    void localFailures() {
        Failure denied = Failure.local(new AccessDeniedException("/dst"));
        assertThat(denied.code()).isEqualTo(HResult.E_ACCESSDENIED);
        assertThat(denied.isTransient()).isFalse();
        assertThat(denied.bitsContext()).isEqualTo(BgErrorContext.LOCAL_FILE);

        Failure full = Failure.local(new IOException("No space left on device"));
        assertThat(full.code()).isEqualTo(HResult.ERROR_DISK_FULL);
        assertThat(full.isTransient()).isTrue();

        assertThat(Failure.local(new NoSuchFileException("/dst")).code()).isEqualTo(HResult.ERROR_PATH_NOT_FOUND);
        assertThat(Failure.local(new IOException("other")).code()).isEqualTo(HResult.E_FAIL);
        assertThat(Failure.local(new LocalFiles.CodedIOException(HResult.ERROR_SHARING_VIOLATION, "held")).code())
                .isEqualTo(HResult.ERROR_SHARING_VIOLATION);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aTruncatedBodyIsALostConnection(Dialect dialect) {
        Failure truncated = Failure.truncatedBody(dialect, 10, 20);
        assertThat(truncated.isTransient()).isTrue();
        assertThat(truncated.code()).isEqualTo(Failure.remote(new ConnectException(), dialect).code());
    }

    @Test
    void noProgressKeepsTheLastCodeInBitsAndSaysSoInDo() {
        Failure last = Failure.http(503, null);
        assertThat(DialectRules.DO.noProgressFailure(last, 60).code()).isEqualTo(HResult.DO_E_DOWNLOAD_NO_PROGRESS);
        assertThat(DialectRules.BITS.noProgressFailure(last, 60).code()).isEqualTo(last.code());
        assertThat(DialectRules.DO.noProgressFailure(last, 60).isTransient()).isFalse();
        assertThat(DialectRules.BITS.noProgressFailure(last, 60).isTransient()).isFalse();
    }
}
