package dev.bgcopy.windows.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgFileProgress;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.BgAuthTarget;
import dev.bgcopy.api.BitsJobPropertyId;
import dev.bgcopy.api.BitsJobPropertyValue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Strings, FILETIMEs, structs, VARIANTs and HRESULTs across the native boundary. */
class MarshallingTest {

    /** Each member of BITS_JOB_PROPERTY_VALUE at offset 0 of 16 bytes, read back by the id that uses it. */
    @Test
    void jobPropertyValuesCrossAsTheUnionMemberTheirIdUses() {
        UUID clsid = UUID.fromString("0F2A9C3E-5B8D-4E61-9A7C-2D4B6E8F1A3C");
        List<Object[]> cases = List.of(
                new Object[] {BitsJobPropertyId.COST_FLAGS, new BitsJobPropertyValue.Dword(0x800000FF)},
                new Object[] {BitsJobPropertyId.NOTIFICATION_CLSID, new BitsJobPropertyValue.ClsId(clsid)},
                new Object[] {BitsJobPropertyId.DYNAMIC_CONTENT, new BitsJobPropertyValue.Enable(true)},
                new Object[] {BitsJobPropertyId.MAX_DOWNLOAD_SIZE, new BitsJobPropertyValue.Uint64(-2L)},
                new Object[] {BitsJobPropertyId.USE_STORED_CREDENTIALS, new BitsJobPropertyValue.Target(BgAuthTarget.PROXY)},
                new Object[] {BitsJobPropertyId.USE_STORED_CREDENTIALS, new BitsJobPropertyValue.Target(null)});
        for (Object[] c : cases) {
            BitsJobPropertyId id = (BitsJobPropertyId) c[0];
            BitsJobPropertyValue value = (BitsJobPropertyValue) c[1];
            Object[] args = Structs.JobPropertyValue.byValueArguments(value);
            com.sun.jna.Pointer union = Structs.JobPropertyValue.fromByValueArguments(args, 0);
            assertThat(Structs.JobPropertyValue.read(union, id)).as("%s", value).isEqualTo(value);
            // x64 passes a pointer to a copy; x86 pushes the 16 bytes, which two UINT64 arguments reproduce in order.
            Object[] x64 = Structs.JobPropertyValue.byValueArguments(value, true);
            Object[] x86 = Structs.JobPropertyValue.byValueArguments(value, false);
            assertThat(x64).hasSize(1);
            assertThat(x86).hasSize(2);
            Memory stack = new Memory(Structs.JobPropertyValue.SIZE);
            stack.setLong(0, (Long) x86[0]);
            stack.setLong(8, (Long) x86[1]);
            assertThat(stack.getByteArray(0, 16)).as("x86 stack image of %s", value)
                    .containsExactly(((com.sun.jna.Pointer) x64[0]).getByteArray(0, 16));
            assertThat(Structs.JobPropertyValue.read(Structs.JobPropertyValue.fromByValueArguments(x86, 0, false), id))
                    .as("%s read back from the x86 arguments", value).isEqualTo(value);
        }
        Memory m = new Memory(Structs.JobPropertyValue.SIZE);
        Structs.JobPropertyValue.write(m, new BitsJobPropertyValue.Enable(true));
        assertThat(m.getInt(0)).as("TRUE").isEqualTo(1);
        assertThat(m.getLong(8)).as("the unused bytes are zero").isZero();
        Structs.JobPropertyValue.write(m, new BitsJobPropertyValue.ClsId(clsid));
        assertThat(m.getByteArray(0, 16)).containsExactly(Guids.toBytes(clsid));
        assertThat(Structs.JobPropertyValue.read(m, new BitsJobPropertyId(6))).as("an id without a member reads the DWORD")
                .isEqualTo(new BitsJobPropertyValue.Dword(m.getInt(0)));
    }

    @Property
    void wideStringsAreUtf16WithATerminator(@ForAll String s) {
        Memory m = Wide.toNative(s);
        assertThat(m.size()).isEqualTo(2L * s.length() + 2);
        assertThat(m.getShort(2L * s.length())).isZero();
        if (s.indexOf('\0') < 0) {
            assertThat(Wide.read(m)).isEqualTo(s);
        }
    }

    @Test
    void wideStringsKeepSurrogatePairs() {
        String s = "naïve \uD83D\uDE00 日本";
        Memory m = Wide.toNative(s);
        assertThat(m.getChar(0)).isEqualTo('n');
        assertThat(m.getShort(2L * 6)).isEqualTo((short) 0xD83D);
        assertThat(Wide.read(m)).isEqualTo(s);
        assertThat(Wide.toNative(null)).isNull();
        assertThat(Wide.read(null)).isNull();
    }

    @Property
    void fileTimesRoundTripThroughBgJobTimes(@ForAll long creation, @ForAll long modification, @ForAll long done) {
        Structs.JobTimes t = new Structs.JobTimes();
        t.set(BgJobTimes.ofFileTimes(creation, modification, done));
        t.write();
        Structs.JobTimes read = new Structs.JobTimes(t.getPointer());
        read.read();
        assertThat(read.getPointer().getInt(0)).isEqualTo((int) creation);
        assertThat(read.getPointer().getInt(4)).isEqualTo((int) (creation >>> 32));
        assertThat(read.toRecord().creationFileTime()).isEqualTo(creation);
        assertThat(read.toRecord().modificationFileTime()).isEqualTo(modification);
        assertThat(read.toRecord().transferCompletionFileTime()).isEqualTo(done);
    }

