package dev.bgcopy.tck;

import static dev.bgcopy.tck.internal.TckSession.bytes;
import static dev.bgcopy.tck.internal.TckSession.expectOk;
import static dev.bgcopy.tck.internal.TckSession.hr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgAuthCredentials;
import dev.bgcopy.api.BgAuthScheme;
import dev.bgcopy.api.BgAuthTarget;
import dev.bgcopy.api.BgCertStoreLocation;
import dev.bgcopy.api.BgHttpRedirectPolicy;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgNotifyCmdLine;
import dev.bgcopy.api.BgSslFlag;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJob2;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions;
import dev.bgcopy.api.SemanticError;
import dev.bgcopy.tck.internal.TckSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.Tag;

/**
 * docs/contract.md §9 "IBackgroundCopyJob2 and IBackgroundCopyJobHttpOptions" (R140-R162; R161, a restart, is in
 * {@link RestartContract}): what the two BITS job extensions answer to their setters and getters, where the service
 * has them ({@link Feature#HTTP_OPTIONS}), and that Delivery Optimization has neither.
 */
public interface HttpOptionsContract extends TckContract {

    /** The job seen as {@code IBackgroundCopyJob2}; the fixture has {@link Feature#HTTP_OPTIONS}. */
    private static IBackgroundCopyJob2 job2(IBackgroundCopyJob job) {
        return job.queryInterface(IBackgroundCopyJob2.class).orElseThrow(() -> new AssertionError(
                "QueryInterface(IID_IBackgroundCopyJob2) failed on a service that declares HTTP_OPTIONS"));
    }

    private static IBackgroundCopyJobHttpOptions http(IBackgroundCopyJob job) {
        return job.queryInterface(IBackgroundCopyJobHttpOptions.class).orElseThrow(() -> new AssertionError(
                "QueryInterface(IID_IBackgroundCopyJobHttpOptions) failed on a service that declares HTTP_OPTIONS"));
    }

