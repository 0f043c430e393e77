package dev.bgcopy.tck;

import dev.bgcopy.mockwebserver.Authentication;
import dev.bgcopy.mockwebserver.RecordedRequest;
import java.util.List;

/**
 * A forward proxy on the remote side of a test, as a company's web proxy: the implementation under test reaches
 * the {@link RemoteContent} through it when a job's proxy settings say so ({@code IBackgroundCopyJob::SetProxySettings}).
 * It forwards absolute-form requests and tunnels {@code CONNECT}, and records what went through it.
 */
public interface ForwardProxy extends AutoCloseable {

    /** {@code host:port}, as an entry of a SetProxySettings proxy list. */
    String authority();

    /** Demands {@code credentials} of every request: {@code 407} with {@code Proxy-Authenticate} until they match. */
    void requireAuth(Authentication credentials);

    /** Every request received so far, in order (credentials redacted). */
    List<RecordedRequest> requests();

    /** Stops the proxy. Idempotent. */
    @Override
    void close();
}