    @Test
    void fileTimeOfTheUnixEpoch() {
        Structs.FileTime ft = new Structs.FileTime();
        ft.setTicks(116_444_736_000_000_000L);
        assertThat(BgJobTimes.instantOf(ft.ticks())).isEqualTo(Instant.EPOCH);
    }

    @Property
    void progressKeepsUnsignedBits(@ForAll long total, @ForAll long done, @ForAll int files, @ForAll int filesDone) {
        Structs.JobProgress p = new Structs.JobProgress();
        p.BytesTotal = total;
        p.BytesTransferred = done;
        p.FilesTotal = files;
        p.FilesTransferred = filesDone;
        BgJobProgress r = p.toRecord();
        assertThat(r.bytesTotal()).isEqualTo(total);
        assertThat(r.filesTotal()).isEqualTo(Integer.toUnsignedLong(files));
        Structs.JobProgress back = new Structs.JobProgress();
        back.set(r);
        assertThat(back.FilesTransferred).isEqualTo(filesDone);
    }

    @Test
    void fileProgressBoolIsAnyNonZero() {
        Structs.FileProgress p = new Structs.FileProgress();
        p.Completed = 7;
        assertThat(p.toRecord().completed()).isTrue();
        p.set(new BgFileProgress(-1L, 0, true));
        assertThat(p.Completed).isEqualTo(1);
        assertThat(p.BytesTotal).isEqualTo(BgJobProgress.BG_SIZE_UNKNOWN);
    }

    @Property
    void rangeArraysHaveStrideSixteen(@ForAll @IntRange(min = 1, max = 20) int n) {
        List<BgFileRange> ranges = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            ranges.add(new BgFileRange(i * 1000L, i == n - 1 ? BgFileRange.BG_LENGTH_TO_EOF : 10));
        }
        Structs.FileRange[] array = Structs.FileRange.array(ranges);
        assertThat(array[0].getPointer().getLong(16L * (n - 1))).isEqualTo((n - 1) * 1000L);
        assertThat(Structs.FileRange.read(array[0].getPointer(), n)).isEqualTo(ranges);
        assertThat(Structs.FileRange.array(List.of())).isNull();
    }

    @Test
    void hrCheckReturnsSuccessCodesAndThrowsFailuresWithTheirCode() {
        assertThat(Hr.check("IBackgroundCopyJob::Complete", 0x00200017)).isEqualTo(HResult.BG_S_PARTIAL_COMPLETE);
        assertThat(Hr.check("IEnumBackgroundCopyFiles::Skip", 1)).isEqualTo(HResult.S_FALSE);
        assertThatThrownBy(() -> Hr.check("IBackgroundCopyJob::Resume", 0x80D02004))
                .isInstanceOfSatisfying(BackgroundCopyException.class, e -> {
                    assertThat(e.hresult()).isEqualTo(HResult.DO_E_JOB_EMPTY);
                    assertThat(e.method()).isEqualTo("IBackgroundCopyJob::Resume");
                });
        assertThatThrownBy(() -> Hr.ulong("X::Y", 1L << 32, "celt"))
                .isInstanceOfSatisfying(BackgroundCopyException.class,
                        e -> assertThat(e.hresult()).isEqualTo(HResult.E_INVALIDARG));
        assertThat(Hr.ulong("X::Y", 0xFFFF_FFFFL, "celt")).isEqualTo(-1);
    }

    @Test
    void variantsCarryTheDoPropertyTypes() {
        CountingAllocator rt = new CountingAllocator();
        Memory v = Variant.allocate();
        for (Object value : new Object[] {"sink path", Boolean.TRUE, Boolean.FALSE, 0xFFFF_FFFF_FFFF_FFFFL, 42, null}) {
            Variant.write(v, value, rt);
            assertThat(Variant.read(v)).isEqualTo(value);
            Variant.clear(v, rt);
            assertThat(v.getShort(0)).isEqualTo(Variant.VT_EMPTY);
        }
        assertThat(rt.allocated).isEqualTo(1);
        assertThat(rt.freed).isEqualTo(1);
        assertThatThrownBy(() -> Variant.write(v, 1.5, rt)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Just enough of a runtime to count BSTRs. */
    private static final class CountingAllocator implements ComRuntime {
        int allocated;
        int freed;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public ComThread thread() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int coCreateInstance(java.util.UUID clsid, int clsctx, java.util.UUID iid,
                com.sun.jna.ptr.PointerByReference out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Apartment apartmentOfCurrentThread() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int coIncrementMtaUsage(com.sun.jna.ptr.PointerByReference cookie) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int coDecrementMtaUsage(com.sun.jna.Pointer cookie) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int coSetProxyBlanket(com.sun.jna.Pointer proxy, ProxyBlanket blanket) {
            throw new UnsupportedOperationException();
        }

        @Override
        public com.sun.jna.Pointer coTaskMemAlloc(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void coTaskMemFree(com.sun.jna.Pointer p) {
            throw new UnsupportedOperationException();
        }

        @Override
        public com.sun.jna.Pointer sysAllocString(String s) {
            allocated++;
            return Wide.toNative(s);
        }

        @Override
        public void sysFreeString(com.sun.jna.Pointer bstr) {
            freed++;
        }

        @Override
        public void close() {
        }
    }
}
