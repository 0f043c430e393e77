package dev.bgcopy.mockwebserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The forward-proxy role over real loopback sockets: the JDK's HttpClient, Apache HttpClient 5 and raw sockets. */
@Timeout(30)
class ProxyTest {

    private static final PseudoRandomContent CONTENT = new PseudoRandomContent(100_000, 3);

    private MockWebServer proxy;
    private MockWebServer origin;

    @BeforeEach
    void start() {
        proxy = MockWebServer.startProxy();
        origin = MockWebServer.start();
        origin.serve("/a.bin", CONTENT);
    }

    @AfterEach
    void stop() {
        proxy.close();
        origin.close();
    }

    private HttpResponse<byte[]> get(HttpClient client, URI url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpClient.Builder throughProxy() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).proxy(ProxySelector.of(proxy.address()));
    }

    /** Sends {@code request} on a new connection and returns what came back until the server closed or a head ended. */
    private static String raw(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return readHead(socket.getInputStream());
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (int b = in.read(); b != -1; b = in.read()) {
            head.append((char) b);
            if (head.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    @Test
    void absoluteForm_isForwardedWithVia_andRecordedOnBothSides() throws Exception {
        HttpResponse<byte[]> response = get(throughProxy().build(), origin.url("/a.bin"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(CONTENT.bytes());
        assertThat(response.headers().firstValue("ETag")).hasValue("\"v1\"");
        RecordedRequest proxied = proxy.takeRequest(java.time.Duration.ofSeconds(5));
        assertThat(proxied.method()).isEqualTo("GET");
        assertThat(proxied.target()).isEqualTo(origin.url("/a.bin").toString());
        assertThat(proxied.path()).isEqualTo("/a.bin");
        assertThat(proxied.awaitFinished(java.time.Duration.ofSeconds(5))).isTrue();
        assertThat(proxied.status()).isEqualTo(200);
        assertThat(proxied.bodyBytes()).isEqualTo(CONTENT.size());
        RecordedRequest served = origin.takeRequest(java.time.Duration.ofSeconds(5));
        assertThat(served.target()).isEqualTo("/a.bin");
        assertThat(served.header("Via")).hasValue("1.1 127.0.0.1:" + proxy.port());
    }

    @Test
    void rangeAndStatusPassThrough() throws Exception {
        HttpResponse<byte[]> partial = throughProxy().build().send(HttpRequest.newBuilder(origin.url("/a.bin"))
                .header("Range", "bytes=10-19").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(partial.statusCode()).isEqualTo(206);
        assertThat(partial.headers().firstValue("Content-Range")).hasValue("bytes 10-19/100000");
        assertThat(partial.body()).isEqualTo(java.util.Arrays.copyOfRange(CONTENT.bytes(), 10, 20));
        assertThat(get(throughProxy().build(), origin.url("/missing.bin")).statusCode()).isEqualTo(404);
        assertThat(proxy.drainRequests()).extracting(RecordedRequest::status).containsExactly(206, 404);
    }

    @Test
    void bypass_aDirectRequestNeverReachesTheProxy() throws Exception {
        MockWebServer other = MockWebServer.start();
        try (other) {
            other.serve("/b.bin", CONTENT);
            ProxySelector bypassingOther = new ProxySelector() {
                @Override
                public List<Proxy> select(URI uri) {
                    return uri.getPort() == other.port() ? List.of(Proxy.NO_PROXY)
                            : List.of(new Proxy(Proxy.Type.HTTP, proxy.address()));
                }

                @Override
                public void connectFailed(URI uri, SocketAddress address, IOException failure) {
                    // Nothing to learn: the proxy is on loopback and up for the whole test.
                }
            };
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).proxy(bypassingOther).build();
            assertThat(get(client, other.url("/b.bin")).body()).isEqualTo(CONTENT.bytes());
            assertThat(proxy.requests()).as("bypassed").isEmpty();
            assertThat(other.takeRequest(java.time.Duration.ofSeconds(5)).header("Via")).isEmpty();
            assertThat(get(client, origin.url("/a.bin")).body()).isEqualTo(CONTENT.bytes());
            assertThat(proxy.requests()).extracting(RecordedRequest::target).containsExactly(origin.url("/a.bin").toString());
        }
    }

    @Test
    void connect_tunnelsHttps_theProxySeesOnlyTheAuthority() throws Exception {
        try (MockWebServer secure = MockWebServer.startTls()) {
            secure.serve("/s.bin", CONTENT);
            HttpClient client = throughProxy().sslContext(secure.clientSslContext()).build();
            HttpResponse<byte[]> response = get(client, secure.url("/s.bin"));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(CONTENT.bytes());
            RecordedRequest tunnel = proxy.takeRequest(java.time.Duration.ofSeconds(5));
            assertThat(tunnel.method()).isEqualTo("CONNECT");
            assertThat(tunnel.target()).isEqualTo("127.0.0.1:" + secure.port());
            assertThat(tunnel.status()).isEqualTo(200);
            assertThat(secure.takeRequest(java.time.Duration.ofSeconds(5)).path()).isEqualTo("/s.bin");
        }
    }

    @Test
    void connect_relaysBytesBothWays_untilTheTargetCloses() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("CONNECT 127.0.0.1:" + origin.port() + " HTTP/1.1\r\nHost: 127.0.0.1:" + origin.port() + "\r\n\r\n"
                    + "GET /a.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=0-9\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            assertThat(readHead(in)).startsWith("HTTP/1.1 200 ");
            assertThat(readHead(in)).startsWith("HTTP/1.1 206 ").contains("Content-Range: bytes 0-9/100000");
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOf(CONTENT.bytes(), 10));
        }
        RecordedRequest tunnel = proxy.takeRequest(java.time.Duration.ofSeconds(5));
        assertThat(tunnel.awaitFinished(java.time.Duration.ofSeconds(5))).isTrue();
        assertThat(tunnel.bodyBytes()).isGreaterThan(10);
        assertThat(origin.takeRequest(java.time.Duration.ofSeconds(5)).header("Via")).as("a tunnel adds nothing").isEmpty();
    }

    @Test
    void onlyLoopbackTargets_othersRefusedWithoutALookup_unreachable502_originForm400() throws Exception {
        assertThat(raw(proxy.port(), "GET http://192.0.2.1/x HTTP/1.1\r\nHost: 192.0.2.1\r\n\r\n")).startsWith("HTTP/1.1 403 ");
        assertThat(raw(proxy.port(), "GET http://example.com/x HTTP/1.1\r\nHost: example.com\r\n\r\n")).startsWith("HTTP/1.1 403 ");
        assertThat(raw(proxy.port(), "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n")).startsWith("HTTP/1.1 403 ");
        int closedPort;
        try (ServerSocket vacant = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = vacant.getLocalPort();
        }
        assertThat(raw(proxy.port(), "GET http://127.0.0.1:" + closedPort + "/x HTTP/1.1\r\nHost: x\r\n\r\n"))
                .startsWith("HTTP/1.1 502 ");
        assertThat(raw(proxy.port(), "CONNECT [::1]:" + closedPort + " HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 502 ");
        assertThat(raw(proxy.port(), "GET /a.bin HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(raw(proxy.port(), "DELETE http://127.0.0.1:" + origin.port() + "/a.bin HTTP/1.1\r\nHost: x\r\n\r\n"))
                .startsWith("HTTP/1.1 405 ");
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void resolveAsLoopback_aNameOnlyTheProxyKnows_reachesTheOriginThroughIt() throws Exception {
        assertThat(raw(proxy.port(), "GET http://files.example:" + origin.port() + "/a.bin HTTP/1.1\r\nHost: x\r\n\r\n"))
                .as("an unknown name").startsWith("HTTP/1.1 403 ");
        proxy.resolveAsLoopback("files.example");
        URI byName = URI.create("http://files.example:" + origin.port() + "/a.bin");
        HttpResponse<byte[]> response = get(throughProxy().build(), byName);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(CONTENT.bytes());
        assertThat(proxy.drainRequests()).extracting(RecordedRequest::target).containsExactly(
                "http://files.example:" + origin.port() + "/a.bin", byName.toString());
        assertThatThrownBy(() -> origin.resolveAsLoopback("files.example")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> proxy.resolveAsLoopback("bad name")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void basicProxyAuth_407WithTheChallenge_withoutCredentials() throws Exception {
        proxy.requireAuth(Authentication.basic("proxy", "bob", "pr0xy"));
        HttpResponse<byte[]> refused = get(throughProxy().build(), origin.url("/a.bin"));
        assertThat(refused.statusCode()).isEqualTo(407);
        assertThat(refused.headers().firstValue("Proxy-Authenticate")).hasValue("Basic realm=\"proxy\", charset=\"UTF-8\"");
        assertThat(origin.requests()).isEmpty();
    }

    private CloseableHttpClient apacheThroughProxy(String password, SSLContext tls) {
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        credentials.setCredentials(new AuthScope("127.0.0.1", proxy.port()),
                new UsernamePasswordCredentials("bob", password.toCharArray()));
        var connections = PoolingHttpClientConnectionManagerBuilder.create();
        if (tls != null) {
            connections.setTlsSocketStrategy(new DefaultClientTlsStrategy(tls));
        }
        return HttpClients.custom().setConnectionManager(connections.build())
                .setProxy(new HttpHost("http", "127.0.0.1", proxy.port())).setDefaultCredentialsProvider(credentials).build();
    }

    private static int apacheGet(CloseableHttpClient client, URI url) throws IOException {
        try (client) {
            return client.execute(new HttpGet(url), response -> {
                byte[] body = EntityUtils.toByteArray(response.getEntity());
                if (response.getCode() == 200) {
                    assertThat(body).isEqualTo(CONTENT.bytes());
                }
                return response.getCode();
            });
        }
    }

    @Test
    void basicProxyAuth_forwardedAndTunnelled_withCredentials_whichNeverReachTheOrigin() throws Exception {
        proxy.requireAuth(Authentication.basic("proxy", "bob", "pr0xy"));
        assertThat(apacheGet(apacheThroughProxy("pr0xy", null), origin.url("/a.bin"))).isEqualTo(200);
        List<RecordedRequest> forwarded = proxy.drainRequests();
        assertThat(forwarded).extracting(RecordedRequest::status).containsExactly(407, 200);
        assertThat(forwarded.get(1).proxyAuthorization()).hasValue(new RecordedRequest.Credentials("Basic", "bob"));
        assertThat(forwarded.get(1).header("Proxy-Authorization")).hasValue("Basic [redacted]");
        assertThat(forwarded.get(1).toString()).contains("Proxy-Authorization: Basic bob").doesNotContain("pr0xy");
        assertThat(origin.takeRequest(java.time.Duration.ofSeconds(5)).header("Proxy-Authorization")).isEmpty();

        try (MockWebServer secure = MockWebServer.startTls()) {
            secure.serve("/a.bin", CONTENT);
            assertThat(apacheGet(apacheThroughProxy("pr0xy", secure.clientSslContext()), secure.url("/a.bin"))).isEqualTo(200);
            List<RecordedRequest> tunnels = proxy.drainRequests();
            assertThat(tunnels).extracting(RecordedRequest::method).containsExactly("CONNECT", "CONNECT");
            assertThat(tunnels).extracting(RecordedRequest::status).containsExactly(407, 200);
            assertThat(tunnels.get(0).responseHeader("Proxy-Authenticate")).hasValue("Basic realm=\"proxy\", charset=\"UTF-8\"");
        }
        assertThat(apacheGet(apacheThroughProxy("wrong", null), origin.url("/a.bin"))).isEqualTo(407);
    }

    @Test
    void proxy_namesItsRole_andListensOnLoopback() {
        assertThat(proxy.toString()).startsWith("MockWebServer[proxy http://127.0.0.1:");
        assertThat(proxy.address()).isEqualTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()));
    }
}
