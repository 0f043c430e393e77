package dev.bgcopy.tck;

import dev.bgcopy.mockwebserver.Authentication;
import dev.bgcopy.mockwebserver.Fault;
import dev.bgcopy.mockwebserver.RecordedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The remote side of a test: HTTP resources the implementation under test downloads, with scripted
 * faults and a log of what was requested, in the build's mockwebserver vocabulary ({@link Fault},
 * {@link RecordedRequest}). The kit's implementation is {@link LoopbackRemoteContent}, a real socket
 * server on 127.0.0.1.
 *
 * <pre>{@code
 * URI url = content.put("/a.bin", bytes);
 * content.script("/a.bin", Fault.HTTP_503, 2);       // the next two requests fail
 * ... job downloads ...
 * RecordedRequest first = content.takeRequest(Duration.ofSeconds(5));
 * }</pre>
 */
public interface RemoteContent extends AutoCloseable {

    /** Serves {@code body} at {@code path} with range support; replaces what was there. */
    default URI put(String path, byte[] body) {
        return put(path, body, true);
    }

    /**
     * Serves {@code body} at {@code path}. With {@code rangeSupport} the server honours {@code Range},
     * {@code If-Range} (against its {@code ETag}/{@code Last-Modified}) and answers 206 with
     * {@code Content-Range}; without it, it ignores {@code Range} and always answers 200 with the whole body.
     */
    URI put(String path, byte[] body, boolean rangeSupport);

    /**
     * Replaces the body at {@code path} (it must exist), giving it a new {@code ETag} and a later
     * {@code Last-Modified}: content that changed between requests.
     */
    void change(String path, byte[] newBody);

    /** Applies {@code fault} to the next {@code times} requests for {@code path} (after earlier scripts). */
    void script(String path, Fault fault, int times);

    /** Applies {@code fault} to every request for {@code path} from now on, until {@link #clearFaults}. */
    default void scriptForever(String path, Fault fault) {
        script(path, fault, Integer.MAX_VALUE);
    }

    /** Removes every pending fault of {@code path}. */
    void clearFaults(String path);

    /** How long a {@link Fault#STALL_BODY} holds the connection before dropping it by itself. */
    void stallLimit(Duration limit);

    /** The absolute URL of {@code path} on this server. */
    URI url(String path);

    /** Every request received so far, in order, each as it stands now. */
    List<RecordedRequest> requests();

    /**
     * The oldest request not yet taken, waiting up to {@code timeout} for one to arrive; null when
     * none arrived in time (no further request).
     */
    RecordedRequest takeRequest(Duration timeout) throws InterruptedException;

    /**
     * Demands {@code credentials} (HTTP Basic or Digest, or a challenge nobody can answer) for requests of
     * {@code path}: {@code 401} with {@code WWW-Authenticate} until they match.
     */
    default void requireAuth(String path, Authentication credentials) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot demand credentials");
    }

    /** Starts a forward proxy in front of this content, stopped with it. */
    default ForwardProxy startProxy() {
        throw new UnsupportedOperationException(getClass().getName() + " has no forward proxy");
    }

    /** Stops serving and releases every held (stalled) connection. Idempotent. */
    @Override
    void close();
}
