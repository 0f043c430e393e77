package dev.bgcopy.api;

/**
 * {@code BITS_FILE_PROPERTY_ID} (bits5_0.h; docs/contract.md §6.13): which property {@link IBackgroundCopyFile5} reads.
 * A value class, so that an id the service does not know can be passed (R216).
 *
 * @param nativeValue the native enumeration value
 */
public record BitsFilePropertyId(int nativeValue) {

    /**
     * {@code BITS_FILE_PROPERTY_ID_HTTP_RESPONSE_HEADERS} (1): the full headers of the server's last HTTP response
     * for the file ({@code BITS_FILE_PROPERTY_VALUE.String}).
     */
    public static final BitsFilePropertyId HTTP_RESPONSE_HEADERS = new BitsFilePropertyId(1);

    @Override
    public String toString() {
        return nativeValue == 1 ? "HTTP_RESPONSE_HEADERS" : "BITS_FILE_PROPERTY_ID(" + nativeValue + ")";
    }
}
