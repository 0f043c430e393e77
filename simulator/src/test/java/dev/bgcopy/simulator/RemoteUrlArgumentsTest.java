package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgFileInfo;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Remote URLs that are refused when they are set (docs/contract.md §5.5 "Server input"): user
 * information (credentials) is never stored nor echoed, ports outside 1..65535 are not retried as network
 * errors, and no exception message carries a raw control character from the rejected input.
 */
class RemoteUrlArgumentsTest {

    private static final String SECRET = "hunter2";
    private static final String WITH_CREDENTIALS = "http://alice:" + SECRET + "@127.0.0.1:8080/x.bin";

    @TempDir
    Path dir;

    private static BackgroundCopyException refused(Runnable call) {
        BackgroundCopyException e = catchThrowableOfType(BackgroundCopyException.class, call::run);
        assertThat(e).as("the call is refused").isNotNull();
        assertThat(e.hresult()).isEqualTo(HResult.E_INVALIDARG);
        return e;
    }

    @Test
    @DisplayName("user information in a URL is refused at AddFile, AddFileSet and SetRemoteName, never stored, never echoed")
    void userInfoIsRefusedEverywhere() {
        try (SimFixture f = new SimFixture(dir, Dialect.BITS)) {
            IBackgroundCopyJob job = f.newJob();
            String dest = f.destination("x.bin").toString();
            BackgroundCopyException addFile = refused(() -> job.addFile(WITH_CREDENTIALS, dest));
            BackgroundCopyException addFileSet = refused(() -> job.addFileSet(List.of(new BgFileInfo(WITH_CREDENTIALS, dest))));
            assertThat(job.getProgress().filesTotal()).isZero();

            String good = f.serve(10).url();
            job.addFile(good, dest);
            IBackgroundCopyFile file = job.enumFiles().next(1).get(0);
            BackgroundCopyException rename = refused(() -> file.setRemoteName(WITH_CREDENTIALS));
            assertThat(file.getRemoteName()).isEqualTo(good);

            for (BackgroundCopyException e : List.of(addFile, addFileSet, rename)) {
                assertThat(e.getMessage()).contains("user information").doesNotContain(SECRET).doesNotContain("alice");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:0/x.bin", "https://127.0.0.1:65536/x.bin", "http://127.0.0.1:99999/x.bin"})
    @DisplayName("a port outside 1..65535 is refused at AddFile instead of retried as a network error")
    void portOutOfRangeIsRefused(String url) {
        try (SimFixture f = new SimFixture(dir, Dialect.DO)) {
            IBackgroundCopyJob job = f.newJob();
            BackgroundCopyException e = refused(() -> job.addFileWithRanges("x", url, f.destination("x.bin").toString(),
                    List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE));
            assertThat(e.getMessage()).contains("port");
        }
    }

    @Test
    @DisplayName("a rejected URL or path is quoted with its control characters escaped: no line break, no terminal sequence")
    void rejectedInputIsEscapedInMessages() {
        try (SimFixture f = new SimFixture(dir, Dialect.BITS)) {
            IBackgroundCopyJob job = f.newJob();
            BackgroundCopyException url = refused(() -> job.addFile("ftp://host/a\r\nInjected: yes\u001b]0;title\u0007",
                    f.destination("x.bin").toString()));
            BackgroundCopyException path = refused(() -> job.addFile(f.serve(10).url(), "relative\nname\u001b[2J"));
            assertThat(url.getMessage()).doesNotContain("\r", "\n", "\u001b", "\u0007")
                    .contains("a\\r\\nInjected: yes\\u001B]0;title\\u0007");
            assertThat(path.getMessage()).doesNotContain("\n", "\u001b").contains("relative\\nname\\u001B[2J");
        }
    }

    @Test
    @DisplayName("a rejected provider option is quoted escaped too")
    void rejectedProviderOptionsAreEscaped() {
        BackgroundCopyException dialect = refused(() -> dev.bgcopy.api.BackgroundCopy.open(SimulatorProvider.NAME,
                java.util.Map.of("dialect", "do\r\nfake: line")));
        BackgroundCopyException unknown = refused(() -> dev.bgcopy.api.BackgroundCopy.open(SimulatorProvider.NAME,
                java.util.Map.of("x\u001b[31m", "1")));
        assertThat(dialect.getMessage()).doesNotContain("\r", "\n").contains("do\\r\\nfake: line");
        assertThat(unknown.getMessage()).doesNotContain("\u001b").contains("x\\u001B[31m");
    }

    @Test
    void escapeLeavesPrintableTextAlone() {
        assertThat(Arguments.escape("plain ASCII, ünïcödé and 中文")).isEqualTo("plain ASCII, ünïcödé and 中文");
        assertThat(Arguments.escape("tab\there\u2028\u007f")).isEqualTo("tab\\there\\u2028\\u007F");
    }
}
