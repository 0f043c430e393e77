package dev.bgcopy.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The trust of https transfers read from a file: a PKCS#12 or JKS key store, or PEM certificates (one
 * or more CAs), so that a private CA can be trusted without JVM system properties. The file's
 * certificates replace the JDK's trusted CAs for the engine (as curl's {@code --cacert} does); host names
 * and certificate chains are still verified. Every refusal is an {@link IllegalArgumentException} whose
 * message names the file and the problem, never the password.
 */
final class TrustStores {

    private static final String PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----";

    private TrustStores() {
    }

    /** A TLS context trusting the certificates {@link #load loaded} from {@code file}. */
    static SSLContext sslContext(KeyStore trusted, Path file) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the trust store " + name(file) + " cannot be used: " + e.getMessage(), e);
        }
    }

    /**
     * The certificates of {@code file}.
     *
     * @param password the key store's password, or null for none (and for PEM)
     * @throws IllegalArgumentException when the file is missing, unreadable, not a key store or PEM
     *         certificates, holds no certificate, or the password does not open it
     */
    static KeyStore load(Path file, char[] password) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the trust store " + name(file) + " is not a readable file");
        }
        try {
            byte[] head = readHead(file);
            KeyStore store = new String(head, StandardCharsets.ISO_8859_1).contains(PEM_CERTIFICATE)
                    ? fromPem(file) : KeyStore.getInstance(file.toFile(), password);
            if (!hasCertificate(store)) {
                throw new IllegalArgumentException("the trust store " + name(file) + " holds no certificate");
            }
            return store;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the trust store " + name(file) + " is not a readable file", e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException("the password does not open the trust store " + file, e);
            }
            throw new IllegalArgumentException("the trust store " + name(file) + " cannot be read: " + e.getMessage(), e);
        } catch (KeyStoreException | CertificateException e) {
            throw new IllegalArgumentException("the trust store " + file
                    + " is neither a PKCS#12 or JKS key store nor PEM certificates", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the trust store " + name(file) + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String name(Path file) {
        return Arguments.abbreviate(file.toString());
    }

    private static byte[] readHead(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(64 * 1024);
        }
    }

    private static KeyStore fromPem(Path file) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("ca-" + i++, certificate);
        }
        return store;
    }

    private static boolean hasCertificate(KeyStore store) throws KeyStoreException {
        for (String alias : java.util.Collections.list(store.aliases())) {
            if (store.getCertificate(alias) != null) {
                return true;
            }
        }
        return false;
    }
}
