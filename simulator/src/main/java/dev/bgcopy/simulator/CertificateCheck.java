package dev.bgcopy.simulator;

import dev.bgcopy.api.BgSslFlag;
import dev.bgcopy.api.HResult;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;

/**
 * The server-certificate check of one job's TLS settings (docs/contract.md §4.12 "On the wire (SIM)"): the
 * full PKIX validation and the host-name check always run, every problem found is classified, and the
 * handshake fails with the first {@link Problem} that no {@code BG_SSL_IGNORE_*} flag of the job waives.
 * Each flag waives only its own problem, so an expired certificate of an unknown CA needs both
 * {@code IGNORE_CERT_DATE_INVALID} and {@code IGNORE_UNKNOWN_CA}. With {@code BG_SSL_ENABLE_CRL_CHECK}
 * the chain is also checked against the CRLs its certificates name (revocation is never waived).
 */
final class CertificateCheck extends X509ExtendedTrustManager {

    /** {@code id-kp-serverAuth}. */
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    /** {@code anyExtendedKeyUsage}. */
    private static final String ANY_USAGE = "2.5.29.37.0";
    private static final DefaultHostnameVerifier HOST_NAMES = new DefaultHostnameVerifier();

    /**
     * What can be wrong with a server's certificate, in the order the first unwaived one is reported, each with
     * the WinHTTP error BITS reports for it and the flag that waives it (null: nothing does).
     */
    enum Problem {
        /** The chain ends in a root the engine does not trust. */
        UNKNOWN_CA(HResult.ERROR_WINHTTP_SECURE_INVALID_CA, BgSslFlag.IGNORE_UNKNOWN_CA),
        /** A certificate of the chain is expired or not yet valid. */
        DATE_INVALID(HResult.ERROR_WINHTTP_SECURE_CERT_DATE_INVALID, BgSslFlag.IGNORE_CERT_DATE_INVALID),
        /** The server certificate's extended key usage lacks TLS server authentication. */
        WRONG_USAGE(HResult.ERROR_WINHTTP_SECURE_CERT_WRONG_USAGE, BgSslFlag.IGNORE_CERT_WRONG_USAGE),
        /** The server certificate names neither the host nor the address asked for. */
        CN_INVALID(HResult.ERROR_WINHTTP_SECURE_CERT_CN_INVALID, BgSslFlag.IGNORE_CERT_CN_INVALID),
        /** Anything else wrong with the chain: a bad signature, a broken constraint. */
        INVALID(HResult.ERROR_WINHTTP_SECURE_FAILURE, null),
        /** A certificate of the chain is listed in its CA's CRL. */
        REVOKED(HResult.ERROR_WINHTTP_SECURE_CERT_REVOKED, null),
        /** The revocation status could not be learned: no CRL named, or none obtainable. */
        REVOCATION_UNKNOWN(HResult.ERROR_WINHTTP_SECURE_CERT_REV_FAILED, null);

        final HResult code;
        final BgSslFlag waivedBy;

        Problem(HResult code, BgSslFlag waivedBy) {
            this.code = code;
            this.waivedBy = waivedBy;
        }
    }

    /** The handshake's failure: the problem that decided it, found in the cause chain by {@link Failure#remote}. */
    static final class Rejected extends CertificateException {
        private static final long serialVersionUID = 1L;
        final transient Problem problem;

        Rejected(Problem problem, String detail) {
            super(problem + ": " + detail);
            this.problem = problem;
        }
    }

    /** What runs once the checks accepted a chain, and may still refuse it: the application's own check (§4.22). */
    @FunctionalInterface
    interface AfterAccepted {
        /** @param port the server's port, or -1 when unknown */
        void approve(X509Certificate[] chain, String host, int port) throws CertificateException;
    }

    private final Supplier<X509TrustManager> trust;
    private final Set<BgSslFlag> flags;
    private final CrlSource crls;
    private final AfterAccepted afterAccepted;

