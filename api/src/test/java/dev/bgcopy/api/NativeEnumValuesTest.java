package dev.bgcopy.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every enum's native numbers equal the tables of docs/contract.md §6.5, and lookups invert them. */
class NativeEnumValuesTest {

    static Stream<Arguments> contractTables() {
        return Stream.of(
                table(BgJobState.class, "QUEUED", 0, "CONNECTING", 1, "TRANSFERRING", 2, "SUSPENDED", 3, "ERROR", 4,
                        "TRANSIENT_ERROR", 5, "TRANSFERRED", 6, "ACKNOWLEDGED", 7, "CANCELLED", 8),
                table(BgJobPriority.class, "FOREGROUND", 0, "HIGH", 1, "NORMAL", 2, "LOW", 3),
                table(BgJobType.class, "DOWNLOAD", 0, "UPLOAD", 1, "UPLOAD_REPLY", 2),
                table(BgErrorContext.class, "NONE", 0, "UNKNOWN", 1, "GENERAL_QUEUE_MANAGER", 2, "QUEUE_MANAGER_NOTIFICATION", 3,
                        "LOCAL_FILE", 4, "REMOTE_FILE", 5, "GENERAL_TRANSPORT", 6, "REMOTE_APPLICATION", 7,
                        "SERVER_CERTIFICATE_CALLBACK", 8),
                table(BgJobProxyUsage.class, "PRECONFIG", 0, "NO_PROXY", 1, "OVERRIDE", 2, "AUTODETECT", 3),
                table(DoFilePropertyId.class, "DECRYPTION_INFO", 0, "INTEGRITY_CHECK_INFO", 1, "INTEGRITY_CHECK_MANDATORY", 2,
                        "DOWNLOAD_SINK_INTERFACE", 3, "DOWNLOAD_SINK_FILE_PATH", 4, "DOWNLOAD_SINK_MEMORY_STREAM", 5, "TOTAL_SIZE_BYTES", 6),
                table(DoJobPropertyId.class, "EXTENDED_ERROR_INFO", 0),
                table(DoSwarmStats.DownloadMode.class, "CDN_ONLY", 0, "LAN", 1, "GROUP", 2, "INTERNET", 3, "SIMPLE", 99, "BYPASS", 100),
                table(DoSwarmStats.SwarmStatus.class, "DOWNLOADING", 0, "COMPLETE", 1, "CACHING", 2, "PAUSED", 3),
                table(BgAuthTarget.class, "SERVER", 1, "PROXY", 2),
                table(BgAuthScheme.class, "BASIC", 1, "DIGEST", 2, "NTLM", 3, "NEGOTIATE", 4, "PASSPORT", 5),
                table(BgCertStoreLocation.class, "CURRENT_USER", 0, "LOCAL_MACHINE", 1, "CURRENT_SERVICE", 2, "SERVICES", 3,
                        "USERS", 4, "CURRENT_USER_GROUP_POLICY", 5, "LOCAL_MACHINE_GROUP_POLICY", 6, "LOCAL_MACHINE_ENTERPRISE", 7),
                table(BgSslFlag.class, "ENABLE_CRL_CHECK", 0x1, "IGNORE_CERT_CN_INVALID", 0x2, "IGNORE_CERT_DATE_INVALID", 0x4,
                        "IGNORE_UNKNOWN_CA", 0x8, "IGNORE_CERT_WRONG_USAGE", 0x10),
                table(BgHttpRedirectPolicy.class, "ALLOW_SILENT", 0, "ALLOW_REPORT", 0x100, "DISALLOW", 0x200));
    }

    private static Arguments table(Class<? extends Enum<?>> type, Object... nameValuePairs) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            expected.put((String) nameValuePairs[i], (Integer) nameValuePairs[i + 1]);
        }
        return Arguments.of(type.getSimpleName(), type, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractTables")
    <E extends Enum<E> & NativeEnum> void nativeValuesAreTheContractTable(String name, Class<E> type, Map<String, Integer> expected) {
        Map<String, Integer> actual = new LinkedHashMap<>();
        Arrays.stream(type.getEnumConstants()).forEach(c -> actual.put(c.name(), c.nativeValue()));
        assertThat(actual).containsExactlyEntriesOf(expected);
        for (E constant : type.getEnumConstants()) {
            assertThat(NativeEnum.find(type, constant.nativeValue())).contains(constant);
        }
        assertThat(NativeEnum.find(type, 12345)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void typedLookupsAndTerminalStates() {
        assertThat(BgJobState.fromNative(5)).contains(BgJobState.TRANSIENT_ERROR);
        assertThat(BgJobState.fromNative(9)).isEmpty();
        assertThat(BgJobPriority.fromNative(4)).isEmpty();
        assertThat(BgJobType.fromNative(0)).contains(BgJobType.DOWNLOAD);
        assertThat(BgErrorContext.fromNative(5)).contains(BgErrorContext.REMOTE_FILE);
        assertThat(BgJobProxyUsage.fromNative(2)).contains(BgJobProxyUsage.OVERRIDE);
        assertThat(Arrays.stream(BgJobState.values()).filter(BgJobState::isTerminal))
                .containsExactly(BgJobState.ACKNOWLEDGED, BgJobState.CANCELLED);
        assertThat(DoFilePropertyId.DECRYPTION_INFO.isWriteOnly()).isTrue();
        assertThat(DoFilePropertyId.TOTAL_SIZE_BYTES.valueType()).isEqualTo(Long.class);
    }
}
