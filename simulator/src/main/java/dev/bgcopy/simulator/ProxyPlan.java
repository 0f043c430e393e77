package dev.bgcopy.simulator;

import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgProxySettings;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hc.core5.http.HttpHost;

/**
 * Which proxy, if any, each request of a job goes through: the simulator's reading of a job's
 * {@code BG_JOB_PROXY_USAGE} and its two lists ({@code IBackgroundCopyJob::SetProxySettings}, docs/contract.md
 * §4.9 "Proxies (SIM)"). {@code OVERRIDE} reads the job's proxy list and bypass list as the SetProxySettings page
 * describes them; {@code PRECONFIG}, the user's settings, reads the variables curl and wget read
 * ({@code http_proxy}, {@code https_proxy}, {@code all_proxy}, {@code no_proxy}) from the configured
 * environment ({@link SimulatorConfig#proxyEnvironment()}) and, as Windows' own user settings do, never sends
 * a loopback destination to the proxy; {@code AUTODETECT} has no WPAD and reads the same settings as
 * {@code PRECONFIG}; {@code NO_PROXY} is direct.
 *
 * <p>The information is read when a transfer starts, as BITS validates it at run time: what cannot be read
 * fails with {@link InvalidProxyInfoException}, which ends the job in ERROR with {@code BG_E_INVALID_PROXY_INFO}.
 * Immutable; {@link #toString()} names the proxies, never the user information an environment URL may hold.
 */
final class ProxyPlan {

    /** No proxy for any destination. */
    static final ProxyPlan DIRECT = new ProxyPlan(Map.of(), List.of(), false);

    /** The key of a proxy for every scheme without a proxy of its own. */
    private static final String ANY_SCHEME = "";
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*");
    private static final Pattern LIST_SEPARATORS = Pattern.compile("[\\s;]+");
    private static final Pattern NO_PROXY_SEPARATORS = Pattern.compile("[\\s,]+");

    private final Map<String, HttpHost> proxies;
    private final List<String> bypass;
    private final boolean bypassLoopback;

    /**
     * @param proxies by destination scheme ({@code http}, {@code https}) or {@link #ANY_SCHEME}
     * @param bypass host patterns sent direct: a name, an address, {@code *}-prefixed suffixes, {@code <local>},
     *     and for the environment {@code .}-prefixed domains
     * @param bypassLoopback whether loopback destinations are always direct (the user's settings)
     */
    private ProxyPlan(Map<String, HttpHost> proxies, List<String> bypass, boolean bypassLoopback) {
        this.proxies = Map.copyOf(proxies);
        this.bypass = List.copyOf(bypass);
        this.bypassLoopback = bypassLoopback;
    }

    /**
     * The plan of a job's proxy settings.
     *
     * @param environment the variables that hold the user's settings (PRECONFIG, AUTODETECT)
     * @throws InvalidProxyInfoException when a proxy, a bypass entry or a variable cannot be read
     */
    static ProxyPlan of(BgProxySettings settings, Map<String, String> environment) throws InvalidProxyInfoException {
        BgJobProxyUsage usage = settings.usage();
        return switch (usage) {
            case NO_PROXY -> DIRECT;
            case OVERRIDE -> fromLists(settings.proxyList(), settings.proxyBypassList());
            case PRECONFIG, AUTODETECT -> fromEnvironment(environment);
        };
    }

    /** The proxy for a request to {@code target}, or null to connect directly. */
    HttpHost proxyFor(HttpHost target) {
        String host = bare(target.getHostName().toLowerCase(Locale.ROOT));
        if ((bypassLoopback && isLoopback(host)) || bypassed(host)) {
            return null;
        }
        HttpHost own = proxies.get(target.getSchemeName().toLowerCase(Locale.ROOT));
        return own != null ? own : proxies.get(ANY_SCHEME);
    }

    // ---- OVERRIDE: the SetProxySettings page's format ----

