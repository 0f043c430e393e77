package dev.bgcopy.simulator;

import dev.bgcopy.api.BgSslFlag;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The TLS of each job on the engine's one pooled client (docs/contract.md §4.12 "On the wire (SIM)"): a
 * request's context carries its job's {@link Settings} (the {@code BG_SSL_*} flags and the client certificate
 * file), the handshake uses a TLS context made for exactly those settings ({@link CertificateCheck} as its trust
 * manager, the PKCS#12 file as its key manager), and the same settings are the context's user token, which the
 * connection pool matches before it hands out a kept connection: a connection made with one job's relaxed
 * checks or client certificate is only ever reused by a request with the same settings.
 *
 * <p>Made lazily, on the first https connection: the JDK's default trust store costs about a quarter of a
 * second of CPU to load, which a process that only speaks http or file should not pay.
 */
final class JobTls implements TlsSocketStrategy {

    private static final String SETTINGS = JobTls.class.getName() + ".settings";
    private static final String QUESTION = JobTls.class.getName() + ".certificateValidation";
    private static final String CLIENT_CERTIFICATE_MISSING = JobTls.class.getName() + ".clientCertificateMissing";
    /**
     * Set by the key manager when the server asked for a client certificate the job does not have. The handshake
     * runs on the thread that upgrades the socket, so the question and the answer meet there.
     */
    private static final ThreadLocal<boolean[]> ASKED_WITHOUT_CERTIFICATE = ThreadLocal.withInitial(() -> new boolean[1]);
    /** The job's certificate-validation callback of the handshake running on this thread, or null (§4.22). */
    private static final ThreadLocal<ServerCertificateValidation.Question> ASKING = new ThreadLocal<>();

    /**
     * What a job's TLS depends on, and the pool key of its connections.
     *
     * @param flags the {@code BG_SSL_*} flags
     * @param clientCertificate the PKCS#12 file (empty password) of the job's client certificate, or null
     * @param validation the job's certificate-validation registration, or null: a connection its callback
     *     approved is reused by that registration only (compared by identity)
     */
    record Settings(Set<BgSslFlag> flags, Path clientCertificate, ServerCertificateValidation.Registration validation) {

        static final Settings DEFAULT = new Settings(Set.of(), null, null);

        Settings {
            flags = Set.copyOf(flags);
        }

        static Settings of(HttpOptions options, ServerCertificateValidation.Question question) {
            HttpOptions.ClientCertificate certificate = options.clientCertificate();
            return new Settings(options.securityFlags().ssl(), certificate == null ? null : certificate.file(),
                    question == null ? null : question.registration());
        }

        /** The settings that make a TLS context: all but the registration, whose callback is asked per handshake. */
        Settings context() {
            return validation == null ? this : new Settings(flags, clientCertificate, null);
        }
    }

    private final SSLContext configured;
    private final KeyStore trusted;
    private final CrlSource crls;
    private final Map<Settings, TlsSocketStrategy> strategies = new ConcurrentHashMap<>();
    private volatile X509TrustManager trust;

    /**
     * @param configured a TLS context given whole to the engine, used as it is for every job (its trust cannot
     *     be read, so the job's flags and client certificate do not apply), or null
     * @param trusted the engine's trusted certificates, or null for the JDK's default ones
     * @param crls where the CRLs of {@code BG_SSL_ENABLE_CRL_CHECK} come from
     */
    JobTls(SSLContext configured, KeyStore trusted, CrlSource crls) {
        this.configured = configured;
        this.trusted = trusted;
        this.crls = crls;
    }

    /**
     * Makes the request of {@code context} use its job's TLS settings and certificate-validation callback
     * ({@code question}, or null); returns them, the TLS part of the connection's pool key.
     */
    static Object applyTo(HttpClientContext context, HttpOptions options, ServerCertificateValidation.Question question) {
        Settings settings = Settings.of(options, question);
        context.setAttribute(SETTINGS, settings);
        context.setAttribute(QUESTION, question);
        return settings;
    }

    @Override
    public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context) throws IOException {
        Object settings = context == null ? null : context.getAttribute(SETTINGS);
        Settings job = settings instanceof Settings s ? s : Settings.DEFAULT;
        boolean[] asked = ASKED_WITHOUT_CERTIFICATE.get();
        asked[0] = false;
        Object question = context == null ? null : context.getAttribute(QUESTION);
        ASKING.set(question instanceof ServerCertificateValidation.Question q ? q : null);
        try {
            return strategies.computeIfAbsent(job.context(), this::strategy).upgrade(socket, target, port, attachment, context);
        } catch (IOException e) {
            throw asked[0] ? new ClientCertificateNeeded(e) : e;
        } finally {
            ASKING.remove();
            if (asked[0] && context != null) {
                // TLS 1.3 completes the handshake before the server judges the (empty) certificate: its refusal
                // arrives with the response, as an alert or a reset, and explain() names it then.
                context.setAttribute(CLIENT_CERTIFICATE_MISSING, Boolean.TRUE);
            }
        }
    }

    /**
     * {@code e} as the failure of a request whose server asked for a client certificate the job does not have
     * ({@link ClientCertificateNeeded}), or {@code e} itself.
     */
    static IOException explain(IOException e, HttpContext context) {
        if (!(e instanceof ClientCertificateNeeded) && context.getAttribute(CLIENT_CERTIFICATE_MISSING) != null) {
            return new ClientCertificateNeeded(e);
        }
        return e;
    }

    /** The server demanded a client certificate and the job has none (ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED). */
    static final class ClientCertificateNeeded extends SSLException {
        private static final long serialVersionUID = 1L;

        ClientCertificateNeeded(IOException cause) {
            super("the server asked for a client certificate and the job has none (" + cause.getMessage() + ")", cause);
        }
    }

    private TlsSocketStrategy strategy(Settings settings) {
        if (configured != null) {
            return new DefaultClientTlsStrategy(configured);
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new Presenting(keyManager(settings.clientCertificate()))},
                    new TrustManager[] {new CertificateCheck(this::trust, settings.flags(), crls, JobTls::askApplication)}, null);
            // The host name is checked by CertificateCheck, where BG_SSL_IGNORE_CERT_CN_INVALID can waive it.
            return new DefaultClientTlsStrategy(context, HostnameVerificationPolicy.CLIENT, NoopHostnameVerifier.INSTANCE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make a TLS context", e);
        }
    }

    /** The job's own check of a certificate its flags accepted, when the handshake on this thread has one. */
    private static void askApplication(X509Certificate[] chain, String host, int port) throws CertificateException {
        ServerCertificateValidation.Question question = ASKING.get();
        if (question != null) {
            question.ask(chain, host, port);
        }
    }

    /**
     * The key manager of the client certificate of {@code file}, or null. A file that cannot be read any more
     * presents no certificate, and a server that demands one refuses the handshake.
     */
    private static X509KeyManager keyManager(Path file) throws GeneralSecurityException {
        if (file == null) {
            return null;
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keys.load(in, new char[0]);
        } catch (IOException | GeneralSecurityException unreadable) {
            return null;
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, new char[0]);
        for (KeyManager manager : factory.getKeyManagers()) {
            if (manager instanceof X509KeyManager x509) {
                return x509;
            }
        }
        return null;
    }

    /** Presents the job's client certificate, if it has one, and notes a server's request it cannot answer. */
    private static final class Presenting extends X509ExtendedKeyManager {
        private final X509KeyManager keys;

        Presenting(X509KeyManager keys) {
            this.keys = keys;
        }

        private static String noted(String alias) {
            if (alias == null) {
                ASKED_WITHOUT_CERTIFICATE.get()[0] = true;
            }
            return alias;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return noted(keys == null ? null : keys.chooseClientAlias(keyType, issuers, socket));
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return noted(keys instanceof X509ExtendedKeyManager extended ? extended.chooseEngineClientAlias(keyType, issuers, engine)
                    : null);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return keys == null ? null : keys.getClientAliases(keyType, issuers);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys == null ? null : keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys == null ? null : keys.getPrivateKey(alias);
        }
    }

    private X509TrustManager trust() {
        X509TrustManager made = trust;
        if (made == null) {
            synchronized (this) {
                if (trust == null) {
                    trust = trustManager(trusted);
                }
                made = trust;
            }
        }
        return made;
    }

    private static X509TrustManager trustManager(KeyStore store) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot read the trusted certificates", e);
        }
    }
}
