package dev.bgcopy.mockwebserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The TLS identity of an https {@link MockWebServer}, made in the test with Bouncy Castle (EC P-256 keys,
 * signed by the JDK's provider): the server's certificate, the trust anchor a client needs to accept it
 * (as a {@link KeyStore}, a PKCS#12 file or PEM text) and a trusting client {@link SSLContext}. Each
 * factory imitates a server a real client meets, and every certificate is rooted in a self-signed one made
 * now, so no default trust store knows it:
 * <ul>
 *   <li>{@link #selfSigned()}: a self-signed certificate for {@code 127.0.0.1}, {@code ::1} and
 *       {@code localhost}, its own trust anchor (an appliance or a developer's server);</li>
 *   <li>{@link #signedByUnknownCa()}: the same names, issued by a private certificate authority that only
 *       a client given {@link #trustAnchorPem()} or {@link #trustStorePkcs12} trusts (a company CA);</li>
 *   <li>{@link #expired()}: issued by such a CA but expired yesterday, so a client trusting the CA fails on
 *       the date alone;</li>
 *   <li>{@link #wrongHost()}: issued by such a CA for {@code wrong.host.invalid} only, so a client trusting
 *       the CA fails on the host name alone;</li>
 *   <li>{@link #wrongUsage()}: issued by such a CA for client authentication only, so a client trusting the
 *       CA fails on the extended key usage alone;</li>
 *   <li>{@link #revoked(URI)}: issued by such a CA with a CRL distribution point, and listed in the CA's
 *       {@link #crl() CRL}, so a client that checks revocation fails on it alone
 *       ({@link #signedByUnknownCa(URI)} is the same certificate not revoked).</li>
 * </ul>
 * {@link #requiringClientCertificate()} adds mutual TLS: the server then demands a client certificate issued
 * by a client CA made now, and {@link #clientCertificatePkcs12} gives a valid one.
 *
 * <p>Immutable; the key stores returned are copies.
 */
public final class SelfSignedTls {

    /** The DNS name {@link #wrongHost()} is issued for; {@code .invalid} never resolves (RFC 6761). */
    public static final String WRONG_HOST = "wrong.host.invalid";

    private static final char[] PASSWORD = "mockwebserver".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final GeneralName[] LOOPBACK_NAMES = {
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
        new GeneralName(GeneralName.iPAddress, "::1"),
        new GeneralName(GeneralName.dNSName, "localhost")};

    /** A private key with its certificate chain, leaf first. */
    private record Identity(PrivateKey key, List<X509Certificate> chain) {
        X509Certificate certificate() {
            return chain.get(0);
        }

        KeyStore keyStore(String alias, char[] password) {
            KeyStore store = emptyPkcs12();
            try {
                store.setKeyEntry(alias, key, password, chain.toArray(new Certificate[0]));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot store the key of " + certificate().getSubjectX500Principal(), e);
            }
            return store;
        }
    }

    private final Identity server;
    private final X509Certificate trustAnchor;
    private final Identity client;
    private final byte[] crl;
    private final SSLContext serverContext;
    private final SSLContext clientContext;

    private SelfSignedTls(Identity server, X509Certificate trustAnchor, Identity client, byte[] crl) {
        this.server = server;
        this.trustAnchor = trustAnchor;
        this.client = client;
        this.crl = crl;
        try {
            this.serverContext = context(server.keyStore("server", PASSWORD),
                    client == null ? null : trusting(client.chain().get(client.chain().size() - 1)));
            this.clientContext = context(client == null ? null : client.keyStore("client", PASSWORD), trusting(trustAnchor));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the TLS contexts", e);
        }
    }

    /** A self-signed certificate for {@code 127.0.0.1}, {@code ::1} and {@code localhost}, valid from a day ago for two days. */
    public static SelfSignedTls selfSigned() {
        KeyPair keys = newKeyPair();
        Instant now = Instant.now();
        X509Certificate certificate = issue("CN=127.0.0.1", keys, new X500Name("CN=127.0.0.1"), keys.getPrivate(),
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)), Role.SELF_SIGNED_SERVER, null, LOOPBACK_NAMES);
        return new SelfSignedTls(new Identity(keys.getPrivate(), List.of(certificate)), certificate, null, null);
    }

    /** A certificate for {@code 127.0.0.1}, {@code ::1} and {@code localhost} issued by a certificate authority made now. */
    public static SelfSignedTls signedByUnknownCa() {
        return caSigned("CN=127.0.0.1", Duration.ofDays(2), Role.SERVER, null, false, LOOPBACK_NAMES);
    }

    /**
     * As {@link #signedByUnknownCa()}, with a CRL distribution point {@code crlLocation} in the certificate;
     * the CA's {@link #crl()}, to be served there, lists no certificate.
     */
    public static SelfSignedTls signedByUnknownCa(URI crlLocation) {
        return caSigned("CN=127.0.0.1", Duration.ofDays(2), Role.SERVER, Objects.requireNonNull(crlLocation, "crlLocation"),
                false, LOOPBACK_NAMES);
    }

    /**
     * As {@link #signedByUnknownCa(URI)}, but the CA's {@link #crl()} lists the certificate as revoked (key
     * compromise): serve it at {@code crlLocation}, e.g. from a plain {@link MockWebServer} started first.
     */
    public static SelfSignedTls revoked(URI crlLocation) {
        return caSigned("CN=127.0.0.1", Duration.ofDays(2), Role.SERVER, Objects.requireNonNull(crlLocation, "crlLocation"),
                true, LOOPBACK_NAMES);
    }

    /**
     * A certificate for {@code 127.0.0.1}, {@code ::1} and {@code localhost} issued by a certificate authority
     * made now for TLS client authentication only: its extended key usage lacks {@code serverAuth}.
     */
    public static SelfSignedTls wrongUsage() {
        return caSigned("CN=127.0.0.1", Duration.ofDays(2), Role.CLIENT, null, false, LOOPBACK_NAMES);
    }

    /**
     * A certificate for {@code 127.0.0.1}, {@code ::1} and {@code localhost} issued by a certificate
     * authority made now, valid from three days ago until yesterday.
     */
    public static SelfSignedTls expired() {
        return caSigned("CN=127.0.0.1", Duration.ofDays(-1), Role.SERVER, null, false, LOOPBACK_NAMES);
    }

    /** A certificate for {@value #WRONG_HOST} only, issued by a certificate authority made now. */
    public static SelfSignedTls wrongHost() {
        return caSigned("CN=" + WRONG_HOST, Duration.ofDays(2), Role.SERVER, null, false,
                new GeneralName(GeneralName.dNSName, WRONG_HOST));
    }

    private static SelfSignedTls caSigned(String subject, Duration validFromNow, Role role, URI crlLocation, boolean revoked,
            GeneralName... names) {
        Identity ca = newCa("CN=bgcopy mockwebserver CA " + RANDOM.nextInt(1_000_000));
        KeyPair keys = newKeyPair();
        Instant now = Instant.now();
        X509Certificate certificate = issue(subject, keys, nameOf(ca), ca.key(),
                now.minus(Duration.ofDays(3)), now.plus(validFromNow), role, crlLocation, names);
        byte[] crl = crlLocation == null ? null : crl(ca, revoked ? certificate : null, now);
        return new SelfSignedTls(new Identity(keys.getPrivate(), List.of(certificate, ca.certificate())), ca.certificate(),
                null, crl);
    }

    /** A CRL of {@code ca} valid from a day ago for two days, listing {@code revoked} when not null. */
    private static byte[] crl(Identity ca, X509Certificate revoked, Instant now) {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(nameOf(ca), Date.from(now.minus(Duration.ofDays(1))));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
        if (revoked != null) {
            builder.addCRLEntry(revoked.getSerialNumber(), Date.from(now.minus(Duration.ofHours(1))), CRLReason.keyCompromise);
        }
        try {
            return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.key())).getEncoded();
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make the CRL", e);
        }
    }

    /**
     * The same server identity, demanding a client certificate issued by a client certificate authority made
     * now (the TLS handshake fails without one); {@link #clientSslContext()} then presents a valid one.
     */
    public SelfSignedTls requiringClientCertificate() {
        Identity clientCa = newCa("CN=bgcopy mockwebserver client CA " + RANDOM.nextInt(1_000_000));
        KeyPair keys = newKeyPair();
        Instant now = Instant.now();
        X509Certificate certificate = issue("CN=bgcopy client", keys, nameOf(clientCa),
                clientCa.key(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)), Role.CLIENT, null);
        return new SelfSignedTls(server, trustAnchor, new Identity(keys.getPrivate(), List.of(certificate, clientCa.certificate())),
                crl);
    }

    /** The server's certificate. */
    public X509Certificate certificate() {
        return server.certificate();
    }

    /** The certificate a client must trust to accept the server's: the server's own when self-signed, else its CA's. */
    public X509Certificate trustAnchor() {
        return trustAnchor;
    }

    /** {@link #trustAnchor()} as PEM text ({@code -----BEGIN CERTIFICATE-----}), as {@code curl --cacert} reads it. */
    public String trustAnchorPem() {
        return pem(trustAnchor);
    }

    /** A PKCS#12 trust store holding {@link #trustAnchor()} under the alias {@code mockwebserver}. */
    public KeyStore trustStore() {
        KeyStore store = emptyPkcs12();
        try {
            store.setCertificateEntry("mockwebserver", trustAnchor);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot store the trust anchor", e);
        }
        return store;
    }

    /** {@link #trustStore()} as the bytes of a PKCS#12 file protected by {@code password}. */
    public byte[] trustStorePkcs12(char[] password) {
        return pkcs12(trustStore(), password);
    }

    /** A client {@link SSLContext} that trusts exactly {@link #trustAnchor()} and presents the client certificate, if one is required. */
    public SSLContext clientSslContext() {
        return clientContext;
    }

    /** Whether the server demands a client certificate ({@link #requiringClientCertificate()}). */
    public boolean requiresClientCertificate() {
        return client != null;
    }

    /**
     * A valid client certificate, its key and its CA's certificate as the bytes of a PKCS#12 file protected by
     * {@code password} (key alias {@code client}), as a client-certificate file on disk holds them.
     *
     * @throws IllegalStateException unless the server {@linkplain #requiringClientCertificate() requires one}
     */
    public byte[] clientCertificatePkcs12(char[] password) {
        if (client == null) {
            throw new IllegalStateException("this server requires no client certificate; see requiringClientCertificate()");
        }
        return pkcs12(client.keyStore("client", password), password);
    }

    /**
     * The DER bytes of the CA's certificate revocation list (RFC 5280 §5), to be served at the location the
     * certificate names, e.g. with {@code server.serve("/ca.crl", Content.of(tls.crl()))}.
     *
     * @throws IllegalStateException unless made by {@link #revoked(URI)} or {@link #signedByUnknownCa(URI)}
     */
    public byte[] crl() {
        if (crl == null) {
            throw new IllegalStateException("this certificate names no CRL; see revoked(URI)");
        }
        return crl.clone();
    }

    /** The subject, issuer and expiry of the server certificate. */
    @Override
    public String toString() {
        return "SelfSignedTls[" + certificate().getSubjectX500Principal().getName() + " by "
                + certificate().getIssuerX500Principal().getName() + " until " + certificate().getNotAfter().toInstant()
                + (client != null ? ", client certificate required" : "") + "]";
    }

    /** A listening socket on {@code address} and a free port, demanding a client certificate when required. */
    ServerSocket openServerSocket(InetAddress address) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 50, address);
        socket.setNeedClientAuth(client != null);
        return socket;
    }

    private enum Role {
        SELF_SIGNED_SERVER, SERVER, CLIENT, CA
    }

    private static Identity newCa(String name) {
        KeyPair keys = newKeyPair();
        Instant now = Instant.now();
        X509Certificate ca = issue(name, keys, new X500Name(name), keys.getPrivate(), now.minus(Duration.ofDays(10)),
                now.plus(Duration.ofDays(10)), Role.CA, null);
        return new Identity(keys.getPrivate(), List.of(ca));
    }

    /** The subject of an issuer exactly as encoded, so that chain building matches it byte for byte. */
    private static X500Name nameOf(Identity issuer) {
        return X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
    }

    private static X509Certificate issue(String subject, KeyPair subjectKeys, X500Name issuer, PrivateKey issuerKey,
            Instant notBefore, Instant notAfter, Role role, URI crlLocation, GeneralName... names) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(63, RANDOM).add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
                    new X500Name(subject), subjectKeys.getPublic());
            if (names.length > 0) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            if (crlLocation != null) {
                GeneralNames where = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, crlLocation.toString()));
                builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                    new DistributionPoint(new DistributionPointName(where), null, null)}));
            }
            switch (role) {
                case CA -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }
                case SERVER -> builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                case CLIENT -> builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                case SELF_SIGNED_SERVER -> {
                    // Its own trust anchor, so it needs no constraints or key usages: its names are enough.
                }
                default -> throw new IllegalArgumentException(role.name());
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make the certificate " + subject, e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an EC P-256 key", e);
        }
    }

    private static SSLContext context(KeyStore keys, TrustManagerFactory trust) throws GeneralSecurityException {
        KeyManager[] keyManagers = null;
        if (keys != null) {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PASSWORD);
            keyManagers = kmf.getKeyManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trust == null ? null : trust.getTrustManagers(), null);
        return context;
    }

    private static TrustManagerFactory trusting(X509Certificate anchor) throws GeneralSecurityException {
        KeyStore store = emptyPkcs12();
        store.setCertificateEntry("anchor", anchor);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf;
    }

    private static KeyStore emptyPkcs12() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK cannot make a PKCS#12 key store", e);
        }
    }

    private static byte[] pkcs12(KeyStore store, char[] password) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            store.store(bytes, password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write a PKCS#12 file", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String pem(X509Certificate certificate) {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode " + certificate.getSubjectX500Principal(), e);
        }
    }
}
