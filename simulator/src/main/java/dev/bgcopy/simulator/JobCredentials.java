package dev.bgcopy.simulator;

import dev.bgcopy.api.BgAuthCredentials;
import dev.bgcopy.api.BgAuthScheme;
import dev.bgcopy.api.BgAuthTarget;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.hc.client5.http.auth.AuthChallenge;
import org.apache.hc.client5.http.auth.AuthSchemeFactory;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.Credentials;
import org.apache.hc.client5.http.auth.CredentialsProvider;
import org.apache.hc.client5.http.auth.MalformedChallengeException;
import org.apache.hc.client5.http.auth.StandardAuthScheme;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicAuthCache;
import org.apache.hc.client5.http.impl.auth.BasicSchemeFactory;
import org.apache.hc.client5.http.impl.auth.DigestScheme;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Lookup;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * A job's credentials ({@code IBackgroundCopyJob2::SetCredentials}) as the HTTP library's credentials provider,
 * one per request and the redirects it follows (docs/contract.md §4.11 "On the wire (SIM)"). The library answers
 * a {@code 401} or {@code 407} challenge with what this returns and never sends credentials before a challenge;
 * this returns the job's entry for the challenging target ({@code BG_AUTH_TARGET_PROXY} when the challenge comes
 * from the request's proxy, else {@code BG_AUTH_TARGET_SERVER}) and the challenge's scheme, and nothing for any
 * other scheme: a job with Digest credentials does not answer a Basic challenge. Only Basic and Digest are spoken;
 * NTLM, Negotiate and anything else go unanswered, so the request ends with the server's 401 or the proxy's 407.
 *
 * <p>The authentication cache, which lets the library answer the same server again at once, belongs to the
 * request's context and so never crosses to another job.
 */
final class JobCredentials implements CredentialsProvider {

    /**
     * Challenges one Digest exchange answers before it gives up: a server that keeps calling its nonce stale
     * would otherwise be answered for ever (a Basic or a plain Digest challenge after an answer ends at once).
     */
    static final int MAX_DIGEST_CHALLENGES = 5;

    /** The schemes spoken: Basic (UTF-8, RFC 7617) and Digest, bounded. */
    private static final Lookup<AuthSchemeFactory> SCHEMES = RegistryBuilder.<AuthSchemeFactory>create()
            .register(StandardAuthScheme.BASIC, new BasicSchemeFactory(StandardCharsets.UTF_8))
            .register(StandardAuthScheme.DIGEST, context -> new BoundedDigestScheme())
            .build();

    private final HttpOptions options;

    private JobCredentials(HttpOptions options) {
        this.options = options;
    }

    /**
     * Gives {@code context} the job's credentials, the two schemes and an empty authentication cache; returns the
     * job's proxy credentials, the credentials' part of the connection's pool key: a tunnel or proxy connection
     * opened with one job's proxy credentials is never reused by a job with other proxy credentials or none.
     */
    static List<BgAuthCredentials> use(HttpClientContext context, HttpOptions options) {
        context.setCredentialsProvider(new JobCredentials(options));
        context.setAuthSchemeRegistry(SCHEMES);
        context.setAuthCache(new BasicAuthCache());
        return options.credentials().values().stream().filter(c -> c.target() == BgAuthTarget.PROXY).toList();
    }

    @Override
    public Credentials getCredentials(AuthScope scope, HttpContext context) {
        BgAuthScheme scheme = switch (String.valueOf(scope.getSchemeName()).toLowerCase(Locale.ROOT)) {
            case "basic" -> BgAuthScheme.BASIC;
            case "digest" -> BgAuthScheme.DIGEST;
            default -> null;
        };
        if (scheme == null) {
            return null;
        }
        HttpHost proxy = JobRoutePlanner.chosenProxy(context);
        boolean fromProxy = proxy != null && proxy.getHostName().equalsIgnoreCase(scope.getHost())
                && proxy.getPort() == scope.getPort();
        return options.credentials(fromProxy ? BgAuthTarget.PROXY : BgAuthTarget.SERVER, scheme)
                .map(c -> new UsernamePasswordCredentials(c.basic().userName(), c.basic().password()))
                .orElse(null);
    }

    /** Never the credentials: only which targets and schemes the job has them for. */
    @Override
    public String toString() {
        return "JobCredentials" + options.credentials().keySet();
    }

    /** Digest that gives up after {@link #MAX_DIGEST_CHALLENGES} challenges, stale ones included. */
    private static final class BoundedDigestScheme extends DigestScheme {
        private static final long serialVersionUID = 1L;
        private int challenges;

        BoundedDigestScheme() {
            super(StandardCharsets.UTF_8);
        }

        @Override
        public void processChallenge(AuthChallenge challenge, HttpContext context) throws MalformedChallengeException {
            if (++challenges > MAX_DIGEST_CHALLENGES) {
                throw new MalformedChallengeException("the server challenged " + MAX_DIGEST_CHALLENGES
                        + " times in one exchange");
            }
            super.processChallenge(challenge, context);
        }
    }
}
