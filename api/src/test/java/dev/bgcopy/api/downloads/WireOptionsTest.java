package dev.bgcopy.api.downloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgAuthScheme;
import dev.bgcopy.api.BgAuthTarget;
import dev.bgcopy.api.BgHttpRedirectPolicy;
import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgSecurityFlags;
import dev.bgcopy.api.BgSslFlag;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.HttpHeader;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link WireOptions} and {@link HttpHeader}: the checks, the feature gate, and that no secret is ever shown. */
class WireOptionsTest {

    @Test
    void headers_followSetCustomHeadersRule_andNoMessageHoldsTheValue() {
        assertThat(HttpHeader.parse("X-Api-Key:  k-123 ")).isEqualTo(new HttpHeader("X-Api-Key", "k-123"));
        assertThat(HttpHeader.parse("Empty:")).isEqualTo(new HttpHeader("Empty", ""));
        assertThatThrownBy(() -> HttpHeader.parse("X-Api-Key k-123")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a custom header must be 'Name: value' with a token name");
        assertThatThrownBy(() -> HttpHeader.parse("Bad Name: k-123")).hasMessageNotContaining("k-123");
        assertThatThrownBy(() -> HttpHeader.parse(": k-123")).hasMessageNotContaining("k-123");
        assertThatThrownBy(() -> HttpHeader.parse("X-Api-Key: k-123\r\nX-Injected: 1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'X-Api-Key'").hasMessageNotContaining("k-123");
        assertThatThrownBy(() -> new HttpHeader("X", "a\u0000b")).hasMessageContaining("control character");
        assertThat(new HttpHeader("X-Api-Key", "k-123").toString()).contains("X-Api-Key").doesNotContain("k-123");
        assertThat(HttpHeader.parseAll("A: 1\r\nB: 2")).containsExactly(new HttpHeader("A", "1"), new HttpHeader("B", "2"));
        assertThatThrownBy(() -> HttpHeader.parseAll("A: 1\nB: 2")).hasMessageContaining("custom header 'A' holds a CR, LF");
        assertThatThrownBy(() -> HttpHeader.parseAll("A: 1\r\nno colon")).hasMessageContaining("line 2");
        assertThat(HttpHeader.toCustomHeaders(List.of(new HttpHeader("A", "1"), new HttpHeader("B", "2"))))
                .isEqualTo("A: 1\r\nB: 2\r\n");
    }

    @Test
    void headersOverSetCustomHeadersLimit_areRefusedWhenAdded() {
        WireOptions.Builder builder = WireOptions.builder();
        String value = "v".repeat(IBackgroundCopyJobHttpOptions.MAX_CUSTOM_HEADERS - "X-A: \r\n".length());
        builder.header("X-A", value);
        assertThatThrownBy(() -> builder.header("X-B", "1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16383");
        assertThat(builder.build().headers()).hasSize(1);
    }

    @Test
    void credentials_needAUserAndAPasswordForBasicAndDigest_andAreCopied() {
        assertThatThrownBy(() -> WireOptions.builder().credentials(BgAuthTarget.SERVER, BgAuthScheme.BASIC, "alice", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need a user name and a password");
        assertThatThrownBy(() -> WireOptions.builder().credentials(BgAuthTarget.PROXY, BgAuthScheme.DIGEST, "", new char[1]))
                .isInstanceOf(IllegalArgumentException.class);
        WireOptions.builder().credentials(BgAuthTarget.SERVER, BgAuthScheme.NEGOTIATE, null, null);

        char[] password = "s3cret".toCharArray();
        WireOptions wire = WireOptions.builder().credentials(BgAuthTarget.PROXY, BgAuthScheme.BASIC, "alice", password).build();
        java.util.Arrays.fill(password, 'x');
        assertThat(wire.toString()).contains("PROXY BASIC user alice").doesNotContain("s3cret").doesNotContain("xxxxxx");
        assertThat(wire.credentialsSummary()).containsExactly("PROXY BASIC user alice");
    }

    @Test
    void securityFlags_combineTheTlsFlagsAndTheRedirectPolicy_defaultsStandingInForThePartNotGiven() {
        assertThat(WireOptions.builder().build().securityFlags()).isEmpty();
        assertThat(WireOptions.builder().tlsFlags(Set.of(BgSslFlag.IGNORE_UNKNOWN_CA)).build().securityFlags())
                .contains(new BgSecurityFlags(Set.of(BgSslFlag.IGNORE_UNKNOWN_CA), BgHttpRedirectPolicy.ALLOW_SILENT, false));
        assertThat(WireOptions.builder().redirectPolicy(BgHttpRedirectPolicy.DISALLOW, true).build().securityFlags()
                .map(BgSecurityFlags::toMask)).contains(0x0200 | 0x0800);
    }

    @Test
    void checkSupportedBy_refusesWhatTheServiceLacks_withTheNativeHresult() {
        Set<Feature> doFeatures = EnumSet.of(Feature.ADD_FILE_WITH_RANGES, Feature.DO_EXTENSIONS, Feature.CALLBACKS);
        Set<Feature> bitsFeatures = EnumSet.of(Feature.BITS_METHODS, Feature.HTTP_OPTIONS, Feature.CALLBACKS);
        WireOptions none = WireOptions.NONE;
        none.checkSupportedBy("windows-do", doFeatures);
        assertThat(none.isEmpty()).isTrue();

        WireOptions headers = WireOptions.builder().header("X-A", "1").build();
        headers.checkSupportedBy("windows-bits", bitsFeatures);
        assertThatThrownBy(() -> headers.checkSupportedBy("windows-do", doFeatures))
                .isInstanceOfSatisfying(BackgroundCopyException.class, e -> {
                    assertThat(e.hresult()).isEqualTo(HResult.E_NOINTERFACE);
                    assertThat(e.getMessage()).contains("windows-do").contains("custom headers");
                });
        WireOptions proxy = WireOptions.builder().proxy(BgJobProxyUsage.NO_PROXY, null, null).build();
        assertThatThrownBy(() -> proxy.checkSupportedBy("windows-do", doFeatures))
                .isInstanceOfSatisfying(BackgroundCopyException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.E_NOTIMPL));
    }

    @Test
    void clearedPasswords_zeroTheCopies_andTheOptionsCannotBeAppliedAgain() {
        WireOptions wire = WireOptions.builder()
                .credentials(BgAuthTarget.SERVER, BgAuthScheme.BASIC, "alice", "s3cret".toCharArray()).build();
        WireOptions copy = wire.toBuilder().build();
        wire.clearPasswords();
        assertThatThrownBy(() -> wire.checkSupportedBy("simulator", EnumSet.allOf(Feature.class)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(wire::toBuilder).isInstanceOf(IllegalStateException.class);
        copy.checkSupportedBy("simulator", EnumSet.allOf(Feature.class));
    }
}