    /**
     * The proxy list: entries {@code [<scheme>=][<scheme>://]<server>[:<port>]} separated by spaces (bitsadmin also
     * takes semicolons); an entry with {@code <scheme>=} serves that destination scheme only, one without serves
     * every scheme that has none of its own; of several entries for one scheme the first is used. The bypass
     * list: names, addresses, names with {@code *} as their left-most characters, and {@code <local>}.
     */
    static ProxyPlan fromLists(String proxyList, String bypassList) throws InvalidProxyInfoException {
        Map<String, HttpHost> proxies = new LinkedHashMap<>();
        for (String entry : tokens(proxyList, LIST_SEPARATORS)) {
            String scheme = ANY_SCHEME;
            String rest = entry;
            int equals = entry.indexOf('=');
            int slashes = entry.indexOf("://");
            if (equals >= 0 && (slashes < 0 || equals < slashes)) {
                scheme = destinationScheme(entry.substring(0, equals), entry);
                rest = entry.substring(equals + 1);
            }
            proxies.putIfAbsent(scheme, proxyServer(rest, entry));
        }
        if (proxies.isEmpty()) {
            throw new InvalidProxyInfoException("the proxy list names no proxy");
        }
        List<String> bypass = new ArrayList<>();
        for (String entry : tokens(bypassList, LIST_SEPARATORS)) {
            bypass.add(bypassEntry(entry));
        }
        return new ProxyPlan(proxies, bypass, false);
    }

    private static String destinationScheme(String scheme, String entry) throws InvalidProxyInfoException {
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (!lower.equals("http") && !lower.equals("https")) {
            throw new InvalidProxyInfoException("proxy list entry '" + printable(entry)
                    + "' is for a scheme other than http or https");
        }
        return lower;
    }

