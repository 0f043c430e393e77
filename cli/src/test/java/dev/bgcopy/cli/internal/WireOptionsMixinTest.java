package dev.bgcopy.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bgcopy.api.BgHttpRedirectPolicy;
import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgProxySettings;
import dev.bgcopy.api.BgSecurityFlags;
import dev.bgcopy.api.BgSslFlag;
import dev.bgcopy.api.HttpHeader;
import dev.bgcopy.api.downloads.WireOptions;
import dev.bgcopy.cli.InProcess;
import dev.bgcopy.cli.InProcess.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The wire options' parsing and validation: picocli's groups and converters for the syntax, {@link
 * WireOptionsMixin#resolve} for the passwords (command line, then environment, then terminal), and the one-line
 * usage errors (exit 2) of the real command line, which never echo a header value or a password and create nothing.
 */
class WireOptionsMixinTest {

    @TempDir
    Path store;
    @TempDir
    Path downloads;

    /** A command holding only the mixin, to parse its options alone. */
    @Command(name = "wire")
    static final class Holder {
        @Mixin
        WireOptionsMixin wire;
    }

    /** A terminal with these environment variables and this typed password, recording what it was asked. */
    static final class FakeTerminal implements WireOptionsMixin.Terminal {
        final Map<String, String> env;
        final char[] typed;
        final List<String> prompts = new ArrayList<>();

        FakeTerminal(Map<String, String> env, char[] typed) {
            this.env = env;
            this.typed = typed;
        }

        @Override
        public Optional<String> env(String name) {
            return Optional.ofNullable(env.get(name));
        }

        @Override
        public Optional<char[]> readPassword(String prompt) {
            prompts.add(prompt);
            return Optional.ofNullable(typed);
        }
    }

    private static WireOptionsMixin parse(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.wire;
    }

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("--store", store.toString(), "--dialect", "bits"));
        all.addAll(List.of(args));
        return InProcess.run(all);
    }

    private void assertUsageErrorAndNoJob(Run r, String says) {
        assertThat(r.exit()).as(String.join("\n", r.errLines())).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).singleElement().asString().startsWith("bgcopy: ").contains(says).contains("hint: ")
                .doesNotContain("s3cret").doesNotContain("tok-42");
        Run list = run("list", "--json");
        assertThat(list.out().strip()).as("jobs after the refusal").isEqualTo("[]");
    }

    @Test
    void everyOption_becomesTheApiValue() {
        WireOptions wire = parse("--header", "X-Api-Key: tok-42", "--header", "X-Client:updater", "--proxy",
                "127.0.0.1:3128", "--proxy-bypass", "<local>", "--ssl-ignore", "unknown-ca", "--ssl-ignore", "CN-INVALID",
                "--crl-check", "--redirect-policy", "disallow", "--allow-https-to-http", "--user", "alice:s3cret", "--auth",
                "digest", "--proxy-user", "bob:pw", "--proxy-auth", "ntlm").resolve(new FakeTerminal(Map.of(), null));
        assertThat(wire.headers()).containsExactly(new HttpHeader("X-Api-Key", "tok-42"), new HttpHeader("X-Client", "updater"));
        assertThat(wire.proxy()).contains(new BgProxySettings(BgJobProxyUsage.OVERRIDE, "127.0.0.1:3128", "<local>"));
        assertThat(wire.securityFlags()).contains(new BgSecurityFlags(Set.of(BgSslFlag.IGNORE_UNKNOWN_CA,
                BgSslFlag.IGNORE_CERT_CN_INVALID, BgSslFlag.ENABLE_CRL_CHECK), BgHttpRedirectPolicy.DISALLOW, true));
        assertThat(wire.credentialsSummary()).containsExactly("SERVER DIGEST user alice", "PROXY NTLM user bob");
        assertThat(wire.toString()).doesNotContain("s3cret").doesNotContain("tok-42");

        assertThat(parse("--no-proxy").resolve(new FakeTerminal(Map.of(), null)).proxy())
                .contains(new BgProxySettings(BgJobProxyUsage.NO_PROXY, null, null));
        assertThat(parse().resolve(new FakeTerminal(Map.of(), null)).isEmpty()).isTrue();
    }

    @Test
    void aPassword_comesFromTheCommandLine_thenTheEnvironment_thenThePrompt_whoseCharsAreCleared() {
        FakeTerminal givenInline = new FakeTerminal(Map.of(WireOptionsMixin.PASSWORD_ENV, "env"), "typed".toCharArray());
        parse("--user", "alice:s3cret").resolve(givenInline);
        assertThat(givenInline.prompts).isEmpty();

        FakeTerminal fromEnv = new FakeTerminal(Map.of(WireOptionsMixin.PASSWORD_ENV, "env"), "typed".toCharArray());
        assertThat(parse("--user", "alice").resolve(fromEnv).credentialsSummary()).containsExactly("SERVER BASIC user alice");
        assertThat(fromEnv.prompts).isEmpty();

        FakeTerminal proxyFromEnv = new FakeTerminal(Map.of(WireOptionsMixin.PROXY_PASSWORD_ENV, "env"), null);
        parse("--proxy-user", "bob").resolve(proxyFromEnv);
        assertThat(proxyFromEnv.prompts).isEmpty();

        FakeTerminal typed = new FakeTerminal(Map.of(WireOptionsMixin.PROXY_PASSWORD_ENV, "for the proxy"), "typed".toCharArray());
        parse("--user", "alice").resolve(typed);
        assertThat(typed.prompts).containsExactly("bgcopy: password for alice: ");
        assertThat(typed.typed).as("the typed password once used").containsOnly('\0');
    }

    @Test
    void aMissingPassword_withoutATerminal_isAUsageErrorNamingTheWaysToGiveIt() {
        assertThatThrownBy(() -> parse("--proxy-user", "bob").resolve(new FakeTerminal(Map.of(), null)))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
                    assertThat(e.getMessage()).isEqualTo("--proxy-user bob has no password and there is no terminal to ask "
                            + "for it; hint: set BGCOPY_PROXY_PASSWORD, or give --proxy-user USER:PASSWORD (visible to "
                            + "other local users)");
                });
    }

    @Test
    void theWordsOfEachChoice_areItsCompletionCandidates() {
        assertThat(StreamSupport.stream(new WireOptionsMixin.SslIgnores().spliterator(), false))
                .containsExactly("unknown-ca", "cn-invalid", "date-invalid", "wrong-usage");
        assertThat(StreamSupport.stream(new WireOptionsMixin.Schemes().spliterator(), false))
                .containsExactly("basic", "digest", "ntlm", "negotiate");
        assertThat(StreamSupport.stream(new WireOptionsMixin.RedirectPolicies().spliterator(), false))
                .containsExactly("silent", "report", "disallow");
    }

    @Test
    void aBadHeader_isAOneLineUsageError_withoutItsValue_andCreatesNothing() {
        assertUsageErrorAndNoJob(run("create", "n", "--header", "X-Api-Key tok-42"), "'Name: value'");
        assertUsageErrorAndNoJob(run("create", "n", "--header", "X-Api-Key: tok-42\u0007"), "control character");
        assertUsageErrorAndNoJob(run("create", "n", "--header", "Bad Name: tok-42"), "token name");
    }

    @Test
    void conflictingOrIncompleteOptions_areOneLineUsageErrors_andCreateNothing() {
        assertUsageErrorAndNoJob(run("create", "n", "--proxy", "127.0.0.1:3128", "--no-proxy"), "mutually exclusive");
        assertUsageErrorAndNoJob(run("create", "n", "--no-proxy", "--proxy-user", "bob:s3cret"), "exclude each other");
        assertUsageErrorAndNoJob(run("create", "n", "--proxy-bypass", "<local>"), "--proxy-bypass needs --proxy");
        assertUsageErrorAndNoJob(run("create", "n", "--auth", "digest"), "Missing required argument(s): --user");
        assertUsageErrorAndNoJob(run("create", "n", "--user", ":s3cret"), "the user name is empty");
        assertUsageErrorAndNoJob(run("create", "n", "--auth", "passport", "--user", "a:s3cret"), "'passport' is not one of");
        assertUsageErrorAndNoJob(run("create", "n", "--ssl-ignore", "everything"), "unknown-ca, cn-invalid");
        assertUsageErrorAndNoJob(run("create", "n", "--redirect-policy", "never"), "silent, report, disallow");
        assertUsageErrorAndNoJob(run("create", "n", "--proxy", "http://bob:s3cret@127.0.0.1:3128"), "--proxy-user");
        assertUsageErrorAndNoJob(run("create", "n", "--proxy", "ftp://127.0.0.1:21"), "http://HOST:PORT");
    }

    @Test
    void onDeliveryOptimization_theWireOptionsAreRefusedBeforeAnyJobExists() {
        Run r = InProcess.run(List.of("--store", store.toString(), "--dialect", "do", "create", "n", "--header",
                "X-Api-Key: tok-42"));
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).singleElement().asString()
                .contains("E_NOINTERFACE (0x80004002)").contains("need BITS").contains("hint: use --backend bits, or --dialect bits")
                .doesNotContain("tok-42");
        assertThat(run("list", "--json").out().strip()).isEqualTo("[]");
    }

    @Test
    void createAndAdd_setTheOptionsOnTheJob_andInfoShowsThemWithoutValuesOrPasswords() throws Exception {
        Run created = run("create", "n", "--header", "X-Api-Key: tok-42", "--user", "alice:s3cret", "--proxy",
                "127.0.0.1:3128", "--ssl-ignore", "date-invalid", "--redirect-policy", "report");
        assertThat(created.exit()).as(String.join("\n", created.errLines())).isZero();
        String id = created.out().strip();

        Run info = run("info", id);
        assertThat(info.out()).contains("headers:      X-Api-Key (values not shown)")
                .contains("credentials:  not shown: the service cannot report them")
                .contains("proxy:        OVERRIDE 127.0.0.1:3128").contains("tls:          IGNORE_CERT_DATE_INVALID")
                .contains("redirects:    ALLOW_REPORT, https to http refused")
                .doesNotContain("tok-42").doesNotContain("s3cret");
        Run json = run("info", "--json", id);
        assertThat(json.out()).contains("\"http\":{\"headers\":[\"X-Api-Key\"],\"proxy\":{\"usage\":\"OVERRIDE\","
                + "\"list\":\"127.0.0.1:3128\",\"bypass\":null},\"securityFlags\":{\"mask\":\"0x00000104\","
                + "\"ssl\":[\"IGNORE_CERT_DATE_INVALID\"],\"redirectPolicy\":\"ALLOW_REPORT\",\"allowHttpsToHttp\":false}}")
                .doesNotContain("tok-42").doesNotContain("s3cret");

        Run added = run("add", id, "http://127.0.0.1:9/a.bin", downloads.resolve("a.bin").toString(), "--no-proxy", "--header",
                "X-Other: 2");
        assertThat(added.exit()).as(String.join("\n", added.errLines())).isZero();
        assertThat(run("info", id).out()).contains("headers:      X-Other (values not shown)").contains("proxy:        NO_PROXY")
                .as("flags not given stay").contains("tls:          IGNORE_CERT_DATE_INVALID");
        assertThat(run("cancel", id).exit()).isZero();
    }
}
