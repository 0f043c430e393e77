package dev.bgcopy.windows.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Pointer;

import org.junit.jupiter.api.Test;

/** Per-thread out-buffers: reused by consecutive calls, never shared by nested ones, always zeroed. */
class OutBufferTest {

    @Test
    void consecutiveCallsOfAThreadReuseOneBuffer() {
        Pointer first;
        try (OutBuffer out = OutBuffer.acquire(8)) {
            first = out.pointer();
            out.pointer().setLong(0, -1L);
        }
        try (OutBuffer out = OutBuffer.acquire(8)) {
            assertThat(out.pointer()).isEqualTo(first);
            assertThat(out.pointer().getLong(0)).as("zeroed for the callee").isZero();
        }
    }

    @Test
    void aNestedCallGetsItsOwnBufferAndLeavesTheOuterOneIntact() {
        try (OutBuffer outer = OutBuffer.acquire(24)) {
            outer.pointer().setLong(0, 0x1122_3344_5566_7788L);
            outer.pointer().setInt(16, 42);
            try (OutBuffer inner = OutBuffer.acquire(OutBuffer.SIZE)) {
                assertThat(Pointer.nativeValue(inner.pointer())).isNotEqualTo(Pointer.nativeValue(outer.pointer()));
                inner.pointer().setLong(0, 7L);
            }
            assertThat(outer.pointer().getLong(0)).isEqualTo(0x1122_3344_5566_7788L);
            assertThat(outer.pointer().getInt(16)).isEqualTo(42);
        }
    }

    @Test
    void buffersMustBeGivenBackInOrderAndHoldAtMostTheirSize() {
        OutBuffer outer = OutBuffer.acquire(4);
        OutBuffer inner = OutBuffer.acquire(4);
        assertThatThrownBy(outer::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("out of order");
        inner.close();
        outer.close();
        assertThatThrownBy(() -> OutBuffer.acquire(OutBuffer.SIZE + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFixedOutStructuresFit() {
        assertThat(new Structs.JobTimes().size()).isLessThanOrEqualTo(OutBuffer.SIZE);
        assertThat(new Structs.JobProgress().size()).isLessThanOrEqualTo(OutBuffer.SIZE);
        assertThat(new Structs.FileProgress().size()).isLessThanOrEqualTo(OutBuffer.SIZE);
    }
}
