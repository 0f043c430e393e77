package dev.bgcopy.tck;

import static dev.bgcopy.tck.internal.TckSession.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgAuthCredentials;
import dev.bgcopy.api.BgAuthScheme;
import dev.bgcopy.api.BgAuthTarget;
import dev.bgcopy.api.BgError;
import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJob2;
import dev.bgcopy.api.SemanticError;
import dev.bgcopy.mockwebserver.Authentication;
import dev.bgcopy.mockwebserver.RecordedRequest;
import dev.bgcopy.tck.internal.TckSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.Tag;

/**
 * docs/contract.md §9 "Credentials and proxies on the wire" (R163-R170): what a job's credentials
 * ({@code IBackgroundCopyJob2::SetCredentials}) and proxy settings ({@code IBackgroundCopyJob::SetProxySettings})
 * do to its transfers, against the kit's content server demanding credentials and the kit's forward proxy
 * ({@link RemoteContent#startProxy()}). BITS only: the services without the two interfaces skip them.
 */
public interface HttpAuthProxyContract extends TckContract {

    String USER = "tck-user";
    String PASSWORD = "tck-Pa55word";

    private static IBackgroundCopyJob2 job2(IBackgroundCopyJob job) {
        return job.queryInterface(IBackgroundCopyJob2.class).orElseThrow(() -> new AssertionError(
                "QueryInterface(IID_IBackgroundCopyJob2) failed on a service that declares HTTP_OPTIONS"));
    }

    private static void credentials(IBackgroundCopyJob job, BgAuthTarget target, BgAuthScheme scheme, String password) {
        job2(job).setCredentials(BgAuthCredentials.of(target, scheme, USER, password.toCharArray()));
    }

    /** A job with one file served at {@code /name}, whose body is returned by {@link #body(String)}. */
    private static IBackgroundCopyJob jobFor(TckSession s, String name) {
        IBackgroundCopyJob job = s.newJob(name);
        s.addFile(job, name, body(name));
        return job;
    }

    private static byte[] body(String name) {
        return bytes(20_000 + name.length(), name.hashCode());
    }

