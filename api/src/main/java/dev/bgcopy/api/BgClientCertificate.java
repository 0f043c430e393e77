package dev.bgcopy.api;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The four out-values of {@code IBackgroundCopyJobHttpOptions::GetClientCertificate} (docs/contract.md §4.12):
 * where the job's client certificate lives and which one it is.
 *
 * @param storeLocation {@code pStoreLocation}
 * @param storeName {@code pStoreName}, such as {@code MY}
 * @param certHash {@code ppCertHashBlob}: the certificate's 20-byte SHA-1 thumbprint
 * @param subjectName {@code pSubjectName}: the simple subject name, possibly empty
 */
public record BgClientCertificate(BgCertStoreLocation storeLocation, String storeName, byte[] certHash, String subjectName) {

    /** The thumbprint's length: a SHA-1 hash. */
    public static final int HASH_LENGTH = 20;

    /** Copies the hash. */
    public BgClientCertificate {
        Objects.requireNonNull(storeLocation, "storeLocation");
        Objects.requireNonNull(storeName, "storeName");
        certHash = certHash.clone();
        subjectName = subjectName == null ? "" : subjectName;
    }

    /** A copy of the thumbprint. */
    @Override
    public byte[] certHash() {
        return certHash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BgClientCertificate c && storeLocation == c.storeLocation && storeName.equals(c.storeName)
                && Arrays.equals(certHash, c.certHash) && subjectName.equals(c.subjectName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(storeLocation, storeName, Arrays.hashCode(certHash), subjectName);
    }

    @Override
    public String toString() {
        return "BgClientCertificate[" + storeLocation + "\\" + storeName + ", sha1=" + HexFormat.of().formatHex(certHash)
                + ", subject=" + subjectName + "]";
    }
}
