package dev.bgcopy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class HResultProperties {

    @Property
    void ofKeepsEveryValue(@ForAll int value) {
        assertThat(HResult.of(value).value()).isEqualTo(value);
    }

    @Property
    void hexIsEightUpperCaseDigitsOfTheUnsignedValue(@ForAll int value) {
        String hex = HResult.of(value).hex();
        assertThat(hex).matches("0x[0-9A-F]{8}");
        assertThat(Integer.parseUnsignedInt(hex.substring(2), 16)).isEqualTo(value);
    }

    @Property
    void successIsTheSignBit(@ForAll int value) {
        HResult hr = HResult.of(value);
        assertThat(hr.isSuccess()).isEqualTo(value >= 0);
        assertThat(hr.isFailure()).isNotEqualTo(hr.isSuccess());
    }

    @Property
    void facilityAndCodeRebuildTheValue(@ForAll int value) {
        HResult hr = HResult.of(value);
        int rebuilt = (value & 0xE000_0000) | (hr.facility() << 16) | hr.code();
        assertThat(rebuilt).isEqualTo(value);
    }

    @Property
    void toStringIsNameAndHexOrHexAlone(@ForAll int value) {
        HResult hr = HResult.of(value);
        String expected = hr.name().map(n -> n + " (" + hr.hex() + ")").orElse(hr.hex());
        assertThat(hr).hasToString(expected);
    }

    @Example
    void ofReturnsTheNamedConstant() {
        for (HResult named : HResult.namedConstants().values()) {
            assertThat(HResult.of(named.value())).isSameAs(named);
        }
    }

    @Example
    void printsTheContractStyle() {
        assertThat(HResult.of(0x80D02013)).hasToString("DO_E_INVALID_STATE (0x80D02013)");
        assertThat(HResult.of(0x80200002)).hasToString("BG_E_INVALID_STATE (0x80200002)");
        assertThat(HResult.S_FALSE).hasToString("S_FALSE (0x00000001)");
        assertThat(HResult.of(0x12345678)).hasToString("0x12345678");
    }

    @Example
    void sharedValuesPrintTheFirstName() {
        assertThat(HResult.fromWin32(5)).isSameAs(HResult.E_ACCESSDENIED);
        assertThat(HResult.fromHttpStatus(403)).hasToString("BG_E_HTTP_ERROR_403 (0x80190193)");
    }

    @Example
    void fromWin32FollowsTheMacro() {
        assertThat(HResult.fromWin32(0)).isEqualTo(HResult.S_OK);
        assertThat(HResult.fromWin32(2).value()).isEqualTo(0x80070002);
        assertThat(HResult.fromWin32(3).value()).isEqualTo(0x80070003);
        assertThat(HResult.fromWin32(1168)).isEqualTo(HResult.E_NOT_SET);
        assertThat(HResult.fromWin32(0x80004005).value()).isEqualTo(0x80004005);
    }

    @Property
    void fromWin32OfPositiveErrorsIsFacilityWin32(@ForAll @IntRange(min = 1, max = 0xFFFF) int error) {
        HResult hr = HResult.fromWin32(error);
        assertThat(hr.isFailure()).isTrue();
        assertThat(hr.facility()).isEqualTo(HResult.FACILITY_WIN32);
        assertThat(hr.code()).isEqualTo(error);
    }

    @Property
    void httpStatusRoundTrips(@ForAll @IntRange(min = 100, max = 599) int status) {
        HResult hr = HResult.fromHttpStatus(status);
        assertThat(hr.value()).isEqualTo(0x80190000 + status);
        assertThat(hr.httpStatus()).contains(status);
        assertThat(hr.name()).contains("BG_E_HTTP_ERROR_" + status);
    }

    @Example
    void httpStatusOutsideTheRangeIsRefused() {
        assertThatThrownBy(() -> HResult.fromHttpStatus(99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HResult.fromHttpStatus(600)).isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void doTransientErrorsAreTheBlockedCodes() {
        assertThat(HResult.DO_E_BLOCKED_BY_NO_NETWORK.isDeliveryOptimizationTransient()).isTrue();
        assertThat(HResult.DO_E_BLOCKED_BY_COST_TRANSFER_POLICY.isDeliveryOptimizationTransient()).isTrue();
        assertThat(HResult.DO_E_BLOCKED_BY_CRITICAL_MEMORY_USAGE.isDeliveryOptimizationTransient()).isTrue();
        assertThat(HResult.DO_E_INVALID_STATE.isDeliveryOptimizationTransient()).isFalse();
        assertThat(HResult.DO_E_HTTP_BLOCKSIZE_MISMATCH.isDeliveryOptimizationTransient()).isFalse();
        assertThat(HResult.BG_E_NETWORK_DISCONNECTED.isDeliveryOptimizationTransient()).isFalse();
    }

    @Example
    void dialectsMapEverySemanticErrorAsContractSection74() {
        Map<SemanticError, int[]> table = Map.ofEntries(
                Map.entry(SemanticError.INVALID_STATE, new int[] {0x80D02013, 0x80200002}),
                Map.entry(SemanticError.EMPTY, new int[] {0x80D02004, 0x80200003}),
                Map.entry(SemanticError.NOT_FOUND, new int[] {0x80D02003, 0x80200001}),
                Map.entry(SemanticError.NO_ERROR_INFO, new int[] {0x80D02014, 0x8020000F}),
                Map.entry(SemanticError.FILE_NOT_AVAILABLE, new int[] {0x80D02010, 0x80200004}),
                Map.entry(SemanticError.INVALID_RANGE, new int[] {0x80D05010, 0x8020002B}),
                Map.entry(SemanticError.OVERLAPPING_RANGES, new int[] {0x80D05012, 0x8020002C}),
                Map.entry(SemanticError.RANGE_UNSUPPORTED, new int[] {0x80D05011, 0x80200013}),
                Map.entry(SemanticError.NETWORK_DOWN, new int[] {0x80D03805, 0x80200010}),
                Map.entry(SemanticError.UNKNOWN_PROPERTY_ID, new int[] {0x80D02011, 0x80200057}),
                Map.entry(SemanticError.READ_ONLY_PROPERTY, new int[] {0x80D02012, 0x80200058}),
                Map.entry(SemanticError.BLOCKED_BY_COST, new int[] {0x80D03801, 0x80200059}));
        assertThat(table).hasSameSizeAs(SemanticError.values());
        table.forEach((error, codes) -> {
            assertThat(Dialect.DO.code(error).value()).as("%s in DO", error).isEqualTo(codes[0]);
            assertThat(Dialect.BITS.code(error).value()).as("%s in BITS", error).isEqualTo(codes[1]);
            assertThat(error.matches(HResult.of(codes[0]))).isTrue();
            assertThat(error.matches(HResult.of(codes[1]))).isTrue();
        });
        assertThat(SemanticError.INVALID_STATE.matches(HResult.E_FAIL)).isFalse();
        assertThat(SemanticError.OVERLAPPING_RANGES.matches(HResult.DO_E_INVALID_RANGE)).isTrue();
        assertThat(SemanticError.INVALID_RANGE.matches(HResult.DO_E_OVERLAPPING_RANGES)).isFalse();
    }
}