    /** {@code [<scheme>://]<server>[:<port>]}: the proxy is spoken to in HTTP whatever the prefix says. */
    private static HttpHost proxyServer(String text, String entry) throws InvalidProxyInfoException {
        int defaultPort = 80;
        String rest = text;
        int slashes = text.indexOf("://");
        if (slashes >= 0) {
            String scheme = text.substring(0, slashes).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new InvalidProxyInfoException("proxy list entry '" + printable(entry)
                        + "' names a protocol other than http or https");
            }
            defaultPort = scheme.equals("https") ? 443 : 80;
            rest = text.substring(slashes + 3);
        }
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        return hostAndPort(rest, defaultPort, "proxy list entry '" + printable(entry) + "'");
    }

    private static String bypassEntry(String entry) throws InvalidProxyInfoException {
        String lower = entry.toLowerCase(Locale.ROOT);
        if (lower.equals("<local>")) {
            return lower;
        }
        String rest = lower.replaceFirst("^\\*+", "");
        boolean wildcard = rest.length() < lower.length();
        String name = bare(rest);
        String checked = wildcard && name.startsWith(".") ? name.substring(1) : name;
        boolean valid = !rest.contains("*") && (wildcard && rest.isEmpty() || HOST_NAME.matcher(checked).matches()
                || !wildcard && IPV6.matcher(name).matches());
        if (!valid) {
            throw new InvalidProxyInfoException("proxy bypass entry '" + printable(entry)
                    + "' is not a host name or address with wildcards only as its left-most characters");
        }
        return wildcard ? "*" + name : name;
    }

    // ---- PRECONFIG, AUTODETECT: the user's settings, as curl and wget read them ----

    /**
     * The user's settings from {@code environment}: {@code http_proxy} (lower case only, as curl reads it) for
     * http, {@code https_proxy} or {@code HTTPS_PROXY} for https, else {@code all_proxy} or {@code ALL_PROXY};
     * {@code no_proxy} or {@code NO_PROXY} lists the names and addresses sent direct (comma-separated; a name
     * covers its subdomains; {@code *} covers everything). Lower case wins over upper case; an empty value
     * counts as unset. Loopback destinations are always direct.
     */
    static ProxyPlan fromEnvironment(Map<String, String> environment) throws InvalidProxyInfoException {
        Map<String, HttpHost> proxies = new LinkedHashMap<>();
        putEnvironmentProxy(proxies, "http", environment, "http_proxy");
        putEnvironmentProxy(proxies, "https", environment, "https_proxy", "HTTPS_PROXY");
        putEnvironmentProxy(proxies, ANY_SCHEME, environment, "all_proxy", "ALL_PROXY");
        if (proxies.isEmpty()) {
            return DIRECT;
        }
        List<String> bypass = new ArrayList<>();
        for (String entry : tokens(variable(environment, "no_proxy", "NO_PROXY"), NO_PROXY_SEPARATORS)) {
            String name = bare(entry.toLowerCase(Locale.ROOT));
            // curl's forms: "*" alone, a name or address, a name with a leading dot; what it cannot read it skips.
            if (name.equals("*")) {
                bypass.add("*");
            } else if (IPV6.matcher(name).matches()) {
                bypass.add(name);
            } else if (HOST_NAME.matcher(name.startsWith(".") ? name.substring(1) : name).matches()) {
                bypass.add(name.startsWith(".") ? name : "." + name);
            }
        }
        return new ProxyPlan(proxies, bypass, true);
    }

    private static void putEnvironmentProxy(Map<String, HttpHost> proxies, String scheme, Map<String, String> environment,
            String... names) throws InvalidProxyInfoException {
        String value = variable(environment, names);
        if (value == null) {
            return;
        }
        String name = names[0];
        String text = value.strip();
        URI uri;
        try {
            uri = new URI(text.contains("://") ? text : "http://" + text);
        } catch (URISyntaxException e) {
            throw new InvalidProxyInfoException("the variable " + name + " is not a proxy URL");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new InvalidProxyInfoException("the variable " + name + " names a " + printable(uri.getScheme())
                    + " proxy; only http proxies are supported");
        }
        String path = uri.getRawPath();
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        if (uri.getHost() == null || port < 1 || port > 65_535 || path != null && !path.isEmpty() && !path.equals("/") || uri.getRawQuery() != null) {
            throw new InvalidProxyInfoException("the variable " + name + " is not a proxy URL (http://host[:port])");
        }
        // User information (http://user:password@host) is not used: proxy credentials come from SetCredentials.
        String host = bare(uri.getHost().toLowerCase(Locale.ROOT));
        proxies.put(scheme, new HttpHost("http", host, port));
    }

    /** The first of {@code names} set to a non-empty value. */
    private static String variable(Map<String, String> environment, String... names) {
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    // ---- matching ----

    private boolean bypassed(String host) {
        for (String pattern : bypass) {
            boolean matches;
            if (pattern.equals("<local>")) {
                matches = host.indexOf('.') < 0 && host.indexOf(':') < 0;
            } else if (pattern.startsWith("*")) {
                matches = host.endsWith(pattern.substring(1));
            } else if (pattern.startsWith(".")) {
                matches = host.endsWith(pattern) || host.equals(pattern.substring(1));
            } else {
                matches = host.equals(pattern);
            }
            if (matches) {
                return true;
            }
        }
        return false;
    }

    /** {@code localhost}, an IPv4 address of 127.0.0.0/8 or {@code ::1}: what Windows never proxies. */
    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.matches("127(\\.\\d{1,3}){3}") || host.equals("::1")
                || host.equals("0:0:0:0:0:0:0:1");
    }

    private static HttpHost hostAndPort(String text, int defaultPort, String what) throws InvalidProxyInfoException {
        String host = text;
        int port = defaultPort;
        int close = text.lastIndexOf(']');
        int colon = text.lastIndexOf(':');
        if (text.startsWith("[") ? colon > close : colon >= 0) {
            host = text.substring(0, colon);
            String digits = text.substring(colon + 1);
            port = digits.matches("\\d{1,5}") ? Integer.parseInt(digits) : 0;
        }
        host = bare(host.toLowerCase(Locale.ROOT));
        boolean literal = text.startsWith("[") && IPV6.matcher(host).matches();
        if (port < 1 || port > 65_535 || !(literal || HOST_NAME.matcher(host).matches())) {
            throw new InvalidProxyInfoException(what + " is not [<scheme>=][<scheme>://]<server>[:<port>]");
        }
        return new HttpHost("http", host, port);
    }

    /** An IPv6 literal without its brackets; anything else as it is. */
    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static List<String> tokens(String list, Pattern separators) {
        List<String> tokens = new ArrayList<>();
        if (list != null) {
            for (String token : separators.split(list.strip())) {
                if (!token.isEmpty()) {
                    tokens.add(token);
                }
            }
        }
        return tokens;
    }

    /** Text for a message, with any user information ({@code user:password@}) left out. */
    private static String printable(String text) {
        return Arguments.abbreviate(String.valueOf(text).replaceAll("[^/=@]*@", "...@"));
    }

    /** The proxies by destination scheme and the bypass patterns; never user information. */
    @Override
    public String toString() {
        return proxies.isEmpty() ? "ProxyPlan[direct]" : "ProxyPlan[proxies=" + proxies + ", bypass=" + bypass
                + (bypassLoopback ? ", loopback direct" : "") + "]";
    }

    /**
     * Proxy information that cannot be read, found when a transfer starts: the job ends in ERROR with
     * {@code BG_E_INVALID_PROXY_INFO} (docs/contract.md §5.5). The message names the entry, never a password.
     */
    static final class InvalidProxyInfoException extends IOException {
        private static final long serialVersionUID = 1L;

        InvalidProxyInfoException(String message) {
            super("invalid proxy information: " + message);
        }
    }
}
