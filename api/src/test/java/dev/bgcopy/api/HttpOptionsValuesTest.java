package dev.bgcopy.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The IBackgroundCopyJob2 / IBackgroundCopyJobHttpOptions values of docs/contract.md §6.11. */
class HttpOptionsValuesTest {

    @Test
    void securityFlagsRoundTripEveryDefinedMaskAndRefuseTheRest() {
        int defined = 0;
        for (int mask = 0; mask <= 0xFFFF; mask++) {
            var flags = BgSecurityFlags.fromMask(mask);
            boolean known = (mask & ~0x0F1F) == 0 && (mask & 0x0700) <= 0x0200;
            assertThat(flags.isPresent()).as("0x%04X", mask).isEqualTo(known);
            if (flags.isPresent()) {
                defined++;
                assertThat(flags.get().toMask()).as("0x%04X", mask).isEqualTo(mask);
            }
        }
        assertThat(defined).as("32 SSL combinations x 3 policies x https-to-http").isEqualTo(32 * 3 * 2);
        assertThat(BgSecurityFlags.fromMask(0x8000_0000)).isEmpty();
        assertThat(BgSecurityFlags.DEFAULT.toMask()).isZero();
        assertThat(new BgSecurityFlags(EnumSet.of(BgSslFlag.IGNORE_UNKNOWN_CA), BgHttpRedirectPolicy.DISALLOW, true).toMask())
                .isEqualTo(0x0A08);
    }

    @Test
    void passwordNeverInTextAndClearable() {
        char[] password = "hunter2-\u00e9".toCharArray();
        BgAuthCredentials credentials = BgAuthCredentials.of(BgAuthTarget.PROXY, BgAuthScheme.DIGEST, "bob", password);
        password[0] = 'X';
        assertThat(credentials.basic().password()).as("a copy was kept").containsExactly("hunter2-\u00e9".toCharArray());
        assertThat(credentials.toString()).contains("bob").contains("PROXY").doesNotContain("hunter2");
        assertThat(credentials).isEqualTo(BgAuthCredentials.of(BgAuthTarget.PROXY, BgAuthScheme.DIGEST, "bob",
                "hunter2-\u00e9".toCharArray()));
        credentials.basic().clear();
        assertThat(credentials.basic().password()).containsOnly('\0');
        assertThat(new BgBasicCredentials(null, null).toString()).contains("password=null");
    }

    @Test
    void notifyCmdLineReadsNullAsEmpty() {
        assertThat(new BgNotifyCmdLine(null, null)).isEqualTo(BgNotifyCmdLine.NONE);
        assertThat(BgNotifyCmdLine.NONE.isSet()).isFalse();
    }
}
