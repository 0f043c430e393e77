package dev.bgcopy.testing.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bgcopy.testing.loopback.LoopbackComRuntime;
import dev.bgcopy.windows.internal.ComMethod;
import dev.bgcopy.windows.internal.ComObject;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.ComVtable;
import dev.bgcopy.windows.internal.Guids;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One reference per wrapper: close() releases it exactly once; the Cleaner releases forgotten ones. */
class ComPtrLifetimeTest {

    private static final ComVtable PLAIN = ComVtable.of("Plain", Set.of(Guids.IID_IBACKGROUND_COPY_ERROR),
            List.<ComMethod>of());

    private final LoopbackComRuntime runtime = new LoopbackComRuntime();

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void closeReleasesExactlyOnceAndUseAfterCloseFailsClearly() {
        ComObject object = ComObject.create("o", List.of(PLAIN), null);
        ComPtr ptr = ComPtr.addRef(runtime, object.pointer(), "IBackgroundCopyError");
        assertThat(object.references()).isEqualTo(2);
        ComPtr second = ptr.duplicate();
        assertThat(object.references()).isEqualTo(3);
        ptr.close();
        ptr.close();
        assertThat(object.references()).isEqualTo(2);
        assertThatThrownBy(ptr::pointer).isInstanceOf(IllegalStateException.class).hasMessageContaining("after close");
        second.close();
        assertThat(object.references()).isEqualTo(1);
        object.release();
    }

    @Test
    void queryInterfaceReturnsANewReferenceOrEmpty() {
        ComObject object = ComObject.create("o", List.of(PLAIN), null);
        try (ComPtr ptr = ComPtr.addRef(runtime, object.pointer(), "IBackgroundCopyError")) {
            assertThat(ptr.queryInterface(Guids.IID_IBACKGROUND_COPY_JOB, "IBackgroundCopyJob")).isEmpty();
            try (ComPtr unknown = ptr.queryInterface(Guids.IID_IUNKNOWN, "IUnknown").orElseThrow()) {
                assertThat(object.references()).isEqualTo(3);
                assertThat(unknown.pointer()).isEqualTo(object.pointer());
            }
        }
        assertThat(object.references()).isEqualTo(1);
        object.release();
    }

    @Test
    void aForgottenWrapperIsReleasedByTheCleaner() {
        ComObject object = ComObject.create("o", List.of(PLAIN), null);
        forget(object);
        assertThat(object.references()).isEqualTo(2);
        // No sleep: each round asks for a collection and waits for the COM thread to run what the
        // Cleaner handed it; the deadline only bounds a broken build.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (object.references() != 1 && Instant.now().isBefore(deadline)) {
            System.gc();
            runtime.thread().drain();
            Thread.onSpinWait();
        }
        assertThat(object.references()).isEqualTo(1);
        object.release();
    }

    private void forget(ComObject object) {
        ComPtr.addRef(runtime, object.pointer(), "IBackgroundCopyError");
    }
}
