package dev.bgcopy.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgHttpRedirectPolicy;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgSslFlag;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions;
import dev.bgcopy.mockwebserver.Content;
import dev.bgcopy.mockwebserver.MockWebServer;
import dev.bgcopy.mockwebserver.RecordedRequest;
import dev.bgcopy.mockwebserver.SelfSignedTls;
import dev.bgcopy.tck.internal.TckSession;
import java.net.URI;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.Tag;

/**
 * docs/contract.md §9 "On the wire: security flags and redirect policy" (R171-R179): what a job's
 * {@code BG_SSL_*} flags, CRL check and redirect policy do against real TLS servers on 127.0.0.1, whose
 * certificates are made in the test (so no service trusts their CA, and each server has one more fault than
 * its unknown CA). Failures are checked as ERROR everywhere and with their exact code in strict mode.
 */
public interface HttpSecurityContract extends TckContract {

    /** The body every server of these rules serves. */
    private static byte[] body() {
        return TckSession.bytes(12_000, 171);
    }

    private static MockWebServer serving(SelfSignedTls tls) {
        MockWebServer server = MockWebServer.startTls(tls);
        server.serve("/f.bin", Content.of(body()));
        return server;
    }

    private static int mask(BgSslFlag... flags) {
        return BgSslFlag.toMask(Set.of(flags));
    }

    /** A job downloading {@code url} to a fresh local file under {@code flags}, driven until it transferred or failed. */
    private static IBackgroundCopyJob download(TckSession s, URI url, int flags, String name) {
        IBackgroundCopyJob job = s.newJob(name);
        job.queryInterface(IBackgroundCopyJobHttpOptions.class).orElseThrow(() -> new AssertionError(
                "QueryInterface(IID_IBackgroundCopyJobHttpOptions) failed on a service that declares HTTP_OPTIONS"))
                .setSecurityFlags(flags);
        s.addUrl(job, name, url);
        job.resume();
        s.driveTo(job, BgJobState.TRANSFERRED, BgJobState.ERROR);
        return job;
    }

    /** ERROR, with {@code code} in strict mode, and no file at the destination. */
    private static void assertFailedWith(TckSession s, IBackgroundCopyJob job, HResult code, String name) {
        assertThat(job.getState()).as("%s: fatal", name).isEqualTo(BgJobState.ERROR);
        if (s.strict()) {
            assertThat(job.getError().getError().code()).as("%s", name).isEqualTo(code);
        }
        assertThat(Files.exists(s.local(name))).as("%s: nothing at the destination", name).isFalse();
    }

    private static void assertTransferred(TckSession s, IBackgroundCopyJob job, String name) throws Exception {
        assertThat(job.getState()).as(name).isEqualTo(BgJobState.TRANSFERRED);
        assertThat(job.complete().isSuccess()).isTrue();
        assertThat(Files.readAllBytes(s.local(name))).isEqualTo(body());
    }

    /**
     * A certificate of an unknown CA with one more fault: every other flag (IGNORE_UNKNOWN_CA included) leaves
     * that fault ({@code code}), its own flag alone leaves the unknown CA, and the two together download.
     */
    private static void onlyItsOwnFlagWaives(TckSession s, SelfSignedTls tls, BgSslFlag own, HResult code, String prefix)
            throws Exception {
        try (MockWebServer server = serving(tls)) {
            URI url = server.url("/f.bin");
            int others = BgSslFlag.toMask(EnumSet.complementOf(EnumSet.of(own, BgSslFlag.ENABLE_CRL_CHECK)));
            assertFailedWith(s, download(s, url, others, prefix + "-others.bin"), code, prefix + "-others.bin");
            assertFailedWith(s, download(s, url, mask(own), prefix + "-own.bin"), HResult.ERROR_WINHTTP_SECURE_INVALID_CA,
                    prefix + "-own.bin");
            assertTransferred(s, download(s, url, mask(BgSslFlag.IGNORE_UNKNOWN_CA, own), prefix + "-both.bin"), prefix + "-both.bin");
        }
    }