    /** Drives {@code job} to TRANSFERRED, completes it and checks the file's bytes. */
    private static void assertDownloads(TckSession s, IBackgroundCopyJob job, String name) {
        job.resume();
        s.driveTo(job, BgJobState.TRANSFERRED, BgJobState.ERROR);
        assertThat(job.getState()).as("%s: state", name).isEqualTo(BgJobState.TRANSFERRED);
        assertThat(job.complete().isSuccess()).isTrue();
        try {
            assertThat(Files.readAllBytes(s.local(name))).as("%s: the file's bytes", name).isEqualTo(body(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drives {@code job} to ERROR with exactly {@code code}; strict mode also checks the context. */
    private static void assertFails(TckSession s, IBackgroundCopyJob job, HResult code, BgErrorContext strictContext) {
        job.resume();
        s.driveTo(job, BgJobState.TRANSFERRED, BgJobState.ERROR);
        assertThat(job.getState()).as("%s: state", job.getDisplayName()).isEqualTo(BgJobState.ERROR);
        BgError error = job.getError().getError();
        assertThat(error.code()).as("%s: error", job.getDisplayName()).isEqualTo(code);
        if (s.strict()) {
            assertThat(error.context()).as("%s: context", job.getDisplayName()).isEqualTo(strictContext);
        }
    }

    private static List<RecordedRequest> requestsOf(TckSession s, String name) {
        return s.content().requests().stream().filter(r -> r.path().equals("/" + name)).toList();
    }

    @Example
    @Tag("R163")
    @Label("R163 serverCredentials_basicAndDigest_sentOnlyInAnswerToTheChallenge")
    @Requires(Feature.HTTP_OPTIONS)
    default void serverCredentials_basicAndDigest_sentOnlyInAnswerToTheChallenge() {
        try (TckSession s = TckSession.open(fixture())) {
            for (BgAuthScheme scheme : List.of(BgAuthScheme.BASIC, BgAuthScheme.DIGEST)) {
                String name = "r163-" + scheme + ".bin";
                IBackgroundCopyJob job = jobFor(s, name);
                s.content().requireAuth("/" + name, scheme == BgAuthScheme.BASIC
                        ? Authentication.basic("tck", USER, PASSWORD) : Authentication.digest("tck", USER, PASSWORD));
                credentials(job, BgAuthTarget.SERVER, scheme, PASSWORD);
                assertDownloads(s, job, name);
                List<RecordedRequest> requests = requestsOf(s, name);
                assertThat(requests.get(0).authorization()).as("%s: the first request carries no credentials", scheme).isEmpty();
                assertThat(requests).as("%s: the answer", scheme).anySatisfy(r -> assertThat(r.authorization()).hasValue(
                        new RecordedRequest.Credentials(scheme == BgAuthScheme.BASIC ? "Basic" : "Digest", USER)));
            }
        }
    }

    @Example
    @Tag("R164")
    @Label("R164 serverCredentials_missingWrongOtherSchemeOrEndlesslyChallenged_401")
    @Requires(Feature.HTTP_OPTIONS)
    default void serverCredentials_missingWrongOtherSchemeOrEndlesslyChallenged_401() {
        try (TckSession s = TckSession.open(fixture())) {
            Authentication basic = Authentication.basic("tck", USER, PASSWORD);
            IBackgroundCopyJob none = jobFor(s, "r164-none.bin");
            s.content().requireAuth("/r164-none.bin", basic);
            IBackgroundCopyJob wrong = jobFor(s, "r164-wrong.bin");
            s.content().requireAuth("/r164-wrong.bin", basic);
            credentials(wrong, BgAuthTarget.SERVER, BgAuthScheme.BASIC, "not-" + PASSWORD);
            IBackgroundCopyJob otherScheme = jobFor(s, "r164-digest.bin");
            s.content().requireAuth("/r164-digest.bin", basic);
            credentials(otherScheme, BgAuthTarget.SERVER, BgAuthScheme.DIGEST, PASSWORD);
            IBackgroundCopyJob endless = jobFor(s, "r164-loop.bin");
            s.content().requireAuth("/r164-loop.bin", basic.alwaysChallenge());
            credentials(endless, BgAuthTarget.SERVER, BgAuthScheme.BASIC, PASSWORD);
            for (IBackgroundCopyJob job : List.of(none, wrong, otherScheme, endless)) {
                assertFails(s, job, HResult.BG_E_HTTP_ERROR_401, BgErrorContext.REMOTE_FILE);
            }
            assertThat(requestsOf(s, "r164-digest.bin")).as("a Basic challenge is not answered with Digest credentials")
                    .allSatisfy(r -> assertThat(r.authorization()).isEmpty());
            if (s.strict()) {
                assertThat(requestsOf(s, "r164-loop.bin")).as("a 401 loop is bounded").hasSizeLessThanOrEqualTo(3);
            }
        }
    }

    @Example
    @Tag("R165")
    @Label("R165 unspokenScheme_ntlmOrNegotiateChallenge_401")
    @Requires(value = Feature.HTTP_OPTIONS, strictOnly = true)
    default void unspokenScheme_ntlmOrNegotiateChallenge_401() {
        try (TckSession s = TckSession.open(fixture())) {
            for (BgAuthScheme scheme : List.of(BgAuthScheme.NTLM, BgAuthScheme.NEGOTIATE)) {
                String name = "r165-" + scheme + ".bin";
                IBackgroundCopyJob job = jobFor(s, name);
                s.content().requireAuth("/" + name, Authentication.unanswerable(scheme == BgAuthScheme.NTLM ? "NTLM" : "Negotiate"));
                credentials(job, BgAuthTarget.SERVER, scheme, PASSWORD);
                assertFails(s, job, HResult.BG_E_HTTP_ERROR_401, BgErrorContext.REMOTE_FILE);
            }
        }
    }

    @Example
    @Tag("R166")
    @Label("R166 proxyUsage_overrideGoesThroughTheProxy_noProxyGoesDirect")
    @Requires({Feature.BITS_METHODS, Feature.HTTP_OPTIONS})
    default void proxyUsage_overrideGoesThroughTheProxy_noProxyGoesDirect() {
        try (TckSession s = TckSession.open(fixture())) {
            ForwardProxy proxy = s.content().startProxy();
            IBackgroundCopyJob viaProxy = jobFor(s, "r166-proxy.bin");
            viaProxy.setProxySettings(BgJobProxyUsage.OVERRIDE, proxy.authority(), null);
            assertDownloads(s, viaProxy, "r166-proxy.bin");
            assertThat(proxy.requests()).as("through the proxy").isNotEmpty().allSatisfy(r ->
                    assertThat(r.target()).isEqualTo(s.content().url("/r166-proxy.bin").toString()));
            assertThat(requestsOf(s, "r166-proxy.bin")).allSatisfy(r -> assertThat(r.header("Via")).isPresent());

            IBackgroundCopyJob direct = jobFor(s, "r166-direct.bin");
            direct.setProxySettings(BgJobProxyUsage.NO_PROXY, null, null);
            int seen = proxy.requests().size();
            assertDownloads(s, direct, "r166-direct.bin");
            assertThat(proxy.requests()).as("NO_PROXY never reaches the proxy").hasSize(seen);
            assertThat(requestsOf(s, "r166-direct.bin")).allSatisfy(r -> assertThat(r.header("Via")).isEmpty());
        }
    }

    @Example
    @Tag("R167")
    @Label("R167 proxyBypassList_namedAddressWildcardAndLocal_goDirect")
    @Requires({Feature.BITS_METHODS, Feature.HTTP_OPTIONS})
    default void proxyBypassList_namedAddressWildcardAndLocal_goDirect() {
        try (TckSession s = TckSession.open(fixture())) {
            ForwardProxy proxy = s.content().startProxy();
            for (String bypass : List.of("127.0.0.1", "*.0.0.1", "<local>")) {
                String name = "r167-" + Integer.toHexString(bypass.hashCode()) + ".bin";
                URI served = s.content().put("/" + name, body(name));
                URI url = bypass.equals("<local>") ? URI.create(served.toString().replace("127.0.0.1", "localhost")) : served;
                IBackgroundCopyJob job = s.newJob(name);
                s.addUrl(job, name, url);
                job.setProxySettings(BgJobProxyUsage.OVERRIDE, proxy.authority(), bypass);
                assertDownloads(s, job, name);
            }
            assertThat(proxy.requests()).as("every destination was bypassed").isEmpty();
        }
    }

    @Example
    @Tag("R168")
    @Label("R168 proxyCredentials_answer407_neverReachTheServer_without407")
    @Requires({Feature.BITS_METHODS, Feature.HTTP_OPTIONS})
    default void proxyCredentials_answer407_neverReachTheServer_without407() {
        try (TckSession s = TckSession.open(fixture())) {
            ForwardProxy proxy = s.content().startProxy();
            proxy.requireAuth(Authentication.basic("tck-proxy", USER, PASSWORD));
            IBackgroundCopyJob with = jobFor(s, "r168-with.bin");
            with.setProxySettings(BgJobProxyUsage.OVERRIDE, proxy.authority(), null);
            credentials(with, BgAuthTarget.PROXY, BgAuthScheme.BASIC, PASSWORD);
            assertDownloads(s, with, "r168-with.bin");
            assertThat(proxy.requests()).anySatisfy(r -> assertThat(r.proxyAuthorization())
                    .hasValue(new RecordedRequest.Credentials("Basic", USER)));
            assertThat(requestsOf(s, "r168-with.bin")).isNotEmpty().allSatisfy(r -> {
                assertThat(r.proxyAuthorization()).isEmpty();
                assertThat(r.authorization()).isEmpty();
            });

            IBackgroundCopyJob serverOnly = jobFor(s, "r168-without.bin");
            serverOnly.setProxySettings(BgJobProxyUsage.OVERRIDE, proxy.authority(), null);
            credentials(serverOnly, BgAuthTarget.SERVER, BgAuthScheme.BASIC, PASSWORD);
            assertFails(s, serverOnly, HResult.BG_E_HTTP_ERROR_407, BgErrorContext.REMOTE_FILE);
            assertThat(requestsOf(s, "r168-without.bin")).as("the server was never reached").isEmpty();
        }
    }

    @Example
    @Tag("R169")
    @Label("R169 proxyListThatCannotBeRead_invalidProxyInfoAtTransferTime")
    @Requires(value = {Feature.BITS_METHODS, Feature.HTTP_OPTIONS}, strictOnly = true)
    default void proxyListThatCannotBeRead_invalidProxyInfoAtTransferTime() {
        try (TckSession s = TckSession.open(fixture())) {
            for (String[] lists : List.of(new String[] {"ftp=127.0.0.1:8080", null}, new String[] {"127.0.0.1:0", null},
                    new String[] {"127.0.0.1:8080", "intranet.*"})) {
                String name = "r169-" + Integer.toHexString(String.join(",", lists[0], String.valueOf(lists[1])).hashCode()) + ".bin";
                IBackgroundCopyJob job = jobFor(s, name);
                job.setProxySettings(BgJobProxyUsage.OVERRIDE, lists[0], lists[1]);
                assertFails(s, job, HResult.BG_E_INVALID_PROXY_INFO, BgErrorContext.GENERAL_TRANSPORT);
                assertThat(requestsOf(s, name)).isEmpty();
            }
        }
    }

    @Example
    @Tag("R170")
    @Label("R170 proxyRefusingConnections_transientError")
    @Requires({Feature.BITS_METHODS, Feature.HTTP_OPTIONS})
    default void proxyRefusingConnections_transientError() {
        try (TckSession s = TckSession.open(fixture())) {
            int vacant;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                vacant = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            IBackgroundCopyJob job = jobFor(s, "r170.bin");
            job.setProxySettings(BgJobProxyUsage.OVERRIDE, "127.0.0.1:" + vacant, null);
            job.resume();
            s.driveTo(job, BgJobState.TRANSIENT_ERROR, BgJobState.ERROR, BgJobState.TRANSFERRED);
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
            if (s.strict()) {
                assertThat(job.getError().getError()).isEqualTo(new BgError(BgErrorContext.GENERAL_TRANSPORT,
                        s.code(SemanticError.NETWORK_DOWN)));
            }
            assertThat(requestsOf(s, "r170.bin")).isEmpty();
        }
    }
}
