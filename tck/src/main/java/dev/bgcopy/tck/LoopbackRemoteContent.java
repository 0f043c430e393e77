package dev.bgcopy.tck;

import dev.bgcopy.mockwebserver.Authentication;
import dev.bgcopy.mockwebserver.Content;
import dev.bgcopy.mockwebserver.Fault;
import dev.bgcopy.mockwebserver.MockWebServer;
import dev.bgcopy.mockwebserver.RecordedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The kit's {@link RemoteContent}: the build's {@link MockWebServer} on 127.0.0.1 and an ephemeral port.
 * Each resource has a version: its {@code ETag} is {@code "v<version>"} and its {@code Last-Modified} a
 * fixed base instant plus {@code version} hours, so {@link #change} and a second {@link #put} are visible
 * to {@code If-Range}. Range, If-Range and faults are the server's (RFC 9110; see {@link MockWebServer}).
 *
 * <p>Thread-safe. {@link #close()} stops the server and releases stalled connections at once.
 */
public final class LoopbackRemoteContent implements RemoteContent {

    private final MockWebServer server;
    private final List<MockWebServer> proxies = new CopyOnWriteArrayList<>();

    private LoopbackRemoteContent(MockWebServer server) {
        this.server = server;
    }

    /** Starts a server on 127.0.0.1 and a free port. */
    public static LoopbackRemoteContent start() {
        return new LoopbackRemoteContent(MockWebServer.start());
    }

    @Override
    public URI put(String path, byte[] body, boolean rangeSupport) {
        Objects.requireNonNull(body, "body");
        server.serve(path, Content.of(body)).rangeSupport(rangeSupport);
        return server.url(path);
    }

    @Override
    public void change(String path, byte[] newBody) {
        server.resource(path).change(Content.of(newBody));
    }

    @Override
    public void script(String path, Fault fault, int times) {
        if (times == Integer.MAX_VALUE) {
            server.scriptForever(path, fault);
        } else {
            server.script(path, fault, times);
        }
    }

    @Override
    public void clearFaults(String path) {
        server.clearFaults(path);
    }

    @Override
    public void stallLimit(Duration limit) {
        server.stallLimit(limit);
    }

    @Override
    public URI url(String path) {
        return server.url(path);
    }

    @Override
    public List<RecordedRequest> requests() {
        return server.requests();
    }

    @Override
    public RecordedRequest takeRequest(Duration timeout) throws InterruptedException {
        return server.takeRequest(timeout);
    }

    @Override
    public void requireAuth(String path, Authentication credentials) {
        server.requireAuth(path, credentials);
    }

    /** A {@link MockWebServer#startProxy() loopback forward proxy} on 127.0.0.1, closed with this content. */
    @Override
    public ForwardProxy startProxy() {
        MockWebServer proxy = MockWebServer.startProxy();
        proxies.add(proxy);
        return new ForwardProxy() {
            @Override
            public String authority() {
                return "127.0.0.1:" + proxy.port();
            }

            @Override
            public void requireAuth(Authentication credentials) {
                proxy.requireAuth(credentials);
            }

            @Override
            public List<RecordedRequest> requests() {
                return proxy.requests();
            }

            @Override
            public void close() {
                proxy.close();
            }

            @Override
            public String toString() {
                return "ForwardProxy[" + authority() + "]";
            }
        };
    }

    @Override
    public void close() {
        proxies.forEach(MockWebServer::close);
        server.close();
    }

    @Override
    public String toString() {
        return "LoopbackRemoteContent[" + server.url("/") + "]";
    }
}