    /**
     * @param trust the engine's trusted roots (read on the first handshake)
     * @param flags the job's {@code BG_SSL_*} flags
     * @param crls where CRLs come from when the job checks revocation
     * @param afterAccepted asked about each chain these checks accepted
     */
    CertificateCheck(Supplier<X509TrustManager> trust, Set<BgSslFlag> flags, CrlSource crls, AfterAccepted afterAccepted) {
        this.trust = trust;
        this.flags = flags.isEmpty() ? EnumSet.noneOf(BgSslFlag.class) : EnumSet.copyOf(flags);
        this.crls = crls;
        this.afterAccepted = afterAccepted;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        SSLSession session = socket instanceof SSLSocket tls ? tls.getHandshakeSession() : null;
        String host = session == null ? null : session.getPeerHost();
        check(chain, host);
        afterAccepted.approve(chain, host, session == null ? -1 : session.getPeerPort());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        String host = engine == null ? null : engine.getPeerHost();
        check(chain, host);
        afterAccepted.approve(chain, host, engine == null ? -1 : engine.getPeerPort());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, null);
        afterAccepted.approve(chain, null, -1);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("the engine is a TLS client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("the engine is a TLS client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the engine is a TLS client only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return trust.get().getAcceptedIssuers();
    }

    /** Classifies every problem of {@code chain} for {@code host} and fails on the first one not waived. */
    void check(X509Certificate[] chain, String host) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new Rejected(Problem.INVALID, "the server sent no certificate");
        }
        X509Certificate leaf = chain[0];
        EnumSet<Problem> found = EnumSet.noneOf(Problem.class);
        List<String> details = new ArrayList<>();
        Date now = new Date();
        for (X509Certificate certificate : chain) {
            try {
                certificate.checkValidity(now);
            } catch (CertificateException outside) {
                found.add(Problem.DATE_INVALID);
                details.add(certificate.getSubjectX500Principal() + " is valid from " + certificate.getNotBefore().toInstant()
                        + " to " + certificate.getNotAfter().toInstant());
            }
        }
        List<String> usages = leaf.getExtendedKeyUsage();
        if (usages != null && !usages.contains(SERVER_AUTH) && !usages.contains(ANY_USAGE)) {
            found.add(Problem.WRONG_USAGE);
            details.add("its extended key usage " + usages + " lacks TLS server authentication");
        }
        if (host == null) {
            found.add(Problem.CN_INVALID);
            details.add("the host name asked for is unknown");
        } else {
            try {
                HOST_NAMES.verify(host, leaf);
            } catch (SSLException mismatch) {
                found.add(Problem.CN_INVALID);
                details.add(mismatch.getMessage());
            }
        }
        List<X509Certificate> path = pathOf(chain);
        Date validationDate = found.contains(Problem.DATE_INVALID) ? dateInsideAll(chain, now) : now;
        Set<TrustAnchor> anchors = anchors();
        try {
            validate(path, anchors, validationDate, null);
        } catch (CertPathValidatorException e) {
            Problem problem = e.getReason() == java.security.cert.PKIXReason.NO_TRUST_ANCHOR ? Problem.UNKNOWN_CA
                    : e.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                    || e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID ? Problem.DATE_INVALID
                    : Problem.INVALID;
            found.add(problem);
            details.add(String.valueOf(e.getMessage()));
            if (problem == Problem.UNKNOWN_CA) {
                // Waiving the unknown CA still checks what its chain says: the top of the chain stands for the root.
                anchors = selfIssuedTop(chain);
            }
        }
        Problem first = firstUnwaived(found);
        if (first == null && flags.contains(BgSslFlag.ENABLE_CRL_CHECK)) {
            Problem revocation = revocation(path, anchors, validationDate, details);
            if (revocation != null) {
                found.add(revocation);
                first = revocation;
            }
        }
        if (first != null) {
            throw new Rejected(first, String.join("; ", details));
        }
    }

    private Problem firstUnwaived(Set<Problem> found) {
        for (Problem problem : found) {
            if (problem.waivedBy == null || !flags.contains(problem.waivedBy)) {
                return problem;
            }
        }
        return null;
    }

    /** REVOKED, REVOCATION_UNKNOWN, or null when every certificate of the path is known not to be revoked. */
    private Problem revocation(List<X509Certificate> path, Set<TrustAnchor> anchors, Date date, List<String> details) {
        if (anchors.isEmpty()) {
            details.add("no root to check the CRLs against");
            return Problem.REVOCATION_UNKNOWN;
        }
        if (path.stream().allMatch(certificate -> isTrustAnchor(certificate, anchors))) {
            return null; // a trusted self-signed certificate: a root, which no CRL lists
        }
        List<X509CRL> lists = new ArrayList<>();
        try {
            for (X509Certificate certificate : path) {
                if (!isTrustAnchor(certificate, anchors)) {
                    lists.addAll(crls.crlsOf(certificate));
                }
            }
        } catch (IOException unobtainable) {
            details.add(unobtainable.getMessage());
            return Problem.REVOCATION_UNKNOWN;
        }
        try {
            validate(path, anchors, date, lists);
            return null;
        } catch (CertPathValidatorException e) {
            details.add(String.valueOf(e.getMessage()));
            return e.getReason() == CertPathValidatorException.BasicReason.REVOKED ? Problem.REVOKED : Problem.REVOCATION_UNKNOWN;
        }
    }

    /** PKIX validation; {@code crlList} null leaves revocation unchecked. */
    private static void validate(List<X509Certificate> path, Set<TrustAnchor> anchors, Date date, List<X509CRL> crlList)
            throws CertPathValidatorException {
        if (anchors.isEmpty()) {
            throw new CertPathValidatorException("no trusted root", null, null, -1,
                    CertPathValidatorException.BasicReason.UNSPECIFIED);
        }
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setDate(date);
            parameters.setRevocationEnabled(crlList != null);
            if (crlList != null) {
                parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crlList)));
            }
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
        } catch (CertPathValidatorException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new CertPathValidatorException("the chain cannot be validated: " + e.getMessage(), e);
        }
    }

    private Set<TrustAnchor> anchors() {
        Set<TrustAnchor> anchors = new java.util.HashSet<>();
        for (X509Certificate root : trust.get().getAcceptedIssuers()) {
            anchors.add(new TrustAnchor(root, null));
        }
        return anchors;
    }

    private static boolean isTrustAnchor(X509Certificate certificate, Set<TrustAnchor> anchors) {
        for (TrustAnchor anchor : anchors) {
            if (certificate.equals(anchor.getTrustedCert())) {
                return true;
            }
        }
        return false;
    }

    /** The chain without a self-issued root at its end (a root is an anchor, not part of the path); never empty. */
    private static List<X509Certificate> pathOf(X509Certificate[] chain) {
        List<X509Certificate> path = new ArrayList<>(Arrays.asList(chain));
        if (path.size() > 1 && isSelfIssued(path.get(path.size() - 1))) {
            path.remove(path.size() - 1);
        }
        return path;
    }

    private static Set<TrustAnchor> selfIssuedTop(X509Certificate[] chain) {
        X509Certificate top = chain[chain.length - 1];
        return isSelfIssued(top) ? Set.of(new TrustAnchor(top, null)) : Set.of();
    }

    private static boolean isSelfIssued(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    /**
     * A time inside every certificate's validity, so that the rest of the validation runs on a chain whose only
     * fault is its dates; {@code now} when the periods do not overlap.
     */
    private static Date dateInsideAll(X509Certificate[] chain, Date now) {
        Date latestStart = chain[0].getNotBefore();
        Date earliestEnd = chain[0].getNotAfter();
        for (X509Certificate certificate : chain) {
            latestStart = certificate.getNotBefore().after(latestStart) ? certificate.getNotBefore() : latestStart;
            earliestEnd = certificate.getNotAfter().before(earliestEnd) ? certificate.getNotAfter() : earliestEnd;
        }
        return latestStart.after(earliestEnd) ? now : latestStart;
    }
}