    @Example
    @Tag("R171")
    @Label("R171 unknownCa_failsFatally_ignoreUnknownCaDownloads")
    @Requires(Feature.HTTP_OPTIONS)
    default void unknownCa_failsFatally_ignoreUnknownCaDownloads() throws Exception {
        try (TckSession s = TckSession.open(fixture()); MockWebServer server = serving(SelfSignedTls.selfSigned())) {
            URI url = server.url("/f.bin");
            assertFailedWith(s, download(s, url, 0, "ca-default.bin"), HResult.ERROR_WINHTTP_SECURE_INVALID_CA, "ca-default.bin");
            int others = BgSslFlag.toMask(EnumSet.complementOf(EnumSet.of(BgSslFlag.IGNORE_UNKNOWN_CA, BgSslFlag.ENABLE_CRL_CHECK)));
            assertFailedWith(s, download(s, url, others, "ca-others.bin"), HResult.ERROR_WINHTTP_SECURE_INVALID_CA, "ca-others.bin");
            assertTransferred(s, download(s, url, mask(BgSslFlag.IGNORE_UNKNOWN_CA), "ca-waived.bin"), "ca-waived.bin");
        }
    }

    @Example
    @Tag("R172")
    @Label("R172 expiredCertificate_needsIgnoreDateInvalidToo")
    @Requires(Feature.HTTP_OPTIONS)
    default void expiredCertificate_needsIgnoreDateInvalidToo() throws Exception {
        try (TckSession s = TckSession.open(fixture())) {
            onlyItsOwnFlagWaives(s, SelfSignedTls.expired(), BgSslFlag.IGNORE_CERT_DATE_INVALID,
                    HResult.ERROR_WINHTTP_SECURE_CERT_DATE_INVALID, "date");
        }
    }

    @Example
    @Tag("R173")
    @Label("R173 wrongHost_needsIgnoreCnInvalidToo")
    @Requires(Feature.HTTP_OPTIONS)
    default void wrongHost_needsIgnoreCnInvalidToo() throws Exception {
        try (TckSession s = TckSession.open(fixture())) {
            onlyItsOwnFlagWaives(s, SelfSignedTls.wrongHost(), BgSslFlag.IGNORE_CERT_CN_INVALID,
                    HResult.ERROR_WINHTTP_SECURE_CERT_CN_INVALID, "cn");
        }
    }

    @Example
    @Tag("R174")
    @Label("R174 wrongUsage_needsIgnoreWrongUsageToo")
    @Requires(Feature.HTTP_OPTIONS)
    default void wrongUsage_needsIgnoreWrongUsageToo() throws Exception {
        try (TckSession s = TckSession.open(fixture())) {
            onlyItsOwnFlagWaives(s, SelfSignedTls.wrongUsage(), BgSslFlag.IGNORE_CERT_WRONG_USAGE,
                    HResult.ERROR_WINHTTP_SECURE_CERT_WRONG_USAGE, "usage");
        }
    }

    @Example
    @Tag("R175")
    @Label("R175 waivedCheck_neverReachesAnotherJobsRequest")
    @Requires(Feature.HTTP_OPTIONS)
    default void waivedCheck_neverReachesAnotherJobsRequest() throws Exception {
        try (TckSession s = TckSession.open(fixture()); MockWebServer server = serving(SelfSignedTls.selfSigned())) {
            URI url = server.url("/f.bin");
            assertTransferred(s, download(s, url, mask(BgSslFlag.IGNORE_UNKNOWN_CA), "pool-first.bin"), "pool-first.bin");
            assertFailedWith(s, download(s, url, 0, "pool-strict.bin"), HResult.ERROR_WINHTTP_SECURE_INVALID_CA, "pool-strict.bin");
            assertTransferred(s, download(s, url, mask(BgSslFlag.IGNORE_UNKNOWN_CA), "pool-again.bin"), "pool-again.bin");
        }
    }

    @Example
    @Tag("R176")
    @Label("R176 crlCheck_revokedOrUnobtainable_failsFatally")
    @Requires(Feature.HTTP_OPTIONS)
    default void crlCheck_revokedOrUnobtainable_failsFatally() throws Exception {
        try (TckSession s = TckSession.open(fixture()); MockWebServer crls = MockWebServer.start()) {
            SelfSignedTls revoked = SelfSignedTls.revoked(crls.url("/revoked.crl"));
            crls.serve("/revoked.crl", Content.of(revoked.crl()));
            SelfSignedTls unlisted = SelfSignedTls.signedByUnknownCa(crls.url("/nowhere.crl"));
            int waived = mask(BgSslFlag.IGNORE_UNKNOWN_CA);
            int checked = waived | BgSslFlag.ENABLE_CRL_CHECK.nativeValue();
            try (MockWebServer server = serving(revoked)) {
                assertTransferred(s, download(s, server.url("/f.bin"), waived, "crl-off.bin"), "crl-off.bin");
                assertThat(crls.drainRequests()).as("no CRL fetched without BG_SSL_ENABLE_CRL_CHECK").isEmpty();
                assertFailedWith(s, download(s, server.url("/f.bin"), checked, "crl-revoked.bin"),
                        HResult.ERROR_WINHTTP_SECURE_CERT_REVOKED, "crl-revoked.bin");
            }
            try (MockWebServer server = serving(unlisted)) {
                assertFailedWith(s, download(s, server.url("/f.bin"), checked, "crl-missing.bin"),
                        HResult.ERROR_WINHTTP_SECURE_CERT_REV_FAILED, "crl-missing.bin");
            }
        }
    }

