package dev.bgcopy.api;

/**
 * {@code DOFilePropertyId}, the properties of {@link IDeliveryOptimizationFile2} (docs/contract.md §6.5). The
 * Java value types stand for the VARIANT types: {@code VT_BSTR} is {@link String}, {@code VT_BOOL}
 * is {@link Boolean}, {@code VT_UI8} is {@link Long} (raw unsigned bits).
 */
public enum DoFilePropertyId implements NativeEnum {
    /** {@code DOFilePropertyId_DecryptionInfo} (0): VT_BSTR JSON text, write-only. */
    DECRYPTION_INFO(0, String.class),
    /** {@code DOFilePropertyId_IntegrityCheckInfo} (1): VT_BSTR piece-hash-file location, write-only. */
    INTEGRITY_CHECK_INFO(1, String.class),
    /** {@code DOFilePropertyId_IntegrityCheckMandatory} (2): VT_BOOL, read/write. */
    INTEGRITY_CHECK_MANDATORY(2, Boolean.class),
    /** {@code DOFilePropertyId_DownloadSinkInterface} (3): an object sink (undocumented). */
    DOWNLOAD_SINK_INTERFACE(3, Object.class),
    /** {@code DOFilePropertyId_DownloadSinkFilePath} (4): VT_BSTR, the fully qualified destination. */
    DOWNLOAD_SINK_FILE_PATH(4, String.class),
    /** {@code DOFilePropertyId_DownloadSinkMemoryStream} (5): deprecated; refused. */
    DOWNLOAD_SINK_MEMORY_STREAM(5, Object.class),
    /** {@code DOFilePropertyId_TotalSizeBytes} (6): VT_UI8. */
    TOTAL_SIZE_BYTES(6, Long.class);

    private final int nativeValue;
    private final Class<?> valueType;

    DoFilePropertyId(int nativeValue, Class<?> valueType) {
        this.nativeValue = nativeValue;
        this.valueType = valueType;
    }

    @Override
    public int nativeValue() {
        return nativeValue;
    }

    /** The Java type of this property's value. */
    public Class<?> valueType() {
        return valueType;
    }

    /** Whether GetProperty refuses this property with {@code DO_E_WRITE_ONLY_PROPERTY}. */
    public boolean isWriteOnly() {
        return this == DECRYPTION_INFO || this == INTEGRITY_CHECK_INFO;
    }
}
