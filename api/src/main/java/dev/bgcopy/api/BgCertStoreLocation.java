package dev.bgcopy.api;

import java.util.Optional;

/**
 * {@code BG_CERT_STORE_LOCATION} (docs/contract.md §6.11): the system store location of a client certificate
 * ({@link IBackgroundCopyJobHttpOptions#setClientCertificateByID}). Outside Windows the simulator maps a
 * location and store name to a directory of PKCS#12 files (§4.12).
 */
public enum BgCertStoreLocation implements NativeEnum {
    /** {@code BG_CERT_STORE_LOCATION_CURRENT_USER} (0). */
    CURRENT_USER(0),
    /** {@code BG_CERT_STORE_LOCATION_LOCAL_MACHINE} (1). */
    LOCAL_MACHINE(1),
    /** {@code BG_CERT_STORE_LOCATION_CURRENT_SERVICE} (2). */
    CURRENT_SERVICE(2),
    /** {@code BG_CERT_STORE_LOCATION_SERVICES} (3). */
    SERVICES(3),
    /** {@code BG_CERT_STORE_LOCATION_USERS} (4). */
    USERS(4),
    /** {@code BG_CERT_STORE_LOCATION_CURRENT_USER_GROUP_POLICY} (5). */
    CURRENT_USER_GROUP_POLICY(5),
    /** {@code BG_CERT_STORE_LOCATION_LOCAL_MACHINE_GROUP_POLICY} (6). */
    LOCAL_MACHINE_GROUP_POLICY(6),
    /** {@code BG_CERT_STORE_LOCATION_LOCAL_MACHINE_ENTERPRISE} (7). */
    LOCAL_MACHINE_ENTERPRISE(7);

    private final int nativeValue;

    BgCertStoreLocation(int nativeValue) {
        this.nativeValue = nativeValue;
    }

    @Override
    public int nativeValue() {
        return nativeValue;
    }

    /** The location with native value {@code value}, if any. */
    public static Optional<BgCertStoreLocation> fromNative(int value) {
        return NativeEnum.find(BgCertStoreLocation.class, value);
    }
}
