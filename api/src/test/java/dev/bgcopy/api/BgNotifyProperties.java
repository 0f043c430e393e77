package dev.bgcopy.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class BgNotifyProperties {

    @Example
    void everyValidMaskRoundTripsThroughTheSet() {
        for (int mask = 0; mask <= BgNotify.VALID_MASK; mask++) {
            Set<BgNotify> flags = BgNotify.fromMask(mask);
            assertThat(BgNotify.toMask(flags)).as("mask 0x%02X", mask).isEqualTo(mask);
            assertThat(flags).hasSize(Integer.bitCount(mask));
        }
    }

    @Property
    void everySetRoundTripsThroughTheMask(@ForAll Set<BgNotify> flags) {
        assertThat(BgNotify.fromMask(BgNotify.toMask(flags))).isEqualTo(flags.isEmpty() ? EnumSet.noneOf(BgNotify.class) : EnumSet.copyOf(flags));
    }

    @Property
    void bitsOutsideTheValidMaskAreIgnored(@ForAll int mask) {
        assertThat(BgNotify.toMask(BgNotify.fromMask(mask))).isEqualTo(mask & BgNotify.VALID_MASK);
    }

    @Example
    void flagValuesAreTheContractTable() {
        assertThat(Map.of(
                BgNotify.JOB_TRANSFERRED, 0x01, BgNotify.JOB_ERROR, 0x02, BgNotify.DISABLE, 0x04,
                BgNotify.JOB_MODIFICATION, 0x08, BgNotify.FILE_TRANSFERRED, 0x10, BgNotify.FILE_RANGES_TRANSFERRED, 0x20))
                .allSatisfy((flag, value) -> assertThat(flag.nativeValue()).as(flag.name()).isEqualTo(value))
                .hasSameSizeAs(BgNotify.values());
        assertThat(BgNotify.fromMask(BgNotify.DEFAULT_MASK)).containsExactly(BgNotify.JOB_TRANSFERRED, BgNotify.JOB_ERROR);
    }
}
