package dev.bgcopy.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificate revocation lists of {@code BG_SSL_ENABLE_CRL_CHECK} (docs/contract.md §4.12 "On the wire"):
 * fetched over http from the CRL distribution points a certificate names, and kept until their
 * {@code nextUpdate}, as BITS uses a local CRL while it is up to date and downloads it otherwise
 * (SetSecurityFlags page). The engine fetches them itself and hands them to the PKIX validator, so no JVM-wide
 * setting ({@code com.sun.security.enableCRLDP}) is changed.
 */
final class CrlSource {

    /** {@code id-ce-cRLDistributionPoints}. */
    private static final String CRL_DISTRIBUTION_POINTS = "2.5.29.31";
    /** A CRL larger than this is refused: a hostile distribution point must not fill the memory. */
    private static final int MAX_CRL_BYTES = 16 * 1024 * 1024;

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Map<URI, X509CRL> fresh = new ConcurrentHashMap<>();

    CrlSource(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /**
     * The CRLs of every distribution point {@code certificate} names (http only).
     *
     * @throws IOException when the certificate names none, or one cannot be fetched or parsed
     */
    List<X509CRL> crlsOf(X509Certificate certificate) throws IOException {
        List<URI> points = distributionPoints(certificate);
        if (points.isEmpty()) {
            throw new IOException("the certificate " + certificate.getSubjectX500Principal() + " names no http CRL distribution point");
        }
        List<X509CRL> crls = new ArrayList<>();
        for (URI point : points) {
            crls.add(fetch(point));
        }
        return crls;
    }

    private X509CRL fetch(URI location) throws IOException {
        X509CRL known = fresh.get(location);
        if (known != null && known.getNextUpdate() != null && known.getNextUpdate().toInstant().isAfter(Instant.now())) {
            return known;
        }
        // The distribution point is asked directly: the CRL request never carries a job's headers or credentials.
        HttpURLConnection connection = (HttpURLConnection) location.toURL().openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        connection.setReadTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
        connection.setInstanceFollowRedirects(false);
        try {
            int status = connection.getResponseCode();
            if (status != 200) {
                throw new IOException("the CRL at " + location + " answered HTTP " + status);
            }
            byte[] body;
            try (InputStream in = connection.getInputStream()) {
                body = in.readNBytes(MAX_CRL_BYTES + 1);
            }
            if (body.length > MAX_CRL_BYTES) {
                throw new IOException("the CRL at " + location + " is over " + MAX_CRL_BYTES + " bytes");
            }
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new java.io.ByteArrayInputStream(body));
            fresh.put(location, crl);
            return crl;
        } catch (CRLException | CertificateException | ClassCastException e) {
            throw new IOException("the CRL at " + location + " cannot be parsed: " + e.getMessage(), e);
        } finally {
            connection.disconnect();
        }
    }

    /**
     * The http URIs of the certificate's {@code cRLDistributionPoints} (RFC 5280 §4.2.1.13): the
     * {@code uniformResourceIdentifier} names of each point's {@code fullName}. The JDK has no public
     * reader for this extension, hence the few lines of DER below.
     */
    static List<URI> distributionPoints(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(CRL_DISTRIBUTION_POINTS);
        List<URI> found = new ArrayList<>();
        if (extension == null) {
            return found;
        }
        try {
            Der outer = Der.read(extension, 0);
            if (outer.tag != 0x04) {
                return found;
            }
            collect(extension, outer.start, outer.end, found);
        } catch (IndexOutOfBoundsException | IllegalArgumentException malformed) {
            return List.of();
        }
        return found;
    }

    /** Walks SEQUENCEs (0x30) and {@code [0]} (0xA0) down to {@code [6]} URIs (0x86); skips reasons and cRLIssuer. */
    private static void collect(byte[] der, int from, int to, List<URI> found) {
        int at = from;
        while (at < to) {
            Der element = Der.read(der, at);
            if (element.tag == 0x30 || element.tag == 0xA0) {
                collect(der, element.start, element.end, found);
            } else if (element.tag == 0x86) {
                String text = new String(der, element.start, element.end - element.start, java.nio.charset.StandardCharsets.US_ASCII);
                URI uri = URI.create(text);
                if (uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).equals("http")) {
                    found.add(uri);
                }
            }
            at = element.end;
        }
    }

    /** One DER element: its tag and where its contents start and end. */
    private record Der(int tag, int start, int end) {

        static Der read(byte[] der, int at) {
            int tag = der[at] & 0xFF;
            int first = der[at + 1] & 0xFF;
            int length;
            int start;
            if (first < 0x80) {
                length = first;
                start = at + 2;
            } else {
                int bytes = first & 0x7F;
                if (bytes == 0 || bytes > 3) {
                    throw new IllegalArgumentException("unsupported DER length");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[at + 2 + i] & 0xFF);
                }
                start = at + 2 + bytes;
            }
            if (start + length > der.length) {
                throw new IllegalArgumentException("DER length past the end");
            }
            return new Der(tag, start, start + length);
        }
    }
}