    @Example
    @Tag("R177")
    @Label("R177 clientCertificateDemanded_withoutOne_failsFatally")
    @Requires(Feature.HTTP_OPTIONS)
    default void clientCertificateDemanded_withoutOne_failsFatally() throws Exception {
        try (TckSession s = TckSession.open(fixture());
             MockWebServer server = serving(SelfSignedTls.signedByUnknownCa().requiringClientCertificate())) {
            assertFailedWith(s, download(s, server.url("/f.bin"), mask(BgSslFlag.IGNORE_UNKNOWN_CA), "mutual.bin"),
                    HResult.ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED, "mutual.bin");
        }
    }

    private static String remoteName(IBackgroundCopyJob job) {
        return job.enumFiles().next(1).get(0).getRemoteName();
    }

    @Example
    @Tag("R178")
    @Label("R178 redirectPolicy_silentReportDisallow")
    @Requires(Feature.HTTP_OPTIONS)
    default void redirectPolicy_silentReportDisallow() throws Exception {
        try (TckSession s = TckSession.open(fixture()); MockWebServer server = MockWebServer.start()) {
            server.serve("/f.bin", Content.of(body()));
            server.redirectChain("/moved", 2, 302, server.url("/f.bin"));
            server.redirect("/found", 302, server.url("/f.bin"));
            URI moved = server.url("/moved");
            IBackgroundCopyJob silent = download(s, moved, BgHttpRedirectPolicy.ALLOW_SILENT.nativeValue(), "silent.bin");
            assertThat(remoteName(silent)).isEqualTo(moved.toString());
            assertTransferred(s, silent, "silent.bin");
            IBackgroundCopyJob report = download(s, moved, BgHttpRedirectPolicy.ALLOW_REPORT.nativeValue(), "report.bin");
            assertThat(remoteName(report)).as("ALLOW_REPORT: the final URL").isEqualTo(server.url("/f.bin").toString());
            assertTransferred(s, report, "report.bin");

            server.drainRequests();
            IBackgroundCopyJob refused = download(s, server.url("/found"), BgHttpRedirectPolicy.DISALLOW.nativeValue(), "disallow.bin");
            assertFailedWith(s, refused, HResult.HTTP_STATUS_REDIRECT, "disallow.bin");
            assertThat(remoteName(refused)).as("DISALLOW: the redirected URL").isEqualTo(server.url("/f.bin").toString());
            assertThat(server.drainRequests()).extracting(RecordedRequest::path).doesNotContain("/f.bin");
        }
    }

    @Example
    @Tag("R179")
    @Label("R179 httpsToHttp_followedOnlyWithItsFlag")
    @Requires(Feature.HTTP_OPTIONS)
    default void httpsToHttp_followedOnlyWithItsFlag() throws Exception {
        try (TckSession s = TckSession.open(fixture()); MockWebServer plain = MockWebServer.start();
             MockWebServer secure = MockWebServer.startTls(SelfSignedTls.selfSigned())) {
            plain.serve("/f.bin", Content.of(body()));
            secure.redirect("/down", 302, plain.url("/f.bin"));
            int waived = mask(BgSslFlag.IGNORE_UNKNOWN_CA);
            assertFailedWith(s, download(s, secure.url("/down"), waived, "downgrade-refused.bin"), HResult.fromHttpStatus(302),
                    "downgrade-refused.bin");
            assertThat(plain.drainRequests()).as("the http URL is never asked for").isEmpty();
            assertTransferred(s, download(s, secure.url("/down"), waived | BgHttpRedirectPolicy.ALLOW_HTTPS_TO_HTTP,
                    "downgrade-allowed.bin"), "downgrade-allowed.bin");
        }
    }
}
