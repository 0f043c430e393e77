package dev.bgcopy.cli.internal;

import dev.bgcopy.api.BgAuthScheme;
import dev.bgcopy.api.BgAuthTarget;
import dev.bgcopy.api.BgHttpRedirectPolicy;
import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgSslFlag;
import dev.bgcopy.api.HttpHeader;
import dev.bgcopy.api.downloads.WireOptions;
import java.io.Console;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The wire options of {@code download}, {@code add} and {@code create}, parsed in this one place and turned
 * into the API's {@link WireOptions}: {@code --header} ({@code SetCustomHeaders}), {@code --user} /
 * {@code --auth} and {@code --proxy-user} / {@code --proxy-auth} ({@code SetCredentials}), {@code --proxy} /
 * {@code --proxy-bypass} / {@code --no-proxy} ({@code SetProxySettings}), {@code --ssl-ignore},
 * {@code --crl-check}, {@code --redirect-policy} and {@code --allow-https-to-http} ({@code SetSecurityFlags}).
 *
 * <p>Syntax is checked by picocli while parsing (converters, argument groups), so a bad value is a one-line
 * usage error before anything is created. A password comes from {@code USER:PASSWORD}, else from
 * {@value #PASSWORD_ENV} / {@value #PROXY_PASSWORD_ENV}, else from a prompt on the terminal without echo;
 * without a terminal that is a usage error. No message here holds a password or a header's value.
 */
public final class WireOptionsMixin {

    /** The environment variable a server password may come from. */
    public static final String PASSWORD_ENV = "BGCOPY_PASSWORD";
    /** The environment variable a proxy password may come from. */
    public static final String PROXY_PASSWORD_ENV = "BGCOPY_PROXY_PASSWORD";

    @Option(names = "--header", paramLabel = "'NAME: VALUE'", converter = Headers.class,
            description = "Send this request header with every request of the job (repeatable; "
                    + "SetCustomHeaders). Its value is never printed.")
    List<HttpHeader> headers = new ArrayList<>();

    @ArgGroup(exclusive = false, heading = "%nServer login (BITS only):%n", order = 1)
    Login server;

    @ArgGroup(exclusive = false, heading = "%nProxy login (BITS only):%n", order = 3)
    ProxyLogin proxyLogin;

    @ArgGroup(exclusive = true, heading = "%nProxy (BITS only):%n", order = 2)
    ProxyChoice proxy;

    @Option(names = "--proxy-bypass", paramLabel = "HOSTS",
            description = "With --proxy: hosts reached without it, separated by spaces or ';'; <local> for names "
                    + "without a dot.")
    String proxyBypass;

    @Option(names = "--ssl-ignore", paramLabel = "unknown-ca|cn-invalid|date-invalid|wrong-usage",
            converter = SslIgnores.class, completionCandidates = SslIgnores.class,
            description = "Accept an https certificate despite this one error (repeatable; BG_SSL_IGNORE_*); "
                    + "every other check stays on.")
    List<BgSslFlag> sslIgnore = new ArrayList<>();

    @Option(names = "--crl-check", description = "Check the server certificate's revocation (BG_SSL_ENABLE_CRL_CHECK).")
    boolean crlCheck;

    @Option(names = "--redirect-policy", paramLabel = "silent|report|disallow", converter = RedirectPolicies.class,
            completionCandidates = RedirectPolicies.class,
            description = "Follow redirects silently (default), follow and report the final URL as the file's "
                    + "remote name, or fail on a redirect (BG_HTTP_REDIRECT_POLICY_*).")
    BgHttpRedirectPolicy redirectPolicy;

    @Option(names = "--allow-https-to-http",
            description = "Let an https URL redirect to http (BG_HTTP_REDIRECT_POLICY_ALLOW_HTTPS_TO_HTTP).")
    boolean allowHttpsToHttp;

    /** {@code --user} and {@code --auth}: {@code --auth} needs {@code --user}. */
    static final class Login {
        @Option(names = "--user", required = true, paramLabel = "USER[:PASSWORD]", converter = Users.class,
                description = "The server's credentials (SetCredentials, target SERVER). Without :PASSWORD it "
                        + "comes from " + PASSWORD_ENV + " or a prompt. A password on the command line is "
                        + "visible to other local users (ps).")
        User user;

        @Option(names = "--auth", paramLabel = "basic|digest|ntlm|negotiate", converter = Schemes.class,
                completionCandidates = Schemes.class, description = "The scheme of --user. Default: basic.")
        BgAuthScheme scheme = BgAuthScheme.BASIC;
    }

    /** {@code --proxy-user} and {@code --proxy-auth}. */
    static final class ProxyLogin {
        @Option(names = "--proxy-user", required = true, paramLabel = "USER[:PASSWORD]", converter = Users.class,
                description = "The proxy's credentials (SetCredentials, target PROXY). Without :PASSWORD it comes "
                        + "from " + PROXY_PASSWORD_ENV + " or a prompt.")
        User user;

        @Option(names = "--proxy-auth", paramLabel = "basic|digest|ntlm|negotiate", converter = Schemes.class,
                completionCandidates = Schemes.class, description = "The scheme of --proxy-user. Default: basic.")
        BgAuthScheme scheme = BgAuthScheme.BASIC;
    }

    /** {@code --proxy URL} or {@code --no-proxy}, never both. */
    static final class ProxyChoice {
        @Option(names = "--proxy", required = true, paramLabel = "URL", converter = ProxyUrls.class,
                description = "Use this proxy, http://HOST:PORT or HOST:PORT (BG_JOB_PROXY_USAGE_OVERRIDE). "
                        + "Default: the system's proxy settings.")
        String url;

        @Option(names = "--no-proxy", required = true,
                description = "Connect directly, whatever the system's proxy (BG_JOB_PROXY_USAGE_NO_PROXY).")
        boolean noProxy;
    }

    /** Where passwords come from when the command line does not give them. */
    public interface Terminal {
        /** The environment variable {@code name}, if set. */
        Optional<String> env(String name);

        /** The password typed at the terminal without echo, or empty when there is no terminal. */
        Optional<char[]> readPassword(String prompt);

        /** The process's environment and {@link System#console()}. */
        static Terminal system() {
            return new Terminal() {
                @Override
                public Optional<String> env(String name) {
                    return Optional.ofNullable(System.getenv(name));
                }

                @Override
                public Optional<char[]> readPassword(String prompt) {
                    Console console = System.console();
                    return console == null ? Optional.empty() : Optional.ofNullable(console.readPassword("%s", prompt));
                }
            };
        }
    }

    /**
     * The options as the API's value; passwords missing from the command line are taken from the environment
     * or the terminal now. The caller applies and then {@linkplain WireOptions#clearPasswords() clears} it.
     *
     * @throws CliException a usage error when a password is needed and nothing gives one, or {@code --no-proxy}
     *         comes with proxy credentials
     */
    public WireOptions resolve(Terminal terminal) {
        WireOptions.Builder wire = WireOptions.builder();
        headers.forEach(wire::header);
        if (proxy != null && proxy.noProxy) {
            if (proxyLogin != null) {
                throw CliException.usage("--no-proxy and --proxy-user exclude each other: no proxy, no proxy login",
                        "drop one of them");
            }
            wire.proxy(BgJobProxyUsage.NO_PROXY, null, null);
        } else if (proxy != null) {
            wire.proxy(BgJobProxyUsage.OVERRIDE, proxy.url, proxyBypass);
        }
        if (proxyBypass != null && (proxy == null || proxy.noProxy)) {
            throw CliException.usage("--proxy-bypass needs --proxy: it lists the hosts that bypass that proxy",
                    "add --proxy URL, or drop --proxy-bypass");
        }
        if (server != null) {
            credentials(wire, BgAuthTarget.SERVER, server.scheme, server.user, PASSWORD_ENV, "--user", terminal);
        }
        if (proxyLogin != null) {
            credentials(wire, BgAuthTarget.PROXY, proxyLogin.scheme, proxyLogin.user, PROXY_PASSWORD_ENV, "--proxy-user",
                    terminal);
        }
        if (!sslIgnore.isEmpty() || crlCheck) {
            Set<BgSslFlag> flags = EnumSet.noneOf(BgSslFlag.class);
            flags.addAll(sslIgnore);
            if (crlCheck) {
                flags.add(BgSslFlag.ENABLE_CRL_CHECK);
            }
            wire.tlsFlags(flags);
        }
        if (redirectPolicy != null || allowHttpsToHttp) {
            wire.redirectPolicy(redirectPolicy == null ? BgHttpRedirectPolicy.ALLOW_SILENT : redirectPolicy, allowHttpsToHttp);
        }
        return wire.build();
    }

    private static void credentials(WireOptions.Builder wire, BgAuthTarget target, BgAuthScheme scheme, User user,
            String env, String option, Terminal terminal) {
        char[] password = user.password() != null ? user.password().clone()
                : terminal.env(env).map(String::toCharArray).orElse(null);
        if (password == null) {
            String whose = target == BgAuthTarget.PROXY ? "proxy " : "";
            password = terminal.readPassword("bgcopy: " + whose + "password for " + Printable.text(user.name()) + ": ")
                    .orElseThrow(() -> CliException.usage(option + " " + Printable.text(user.name())
                            + " has no password and there is no terminal to ask for it",
                            "set " + env + ", or give " + option + " USER:PASSWORD (visible to other local users)"));
        }
        try {
            wire.credentials(target, scheme, user.name(), password);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(option + ": " + e.getMessage(), "see 'bgcopy download --help'");
        } finally {
            Arrays.fill(password, '\0');
            if (user.password() != null) {
                Arrays.fill(user.password(), '\0');
            }
        }
    }

    /**
     * {@code USER[:PASSWORD]}, split at the first colon (a Basic user name has none, RFC 7617).
     *
     * @param name the user name, not empty
     * @param password the password, or null when only the user was given
     */
    record User(String name, char[] password) {
        /** The user only: never the password. */
        @Override
        public String toString() {
            return "User[name=" + name + ", password=" + (password == null ? "none" : "<redacted>") + "]";
        }
    }

    /** Parses {@code USER[:PASSWORD]}; its messages never hold the password. */
    static final class Users implements CommandLine.ITypeConverter<User> {
        @Override
        public User convert(String value) {
            int colon = value.indexOf(':');
            String name = colon < 0 ? value : value.substring(0, colon);
            if (name.isEmpty()) {
                throw new CommandLine.TypeConversionException("the user name is empty: expected USER or USER:PASSWORD");
            }
            if (name.chars().anyMatch(Character::isISOControl)) {
                throw new CommandLine.TypeConversionException("the user name holds a control character");
            }
            return new User(name, colon < 0 ? null : value.substring(colon + 1).toCharArray());
        }
    }

    /** Parses {@code 'Name: value'} by {@link HttpHeader}'s rule, the one {@code SetCustomHeaders} applies. */
    static final class Headers implements CommandLine.ITypeConverter<HttpHeader> {
        @Override
        public HttpHeader convert(String value) {
            try {
                return HttpHeader.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Checks {@code --proxy}: {@code http://HOST[:PORT]} or {@code HOST:PORT}, without a user or a path. */
    static final class ProxyUrls implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            URI uri;
            try {
                uri = new URI(value.contains("://") ? value : "http://" + value);
            } catch (URISyntaxException e) {
                throw malformed();
            }
            if (uri.getRawUserInfo() != null) {
                throw new CommandLine.TypeConversionException(
                        "a proxy URL must not hold a user or password: give them with --proxy-user");
            }
            if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null
                    || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw malformed();
            }
            return value;
        }

        private static CommandLine.TypeConversionException malformed() {
            return new CommandLine.TypeConversionException("expected a proxy as http://HOST:PORT or HOST:PORT");
        }
    }

    /** Words to values, as converter and completion candidates at once. */
    abstract static class Words<T> implements CommandLine.ITypeConverter<T>, Iterable<String> {
        private final Map<String, T> values;

        Words(Map<String, T> values) {
            this.values = values;
        }

        @Override
        public T convert(String value) {
            T found = values.get(value.toLowerCase(java.util.Locale.ROOT));
            if (found == null) {
                throw new CommandLine.TypeConversionException("'" + Printable.text(value) + "' is not one of "
                        + String.join(", ", values.keySet()));
            }
            return found;
        }

        @Override
        public Iterator<String> iterator() {
            return values.keySet().iterator();
        }

        static <T> Map<String, T> of(Object... wordsAndValues) {
            Map<String, T> map = new LinkedHashMap<>();
            for (int i = 0; i < wordsAndValues.length; i += 2) {
                @SuppressWarnings("unchecked")
                T value = (T) wordsAndValues[i + 1];
                map.put((String) wordsAndValues[i], value);
            }
            return map;
        }
    }

    /** {@code --auth}, {@code --proxy-auth}: the schemes a user can choose (Passport is retired). */
    static final class Schemes extends Words<BgAuthScheme> {
        Schemes() {
            super(of("basic", BgAuthScheme.BASIC, "digest", BgAuthScheme.DIGEST, "ntlm", BgAuthScheme.NTLM,
                    "negotiate", BgAuthScheme.NEGOTIATE));
        }
    }

    /** {@code --ssl-ignore}: the {@code BG_SSL_IGNORE_*} flags. */
    static final class SslIgnores extends Words<BgSslFlag> {
        SslIgnores() {
            super(of("unknown-ca", BgSslFlag.IGNORE_UNKNOWN_CA, "cn-invalid", BgSslFlag.IGNORE_CERT_CN_INVALID,
                    "date-invalid", BgSslFlag.IGNORE_CERT_DATE_INVALID, "wrong-usage", BgSslFlag.IGNORE_CERT_WRONG_USAGE));
        }
    }

    /** {@code --redirect-policy}. */
    static final class RedirectPolicies extends Words<BgHttpRedirectPolicy> {
        RedirectPolicies() {
            super(of("silent", BgHttpRedirectPolicy.ALLOW_SILENT, "report", BgHttpRedirectPolicy.ALLOW_REPORT,
                    "disallow", BgHttpRedirectPolicy.DISALLOW));
        }
    }
}
