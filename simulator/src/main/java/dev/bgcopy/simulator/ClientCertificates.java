package dev.bgcopy.simulator;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgCertStoreLocation;
import dev.bgcopy.api.BgClientCertificate;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The Windows certificate stores of {@code SetClientCertificateByID}/{@code ByName}, on any OS (docs/contract.md
 * §4.12): a store is the directory {@code <root>/<location>/<STORE>} (location in lower case with dashes, such as
 * {@code current-user}; store name in upper case, such as {@code MY}), and its certificates are the
 * {@code *.p12}/{@code *.pfx} files in it, PKCS#12 with an empty password (the directory, like the job store,
 * is the user's own). A missing store is {@code HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)}, no matching
 * certificate {@code CRYPT_E_NOT_FOUND}, an unreadable store {@code E_ACCESSDENIED}.
 */
final class ClientCertificates {

    /** Extended key usage "TLS client authentication". */
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private final Path root;

    ClientCertificates(Path root) {
        this.root = root;
    }

    /**
     * The argument checks of SetClientCertificateByID, which come before the job's state check (docs/contract.md
     * §4.0): {@code E_NOTIMPL}, {@code RPC_X_NULL_REF_POINTER}, {@code BG_E_STRING_TOO_LONG}, {@code RPC_X_BAD_STUB_DATA}.
     */
    static void checkId(String method, BgCertStoreLocation location, String storeName, byte[] hash) {
        checkStore(method, location, storeName);
        if (hash == null) {
            throw new BackgroundCopyException(method, HResult.RPC_X_NULL_REF_POINTER, "the certificate hash is null");
        }
        if (hash.length != BgClientCertificate.HASH_LENGTH) {
            throw new BackgroundCopyException(method, HResult.RPC_X_BAD_STUB_DATA,
                    "the certificate hash is " + hash.length + " bytes, not " + BgClientCertificate.HASH_LENGTH);
        }
    }

    /** The argument checks of SetClientCertificateByName; an empty subject is {@code E_INVALIDARG}. */
    static void checkName(String method, BgCertStoreLocation location, String storeName, String subject) {
        checkStore(method, location, storeName);
        if (subject == null) {
            throw new BackgroundCopyException(method, HResult.RPC_X_NULL_REF_POINTER, "the subject name is null");
        }
        checkLength(method, subject, "subject name");
        if (subject.isEmpty()) {
            throw Arguments.invalid(method, "the subject name is empty");
        }
    }

    /** The certificate of {@code storeName} whose SHA-1 thumbprint is {@code hash} (arguments {@link #checkId checked}). */
    HttpOptions.ClientCertificate byId(String method, BgCertStoreLocation location, String storeName, byte[] hash) {
        byte[] wanted = hash.clone();
        return find(method, location, storeName, found -> Arrays.equals(found.identity().certHash(), wanted),
                "no certificate with that SHA-1 thumbprint");
    }

    /**
     * The first client-authentication certificate of {@code storeName} whose simple subject contains {@code subject}
     * (arguments {@link #checkName checked}).
     */
    HttpOptions.ClientCertificate byName(String method, BgCertStoreLocation location, String storeName, String subject) {
        return find(method, location, storeName, found -> found.identity().subjectName().contains(subject),
                "no client-authentication certificate whose subject contains '" + subject + "'");
    }

    private static void checkStore(String method, BgCertStoreLocation location, String storeName) {
        if (location == null) {
            throw new BackgroundCopyException(method, HResult.E_NOTIMPL, "not a BG_CERT_STORE_LOCATION value");
        }
        if (storeName == null) {
            throw new BackgroundCopyException(method, HResult.RPC_X_NULL_REF_POINTER, "the store name is null");
        }
        checkLength(method, storeName, "store name");
    }

    private static void checkLength(String method, String value, String what) {
        if (value.length() > IBackgroundCopyJobHttpOptions.MAX_CERTIFICATE_NAME) {
            throw new BackgroundCopyException(method, HResult.BG_E_STRING_TOO_LONG,
                    "the " + what + " is over " + IBackgroundCopyJobHttpOptions.MAX_CERTIFICATE_NAME + " characters");
        }
    }

    /** The store's directory: {@code <root>/current-user/MY}. */
    Path storeDirectory(BgCertStoreLocation location, String storeName) {
        return root.resolve(location.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .resolve(storeName.toUpperCase(Locale.ROOT));
    }

    private HttpOptions.ClientCertificate find(String method, BgCertStoreLocation location, String storeName,
                                               Predicate<HttpOptions.ClientCertificate> matches, String notFound) {
        boolean plainName = !storeName.isEmpty() && storeName.chars().allMatch(c -> Character.isLetterOrDigit(c)
                || c == '-' || c == '_' || c == ' ');
        Path store = plainName ? storeDirectory(location, storeName) : null;
        if (store == null || !Files.isDirectory(store)) {
            throw new BackgroundCopyException(method, HResult.ERROR_FILE_NOT_FOUND,
                    "no certificate store '" + storeName + "' at " + location + " (" + root + ")");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(store, "*.{p12,pfx}")) {
            entries.forEach(files::add);
        } catch (AccessDeniedException e) {
            throw new BackgroundCopyException(method, HResult.E_ACCESSDENIED, "cannot read the certificate store " + store, e);
        } catch (IOException e) {
            throw new BackgroundCopyException(method, HResult.ERROR_FILE_NOT_FOUND, "cannot list the certificate store " + store, e);
        }
        Collections.sort(files);
        for (Path file : files) {
            for (HttpOptions.ClientCertificate candidate : read(location, storeName, file)) {
                if (matches.test(candidate)) {
                    return candidate;
                }
            }
        }
        throw new BackgroundCopyException(method, HResult.CRYPT_E_NOT_FOUND, notFound + " in " + store);
    }

    /** The client-authentication certificates of one PKCS#12 file; a file that cannot be read holds none. */
    private static List<HttpOptions.ClientCertificate> read(BgCertStoreLocation location, String storeName, Path file) {
        List<HttpOptions.ClientCertificate> found = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, new char[0]);
            for (Enumeration<String> aliases = keyStore.aliases(); aliases.hasMoreElements(); ) {
                Certificate c = keyStore.getCertificate(aliases.nextElement());
                if (c instanceof X509Certificate x509 && isClientAuthentication(x509)) {
                    byte[] thumbprint = MessageDigest.getInstance("SHA-1").digest(x509.getEncoded());
                    found.add(new HttpOptions.ClientCertificate(new BgClientCertificate(location, storeName, thumbprint,
                            simpleSubject(x509)), file));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            return List.of();
        }
        return found;
    }

    private static boolean isClientAuthentication(X509Certificate certificate) throws CertificateParsingException {
        List<String> usages = certificate.getExtendedKeyUsage();
        return usages == null || usages.contains(CLIENT_AUTH);
    }

    /**
     * The "simple subject name" GetClientCertificate reports: the values of the subject's RDNs, most general
     * first ({@code CN=a, OU=b, O=c} becomes {@code c, b, a}), as the SetClientCertificateByName page describes.
     */
    static String simpleSubject(X509Certificate certificate) {
        String rfc2253 = certificate.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253);
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean escaped = false;
        for (char c : rfc2253.toCharArray()) {
            if (escaped) {
                current.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ',' || c == '+') {
                values.add(valueOf(current));
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            values.add(valueOf(current));
        }
        Collections.reverse(values);
        return String.join(", ", values);
    }

    private static String valueOf(StringBuilder attribute) {
        int eq = attribute.indexOf("=");
        return attribute.substring(eq + 1);
    }
}
