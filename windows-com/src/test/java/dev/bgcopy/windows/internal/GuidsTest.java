package dev.bgcopy.windows.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;

import java.util.UUID;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The GUID memory layout of docs/contract.md §2: Data1/2/3 little-endian, Data4 in text order. */
class GuidsTest {

    @Test
    void iidIBackgroundCopyJob_hasTheNativeByteOrder() {
        // 37668D37-507E-4160-9316-26306D150B12
        byte[] expected = {0x37, (byte) 0x8D, 0x66, 0x37, 0x7E, 0x50, 0x60, 0x41,
                (byte) 0x93, 0x16, 0x26, 0x30, 0x6D, 0x15, 0x0B, 0x12};
        assertThat(Guids.toBytes(Guids.IID_IBACKGROUND_COPY_JOB)).containsExactly(expected);
        assertThat(Guids.fromBytes(expected)).isEqualTo(Guids.IID_IBACKGROUND_COPY_JOB);
    }

    @Test
    void iidIUnknown_hasTheNativeByteOrder() {
        byte[] expected = {0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xC0, 0, 0, 0, 0, 0, 0, 0x46};
        assertThat(Guids.toBytes(Guids.IID_IUNKNOWN)).containsExactly(expected);
    }

    @Test
    void aGuidHasSixteenBytes() {
        assertThatThrownBy(() -> Guids.fromBytes(new byte[15])).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void roundTripsThroughNativeMemory(@ForAll long msb, @ForAll long lsb) {
        UUID uuid = new UUID(msb, lsb);
        Memory m = Guids.toNative(uuid);
        assertThat(Guids.read(m)).isEqualTo(uuid);
        assertThat(m.getInt(0)).isEqualTo((int) (msb >>> 32));
        assertThat(m.getShort(4)).isEqualTo((short) (msb >>> 16));
        assertThat(m.getShort(6)).isEqualTo((short) msb);
        assertThat(m.getByte(8)).isEqualTo((byte) (lsb >>> 56));
        assertThat(m.getByte(15)).isEqualTo((byte) lsb);
    }
}
