package dev.bgcopy.mockwebserver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credentials a {@link MockWebServer} demands, as a web server behind HTTP authentication does: Basic
 * (RFC 7617) or Digest (RFC 7616, {@code qop=auth}, MD5 and SHA-256) for one user. A request without
 * matching credentials is answered {@code 401} with a {@code WWW-Authenticate} challenge, or, on a
 * {@linkplain MockWebServer#startProxy() proxy}, {@code 407} with {@code Proxy-Authenticate}; see
 * {@link MockWebServer#requireAuth(Authentication)}.
 *
 * <p>Digest nonces are made by the server, one per challenge, and remembered: a nonce the server never
 * issued or a nonce count ({@code nc}) already used with the nonce is refused (a replay), and after
 * {@link #expireNonces()} a right answer with an old nonce gets a fresh challenge with {@code stale=true},
 * as a server whose nonces time out does. {@link #alwaysChallenge()} imitates a hostile or broken server
 * that asks for credentials forever (a 401 loop). {@link #unanswerable(String)} demands a scheme this server
 * cannot check (NTLM, Negotiate, or any other challenge text), for clients that must give up on it.
 *
 * <p>Thread-safe; the nonces belong to the instance, so one instance may guard several servers.
 */
public final class Authentication {

    /** A Digest hash algorithm (RFC 7616 §3.2; the {@code -sess} variants are not offered). */
    public enum DigestAlgorithm {
        /** {@code MD5}, the RFC 2617 default, still what many clients send. */
        MD5("MD5", "MD5"),
        /** {@code SHA-256}, RFC 7616's recommended algorithm. */
        SHA_256("SHA-256", "SHA-256");

        private final String token;
        private final String jca;

        DigestAlgorithm(String token, String jca) {
            this.token = token;
            this.jca = jca;
        }

        /** The name on the wire, e.g. {@code SHA-256}. */
        public String token() {
            return token;
        }

        String hash(String text) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks " + jca, e);
            }
        }

        static DigestAlgorithm of(String token) {
            for (DigestAlgorithm algorithm : values()) {
                if (algorithm.token.equalsIgnoreCase(token)) {
                    return algorithm;
                }
            }
            return null;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String scheme;
    private final String realm;
    private final String user;
    private final String password;
    private final List<DigestAlgorithm> algorithms;
    private final boolean alwaysChallenge;
    /** The challenge of {@link #unanswerable}, or null. */
    private final String fixedChallenge;
    private final String opaque = randomHex(8);
    /** Issued nonce -> the nonce counts seen with it; a nonce absent here was never issued or is stale. */
    private final Map<String, Set<String>> liveNonces = new ConcurrentHashMap<>();
    private final Set<String> staleNonces = ConcurrentHashMap.newKeySet();

    private Authentication(String scheme, String realm, String user, String password, List<DigestAlgorithm> algorithms,
            boolean alwaysChallenge) {
        this(scheme, realm, user, password, algorithms, alwaysChallenge, null);
    }

    private Authentication(String scheme, String realm, String user, String password, List<DigestAlgorithm> algorithms,
            boolean alwaysChallenge, String fixedChallenge) {
        this.fixedChallenge = fixedChallenge;
        this.scheme = scheme;
        this.realm = checkToken(realm, "realm");
        this.user = checkToken(user, "user");
        this.password = Objects.requireNonNull(password, "password");
        if (user.contains(":")) {
            throw new IllegalArgumentException("a user name cannot hold ':' (RFC 7617 §2)");
        }
        this.algorithms = algorithms;
        this.alwaysChallenge = alwaysChallenge;
    }

    private static String checkToken(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.indexOf('"') >= 0 || value.indexOf('\\') >= 0 || value.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException(what + " must not hold quotes, backslashes or control characters");
        }
        return value;
    }

    /** Basic authentication (RFC 7617) of {@code user} with {@code password} in {@code realm}, UTF-8. */
    public static Authentication basic(String realm, String user, String password) {
        return new Authentication("Basic", realm, user, password, List.of(), false);
    }

    /**
     * Digest authentication (RFC 7616, {@code qop=auth}) of {@code user} with {@code password} in
     * {@code realm}: one challenge per algorithm, in the order given (RFC 7616 §3.7: the preferred first);
     * without algorithms, SHA-256 then MD5.
     */
    public static Authentication digest(String realm, String user, String password, DigestAlgorithm... algorithms) {
        List<DigestAlgorithm> offered = algorithms.length == 0 ? List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5)
                : List.of(algorithms);
        if (offered.stream().distinct().count() != offered.size()) {
            throw new IllegalArgumentException("an algorithm is offered twice: " + offered);
        }
        return new Authentication("Digest", realm, user, password, offered, false);
    }

    /**
     * A server or proxy that demands a scheme this server does not implement: every request is answered 401
     * (407 on a proxy) with exactly {@code challenge} as its {@code WWW-Authenticate} ({@code Proxy-Authenticate})
     * value, e.g. {@code NTLM} or {@code Negotiate}, whatever credentials it carries.
     *
     * @param challenge the challenge text: a scheme token, optionally followed by parameters; no CR or LF
     */
    public static Authentication unanswerable(String challenge) {
        Objects.requireNonNull(challenge, "challenge");
        if (challenge.isBlank() || challenge.indexOf('\r') >= 0 || challenge.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a challenge is a non-blank header value without CR or LF");
        }
        String scheme = challenge.strip().split("[ ,]", 2)[0];
        return new Authentication(scheme, "", "", "", List.of(), true, challenge);
    }

    /**
     * The same credentials on a server that never accepts them: every request is challenged, the right
     * answer included, with fresh nonces, as a misconfigured or hostile server in a 401 (or 407) loop.
     */
    public Authentication alwaysChallenge() {
        return new Authentication(scheme, realm, user, password, algorithms, true, fixedChallenge);
    }

    /**
     * Makes every Digest nonce issued so far stale: a request answering one with the right credentials gets
     * a new challenge with {@code stale=true} (RFC 7616 §3.3), and the client is expected to retry with the
     * new nonce without asking its user again. No effect on Basic.
     */
    public void expireNonces() {
        for (String nonce : List.copyOf(liveNonces.keySet())) {
            if (liveNonces.remove(nonce) != null) {
                staleNonces.add(nonce);
            }
        }
    }

    /** {@code Basic}, {@code Digest}, or the scheme of an {@link #unanswerable} challenge. */
    public String scheme() {
        return scheme;
    }

    /** The protection space's realm. */
    public String realm() {
        return realm;
    }

    /** The one user accepted. */
    public String user() {
        return user;
    }

    /** The Digest algorithms offered, preferred first; empty for Basic. */
    public List<DigestAlgorithm> algorithms() {
        return algorithms;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        if (fixedChallenge != null) {
            return "unanswerable " + fixedChallenge;
        }
        return scheme + " realm=\"" + realm + "\" user=" + user + (algorithms.isEmpty() ? "" : " " + algorithms)
                + (alwaysChallenge ? " (always challenges)" : "");
    }

    /** What {@link #check} found. */
    enum Verdict {
        ACCEPTED, CHALLENGE, STALE
    }

    /**
     * Checks the value of an {@code Authorization} (or {@code Proxy-Authorization}) header, null when absent,
     * of a request with {@code method} and request-target {@code target}.
     */
    Verdict check(String authorization, String method, String target) {
        if (authorization == null || alwaysChallenge) {
            return Verdict.CHALLENGE;
        }
        int space = authorization.indexOf(' ');
        if (space < 0 || !authorization.substring(0, space).equalsIgnoreCase(scheme)) {
            return Verdict.CHALLENGE;
        }
        String credentials = authorization.substring(space + 1).strip();
        return scheme.equals("Basic") ? checkBasic(credentials) : checkDigest(parseParameters(credentials), method, target);
    }

    private Verdict checkBasic(String token) {
        String decoded = decodeBasic(token);
        return (user + ":" + password).equals(decoded) ? Verdict.ACCEPTED : Verdict.CHALLENGE;
    }

    private Verdict checkDigest(Map<String, String> answer, String method, String target) {
        DigestAlgorithm algorithm = DigestAlgorithm.of(answer.getOrDefault("algorithm", "MD5"));
        String nonce = answer.get("nonce");
        String nc = answer.get("nc");
        String cnonce = answer.get("cnonce");
        String uri = answer.get("uri");
        if (algorithm == null || !algorithms.contains(algorithm) || nonce == null || nc == null || cnonce == null
                || uri == null || !"auth".equals(answer.get("qop")) || !user.equals(answer.get("username"))
                || !realm.equals(answer.get("realm")) || !uriMatches(uri, target)
                || answer.containsKey("opaque") && !opaque.equals(answer.get("opaque"))) {
            return Verdict.CHALLENGE;
        }
        String ha1 = algorithm.hash(user + ":" + realm + ":" + password);
        String ha2 = algorithm.hash(method + ":" + uri);
        String expected = algorithm.hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        if (!expected.equalsIgnoreCase(answer.getOrDefault("response", ""))) {
            return Verdict.CHALLENGE;
        }
        if (staleNonces.contains(nonce)) {
            return Verdict.STALE;
        }
        Set<String> counts = liveNonces.get(nonce);
        return counts != null && counts.add(nc.toLowerCase(Locale.ROOT)) ? Verdict.ACCEPTED : Verdict.CHALLENGE;
    }

    /** The {@code uri} parameter names the request-target, or its path and query for an absolute-form one. */
    private static boolean uriMatches(String uri, String target) {
        if (uri.equals(target)) {
            return true;
        }
        if (target.startsWith("http://") || target.startsWith("https://")) {
            java.net.URI absolute = java.net.URI.create(target);
            String pathAndQuery = absolute.getRawPath() + (absolute.getRawQuery() == null ? "" : "?" + absolute.getRawQuery());
            return uri.equals(pathAndQuery);
        }
        return false;
    }

    /** The challenge header values to send: one for Basic, one per algorithm for Digest (fresh nonces). */
    List<String> challenges(boolean stale) {
        if (fixedChallenge != null) {
            return List.of(fixedChallenge);
        }
        if (scheme.equals("Basic")) {
            return List.of("Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
        }
        String nonce = randomHex(16);
        liveNonces.put(nonce, ConcurrentHashMap.newKeySet());
        List<String> challenges = new ArrayList<>();
        for (DigestAlgorithm algorithm : algorithms) {
            challenges.add("Digest realm=\"" + realm + "\", qop=\"auth\", algorithm=" + algorithm.token() + ", nonce=\""
                    + nonce + "\", opaque=\"" + opaque + "\"" + (stale ? ", stale=true" : ""));
        }
        return challenges;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** The user:password of a Basic token, or null when it is not base64 of UTF-8 text. */
    static String decodeBasic(String token) {
        try {
            return new String(Base64.getDecoder().decode(token.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    /** The auth-params of a credentials or challenge value ({@code a=b, c="d, e"}), names in lower case. */
    static Map<String, String> parseParameters(String text) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ',' || text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            int nameStart = i;
            while (i < n && text.charAt(i) != '=' && text.charAt(i) != ',') {
                i++;
            }
            String name = text.substring(nameStart, i).strip().toLowerCase(Locale.ROOT);
            if (i >= n || text.charAt(i) != '=') {
                continue;
            }
            i++;
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                for (i++; i < n && text.charAt(i) != '"'; i++) {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(text.charAt(i));
                }
                i++;
            } else {
                while (i < n && text.charAt(i) != ',') {
                    value.append(text.charAt(i++));
                }
            }
            if (!name.isEmpty()) {
                parameters.putIfAbsent(name, value.toString().strip());
            }
        }
        return parameters;
    }
}