    private static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    @Example
    @Tag("R140")
    @Label("R140 queryInterface_job2AndHttpOptions_bitsOnly")
    @Requires(Feature.HTTP_OPTIONS)
    default void queryInterface_job2AndHttpOptions_bitsOnly() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            assertThat(job2(job).getId()).isEqualTo(job.getId());
            IBackgroundCopyJobHttpOptions http = http(job);
            assertThat(http.queryInterface(IBackgroundCopyJob.class).map(IBackgroundCopyJob::getId)).contains(job.getId());
        }
    }

    @Example
    @Tag("R140")
    @Label("R140 queryInterface_job2AndHttpOptions_absentInDo")
    @Requires(absent = Feature.HTTP_OPTIONS, dialect = Dialect.DO)
    default void queryInterface_job2AndHttpOptions_absentInDo() {
        try (TckSession s = TckSession.open(fixture())) {
            s.assumeStrictUnless(Dialect.BITS, 140);
            IBackgroundCopyJob job = s.newJob();
            assertThat(job.queryInterface(IBackgroundCopyJob2.class)).as("IID_IBackgroundCopyJob2 in DO").isEmpty();
            assertThat(job.queryInterface(IBackgroundCopyJobHttpOptions.class)).as("IID_IBackgroundCopyJobHttpOptions in DO").isEmpty();
        }
    }

    @Example
    @Tag("R141")
    @Tag("R142")
    @Label("R141 notifyCmdLine_emptyThenRoundTripsThenClears")
    @Requires(Feature.HTTP_OPTIONS)
    default void notifyCmdLine_emptyThenRoundTripsThenClears() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob2 job = job2(s.newJob());
            assertThat(job.getNotifyCmdLine()).isEqualTo(BgNotifyCmdLine.NONE);
            String program = "/" + repeat('p', IBackgroundCopyJob2.MAX_PATH - 1);
            String parameters = program + " " + repeat('a', IBackgroundCopyJob2.MAX_NOTIFY_PARAMETERS - program.length() - 1);
            expectOk("SetNotifyCmdLine(260 and 4,000 characters)", () -> job.setNotifyCmdLine(program, parameters));
            assertThat(job.getNotifyCmdLine()).isEqualTo(new BgNotifyCmdLine(program, parameters));
            expectOk("SetNotifyCmdLine(NULL, NULL)", () -> job.setNotifyCmdLine(null, null));
            assertThat(job.getNotifyCmdLine()).isEqualTo(BgNotifyCmdLine.NONE);
        }
    }

    @Example
    @Tag("R143")
    @Label("R143 notifyCmdLine_tooLongOrParametersAlone_refusedUnchanged")
    @Requires(Feature.HTTP_OPTIONS)
    default void notifyCmdLine_tooLongOrParametersAlone_refusedUnchanged() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob2 job = job2(s.newJob());
            BgNotifyCmdLine kept = new BgNotifyCmdLine("/usr/bin/true", "/usr/bin/true done");
            job.setNotifyCmdLine(kept.program(), kept.parameters());
            s.expectFailsExactly(HResult.BG_E_STRING_TOO_LONG, "SetNotifyCmdLine(261-character program)",
                    () -> job.setNotifyCmdLine("/" + repeat('p', IBackgroundCopyJob2.MAX_PATH), null));
            s.expectFailsExactly(HResult.BG_E_STRING_TOO_LONG, "SetNotifyCmdLine(4,001-character parameters)",
                    () -> job.setNotifyCmdLine("/usr/bin/true", repeat('a', IBackgroundCopyJob2.MAX_NOTIFY_PARAMETERS + 1)));
            s.expectFailsStrictly(HResult.E_INVALIDARG, "SetNotifyCmdLine(NULL, parameters)",
                    () -> job.setNotifyCmdLine(null, "x"));
            assertThat(job.getNotifyCmdLine()).isEqualTo(kept);
        }
    }

    @Example
    @Tag("R144")
    @Label("R144 documentedSetters_onTerminal_invalidState")
    @Requires(Feature.HTTP_OPTIONS)
    default void documentedSetters_onTerminal_invalidState() {
        try (TckSession s = TckSession.open(fixture())) {
            for (IBackgroundCopyJob terminal : List.of(s.cancelledJob(), s.acknowledgedJob())) {
                IBackgroundCopyJob2 job = job2(terminal);
                IBackgroundCopyJobHttpOptions http = http(terminal);
                Map<String, TckSession.Call> setters = new LinkedHashMap<>();
                setters.put("SetNotifyCmdLine", () -> job.setNotifyCmdLine("/usr/bin/true", null));
                setters.put("SetCustomHeaders", () -> http.setCustomHeaders("X-Late: 1\r\n"));
                setters.put("SetClientCertificateByName", () -> http.setClientCertificateByName(BgCertStoreLocation.CURRENT_USER,
                        "MY", "late"));
                setters.put("RemoveClientCertificate", http::removeClientCertificate);
                for (Map.Entry<String, TckSession.Call> setter : setters.entrySet()) {
                    s.expectFails(SemanticError.INVALID_STATE, setter.getKey() + " on " + terminal.getState(), setter.getValue());
                }
                assertThat(job.getNotifyCmdLine()).isEqualTo(BgNotifyCmdLine.NONE);
                assertThat(http.getCustomHeaders()).isEmpty();
            }
        }
    }

    @Example
    @Tag("R145")
    @Tag("R147")
    @Label("R145 credentials_everyTargetAndScheme_setReplaceRemove")
    @Requires(Feature.HTTP_OPTIONS)
    default void credentials_everyTargetAndScheme_setReplaceRemove() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob2 job = job2(s.newJob());
            for (BgAuthTarget target : BgAuthTarget.values()) {
                for (BgAuthScheme scheme : BgAuthScheme.values()) {
                    String what = target + "/" + scheme;
                    assertThat(job.removeCredentials(target, scheme)).as("RemoveCredentials(%s) before any set", what)
                            .isEqualTo(HResult.S_FALSE);
                    expectOk("SetCredentials(" + what + ")", () -> job.setCredentials(
                            BgAuthCredentials.of(target, scheme, "user", "first".toCharArray())));
                    expectOk("SetCredentials(" + what + ") again, replacing", () -> job.setCredentials(
                            BgAuthCredentials.of(target, scheme, "user", "second".toCharArray())));
                }
            }
            for (BgAuthTarget target : BgAuthTarget.values()) {
                for (BgAuthScheme scheme : BgAuthScheme.values()) {
                    assertThat(job.removeCredentials(target, scheme)).as("RemoveCredentials(%s/%s)", target, scheme)
                            .isEqualTo(HResult.S_OK);
                    assertThat(job.removeCredentials(target, scheme)).as("RemoveCredentials(%s/%s) again", target, scheme)
                            .isEqualTo(HResult.S_FALSE);
                }
            }
        }
    }

    @Example
    @Tag("R146")
    @Label("R146 credentials_lengthsAndMissingUserOrPassword")
    @Requires(Feature.HTTP_OPTIONS)
    default void credentials_lengthsAndMissingUserOrPassword() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob2 job = job2(s.newJob());
            expectOk("SetCredentials(300-character user, 65,536-character password)", () -> job.setCredentials(
                    BgAuthCredentials.of(BgAuthTarget.SERVER, BgAuthScheme.BASIC, repeat('u', 300), repeat('p', 65_536).toCharArray())));
            s.expectFailsExactly(HResult.BG_E_USERNAME_TOO_LARGE, "SetCredentials(301-character user)", () -> job.setCredentials(
                    BgAuthCredentials.of(BgAuthTarget.SERVER, BgAuthScheme.DIGEST, repeat('u', 301), "p".toCharArray())));
            s.expectFailsExactly(HResult.BG_E_PASSWORD_TOO_LARGE, "SetCredentials(65,537-character password)", () -> job.setCredentials(
                    BgAuthCredentials.of(BgAuthTarget.SERVER, BgAuthScheme.DIGEST, "u", repeat('p', 65_537).toCharArray())));
            for (BgAuthScheme scheme : List.of(BgAuthScheme.BASIC, BgAuthScheme.DIGEST)) {
                s.expectFailsExactly(HResult.E_INVALIDARG, "SetCredentials(" + scheme + ", NULL user)", () -> job.setCredentials(
                        BgAuthCredentials.of(BgAuthTarget.PROXY, scheme, null, "p".toCharArray())));
                s.expectFailsExactly(HResult.E_INVALIDARG, "SetCredentials(" + scheme + ", NULL password)", () -> job.setCredentials(
                        BgAuthCredentials.of(BgAuthTarget.PROXY, scheme, "u", null)));
            }
            assertThat(job.removeCredentials(BgAuthTarget.SERVER, BgAuthScheme.DIGEST)).as("no refused set was kept")
                    .isEqualTo(HResult.S_FALSE);
            assertThat(job.removeCredentials(BgAuthTarget.PROXY, BgAuthScheme.BASIC)).isEqualTo(HResult.S_FALSE);
            expectOk("SetCredentials(NTLM, NULL user and password: the logged-on user)", () -> job.setCredentials(
                    BgAuthCredentials.of(BgAuthTarget.SERVER, BgAuthScheme.NTLM, null, null)));
        }
    }

    @Example
    @Tag("R148")
    @Label("R148 replyMethods_onDownloadJob_notImplemented")
    @Requires(Feature.HTTP_OPTIONS)
    default void replyMethods_onDownloadJob_notImplemented() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob2 job = job2(s.newJob());
            s.expectFailsExactly(HResult.E_NOTIMPL, "GetReplyProgress", job::getReplyProgress);
            s.expectFailsExactly(HResult.E_NOTIMPL, "GetReplyData", job::getReplyData);
            s.expectFailsExactly(HResult.E_NOTIMPL, "GetReplyFileName", job::getReplyFileName);
            s.expectFailsStrictly(HResult.E_NOTIMPL, "SetReplyFileName", () -> job.setReplyFileName(s.local("reply.bin").toString()));
        }
    }

    @Example
    @Tag("R149")
    @Label("R149 undocumentedSetters_onTerminal_invalidState")
    @Requires(value = Feature.HTTP_OPTIONS, strictOnly = true)
    default void undocumentedSetters_onTerminal_invalidState() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob terminal = s.cancelledJob();
            IBackgroundCopyJob2 job = job2(terminal);
            s.expectFails(SemanticError.INVALID_STATE, "SetCredentials on CANCELLED", () -> job.setCredentials(
                    BgAuthCredentials.of(BgAuthTarget.SERVER, BgAuthScheme.BASIC, "u", "p".toCharArray())));
            s.expectFails(SemanticError.INVALID_STATE, "RemoveCredentials on CANCELLED",
                    () -> job.removeCredentials(BgAuthTarget.SERVER, BgAuthScheme.BASIC));
            s.expectFails(SemanticError.INVALID_STATE, "SetSecurityFlags on CANCELLED", () -> http(terminal).setSecurityFlags(0x8));
            assertThat(http(terminal).getSecurityFlags()).isZero();
        }
    }

    @Example
    @Tag("R150")
    @Label("R150 credentials_targetOrSchemeOutsideTheEnumeration")
    @Requires(Feature.HTTP_OPTIONS)
    default void credentials_targetOrSchemeOutsideTheEnumeration() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob2 job = job2(s.newJob());
            s.expectFailsExactly(HResult.BG_E_INVALID_AUTH_TARGET, "SetCredentials(no target)", () -> job.setCredentials(
                    BgAuthCredentials.of(null, BgAuthScheme.BASIC, "u", "p".toCharArray())));
            s.expectFailsExactly(HResult.BG_E_INVALID_AUTH_SCHEME, "SetCredentials(no scheme)", () -> job.setCredentials(
                    BgAuthCredentials.of(BgAuthTarget.SERVER, null, "u", "p".toCharArray())));
            s.expectFailsExactly(HResult.BG_E_INVALID_AUTH_TARGET, "RemoveCredentials(no target)",
                    () -> job.removeCredentials(null, BgAuthScheme.BASIC));
            s.expectFailsExactly(HResult.BG_E_INVALID_AUTH_SCHEME, "RemoveCredentials(no scheme)",
                    () -> job.removeCredentials(BgAuthTarget.PROXY, null));
        }
    }

    @Example
    @Tag("R151")
    @Label("R151 takeOwnership_dropsCredentialsHeadersAndCertificate")
    @Requires(value = Feature.HTTP_OPTIONS, strictOnly = true)
    default void takeOwnership_dropsCredentialsHeadersAndCertificate() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob plain = s.newJob();
            IBackgroundCopyJob2 job = job2(plain);
            job.setCredentials(BgAuthCredentials.of(BgAuthTarget.SERVER, BgAuthScheme.BASIC, "u", "p".toCharArray()));
            http(plain).setCustomHeaders("X-Token: t\r\n");
            http(plain).setSecurityFlags(0x0104);
            job.takeOwnership();
            assertThat(job.removeCredentials(BgAuthTarget.SERVER, BgAuthScheme.BASIC)).isEqualTo(HResult.S_FALSE);
            assertThat(http(plain).getCustomHeaders()).isEmpty();
            assertThat(http(plain).removeClientCertificate()).isEqualTo(HResult.S_FALSE);
            assertThat(http(plain).getSecurityFlags()).as("the flags are not the owner's secrets").isEqualTo(0x0104);
        }
    }

    @Example
    @Tag("R152")
    @Tag("R153")
    @Label("R152 clientCertificate_argumentChecksAndUnknownStore")
    @Requires(Feature.HTTP_OPTIONS)
    default void clientCertificate_argumentChecksAndUnknownStore() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJobHttpOptions http = http(s.newJob());
            byte[] hash = new byte[20];
            s.expectFailsExactly(HResult.E_NOTIMPL, "SetClientCertificateByID(no location)",
                    () -> http.setClientCertificateByID(null, "MY", hash));
            s.expectFailsExactly(HResult.RPC_X_NULL_REF_POINTER, "SetClientCertificateByID(NULL store)",
                    () -> http.setClientCertificateByID(BgCertStoreLocation.CURRENT_USER, null, hash));
            s.expectFailsExactly(HResult.RPC_X_NULL_REF_POINTER, "SetClientCertificateByName(NULL subject)",
                    () -> http.setClientCertificateByName(BgCertStoreLocation.CURRENT_USER, "MY", null));
            s.expectFailsExactly(HResult.RPC_X_BAD_STUB_DATA, "SetClientCertificateByID(19-byte hash)",
                    () -> http.setClientCertificateByID(BgCertStoreLocation.CURRENT_USER, "MY", new byte[19]));
            s.expectFailsExactly(HResult.BG_E_STRING_TOO_LONG, "SetClientCertificateByName(256-character store)",
                    () -> http.setClientCertificateByName(BgCertStoreLocation.CURRENT_USER, repeat('S', 256), "x"));
            s.expectFailsExactly(HResult.BG_E_STRING_TOO_LONG, "SetClientCertificateByName(256-character subject)",
                    () -> http.setClientCertificateByName(BgCertStoreLocation.CURRENT_USER, "MY", repeat('x', 256)));
            String noStore = "BGCOPYNOSUCHSTORE" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
            s.expectFailsExactly(HResult.ERROR_FILE_NOT_FOUND, "SetClientCertificateByID(unknown store)",
                    () -> http.setClientCertificateByID(BgCertStoreLocation.CURRENT_USER, noStore, hash));
            s.expectFailsExactly(HResult.ERROR_FILE_NOT_FOUND, "SetClientCertificateByName(unknown store)",
                    () -> http.setClientCertificateByName(BgCertStoreLocation.CURRENT_USER, noStore, "anyone"));
            assertThat(http.removeClientCertificate()).as("nothing was set").isEqualTo(HResult.S_FALSE);
        }
    }

    @Example
    @Tag("R154")
    @Label("R154 clientCertificate_noneSet_getFailsRemoveAnswersFalse")
    @Requires(Feature.HTTP_OPTIONS)
    default void clientCertificate_noneSet_getFailsRemoveAnswersFalse() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJobHttpOptions http = http(s.newJob());
            s.expectFailsExactly(HResult.RPC_X_BAD_STUB_DATA, "GetClientCertificate without one", http::getClientCertificate);
            assertThat(http.removeClientCertificate()).isEqualTo(HResult.S_FALSE);
        }
    }

    @Example
    @Tag("R155")
    @Label("R155 customHeaders_roundTripAndRemoval")
    @Requires(Feature.HTTP_OPTIONS)
    default void customHeaders_roundTripAndRemoval() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJobHttpOptions http = http(s.newJob());
            assertThat(http.getCustomHeaders()).as("a new job (S_FALSE)").isEmpty();
            String headers = "X-Api-Key: abc123\r\nAccept-Language: en, de;q=0.5\r\n";
            expectOk("SetCustomHeaders", () -> http.setCustomHeaders(headers));
            assertThat(http.getCustomHeaders()).contains(headers);
            expectOk("SetCustomHeaders(NULL)", () -> http.setCustomHeaders(null));
            assertThat(http.getCustomHeaders()).as("after NULL (S_FALSE)").isEmpty();
        }
    }

    @Example
    @Tag("R156")
    @Label("R156 customHeaders_lengthLimit")
    @Requires(Feature.HTTP_OPTIONS)
    default void customHeaders_lengthLimit() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJobHttpOptions http = http(s.newJob());
            String prefix = "X-Big: ";
            String longest = prefix + repeat('v', IBackgroundCopyJobHttpOptions.MAX_CUSTOM_HEADERS - prefix.length() - 2) + "\r\n";
            assertThat(longest).hasSize(16_383);
            expectOk("SetCustomHeaders(16,383 characters)", () -> http.setCustomHeaders(longest));
            String tooLong = prefix + repeat('v', IBackgroundCopyJobHttpOptions.MAX_CUSTOM_HEADERS - prefix.length() - 1) + "\r\n";
            s.expectFailsExactly(HResult.BG_E_STRING_TOO_LONG, "SetCustomHeaders(16,384 characters)", () -> http.setCustomHeaders(tooLong));
            assertThat(http.getCustomHeaders()).contains(longest);
        }
    }

    @Example
    @Tag("R157")
    @Label("R157 customHeaders_malformedOrInjected_refusedUnchanged")
    @Requires(value = Feature.HTTP_OPTIONS, strictOnly = true)
    default void customHeaders_malformedOrInjected_refusedUnchanged() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJobHttpOptions http = http(s.newJob());
            String kept = "X-Kept: 1\r\n";
            http.setCustomHeaders(kept);
            for (String bad : List.of("no colon here\r\n", ": no name\r\n", "Bad Name: v\r\n", "X-A: 1\nX-B: 2\r\n",
                    "X-A: 1\rX-B: 2\r\n", "X-A: 1\r\n\r\nGET / HTTP/1.1\r\n", "X-A: bell\u0007\r\n")) {
                s.expectFailsStrictly(HResult.E_INVALIDARG, "SetCustomHeaders(" + bad.replace("\r", "\\r").replace("\n", "\\n") + ")",
                        () -> http.setCustomHeaders(bad));
                assertThat(http.getCustomHeaders()).contains(kept);
            }
        }
    }

    @Example
    @Tag("R158")
    @Label("R158 securityFlags_everyDefinedCombinationRoundTrips")
    @Requires(Feature.HTTP_OPTIONS)
    default void securityFlags_everyDefinedCombinationRoundTrips() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJobHttpOptions http = http(s.newJob());
            assertThat(http.getSecurityFlags()).as("a new job").isZero();
            for (int ssl = 0; ssl <= BgSslFlag.MASK; ssl++) {
                for (BgHttpRedirectPolicy policy : BgHttpRedirectPolicy.values()) {
                    for (int downgrade : new int[] {0, BgHttpRedirectPolicy.ALLOW_HTTPS_TO_HTTP}) {
                        int flags = ssl | policy.nativeValue() | downgrade;
                        expectOk(String.format("SetSecurityFlags(0x%04X)", flags), () -> http.setSecurityFlags(flags));
                        assertThat(http.getSecurityFlags()).isEqualTo(flags);
                    }
                }
            }
        }
    }

    @Example
    @Tag("R159")
    @Label("R159 securityFlags_undefinedBitsOrPolicy_notImplementedUnchanged")
    @Requires(Feature.HTTP_OPTIONS)
    default void securityFlags_undefinedBitsOrPolicy_notImplementedUnchanged() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJobHttpOptions http = http(s.newJob());
            http.setSecurityFlags(0x0109);
            for (int bad : new int[] {0x0020, 0x0080, 0x0300, 0x0400, 0x0700, 0x1000, 0x8000_0000}) {
                s.expectFailsStrictly(HResult.E_NOTIMPL, String.format("SetSecurityFlags(0x%08X)", bad), () -> http.setSecurityFlags(bad));
                assertThat(http.getSecurityFlags()).isEqualTo(0x0109);
            }
        }
    }

    @Example
    @Tag("R160")
    @Label("R160 remoteName_fullLocalPath_bits")
    @Requires(Feature.BITS_METHODS)
    default void remoteName_fullLocalPath_bits() {
        try (TckSession s = TckSession.open(fixture())) {
            byte[] body = bytes(5_000, 160);
            Path source = s.local("source.bin");
            try {
                Files.write(source, body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            IBackgroundCopyJob job = s.newJob();
            expectOk("AddFile(full local path)", () -> job.addFile(source.toString(), s.local("by-path.bin").toString()));
            expectOk("AddFile(file URL)", () -> job.addFile(source.toUri().toString(), s.local("by-url.bin").toString()));
            assertThat(job.enumFiles().next(2).get(0).getRemoteName()).isEqualTo(source.toString());
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED);
            assertThat(job.complete().isSuccess()).isTrue();
            for (String name : List.of("by-path.bin", "by-url.bin")) {
                assertThat(TckSession.sha256(s.local(name))).as(name).isEqualTo(TckSession.sha256(body));
            }
        }
    }

    @Example
    @Tag("R160")
    @Label("R160 remoteName_fullLocalPath_refusedByDo")
    @Requires(value = Feature.ADD_FILE_WITH_RANGES, strictOnly = true)
    default void remoteName_fullLocalPath_refusedByDo() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            String path = s.local("source.bin").toString();
            s.expectFailsStrictly(HResult.E_INVALIDARG, "AddFileWithRanges(full local path)", () -> job.addFileWithRanges("f",
                    path, s.local("dest.bin").toString(), List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE));
            assertThat(job.getProgress().filesTotal()).isZero();
        }
    }

    @Example
    @Tag("R162")
    @Label("R162 credentials_neverInTextOrErrors")
    @Requires(value = Feature.HTTP_OPTIONS, strictOnly = true)
    default void credentials_neverInTextOrErrors() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob2 job = job2(s.newJob());
            String secret = "Pa55-" + UUID.randomUUID();
            BgAuthCredentials credentials = BgAuthCredentials.of(BgAuthTarget.SERVER, BgAuthScheme.BASIC, "alice", secret.toCharArray());
            assertThat(credentials.toString()).contains("alice").doesNotContain(secret);
            BgAuthCredentials tooLongUser = BgAuthCredentials.of(BgAuthTarget.SERVER, BgAuthScheme.BASIC, repeat('u', 301),
                    secret.toCharArray());
            Optional<BackgroundCopyException> refused = Optional.ofNullable(TckSession.failure("SetCredentials(301-character user)",
                    () -> job.setCredentials(tooLongUser)));
            assertThat(refused).hasValueSatisfying(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain(secret));
            assertThat(hr(() -> job.setCredentials(credentials))).isEqualTo(HResult.S_OK);
            assertThat(job.toString()).doesNotContain(secret);
        }
    }
}
