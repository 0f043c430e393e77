package dev.bgcopy.windows.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.HResult;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The apartment thread: initialisation outcomes, inline re-entry, and shutdown (STYLE rule 10). */
class ComThreadTest {

    @Test
    void callsRunOnTheComThreadAndReentrantCallsRunInline() {
        try (ComThread thread = new ComThread("t", () -> 0, () -> { })) {
            Thread caller = Thread.currentThread();
            Thread ran = thread.call(Thread::currentThread);
            assertThat(ran).isNotEqualTo(caller);
            assertThat(ran.getName()).isEqualTo("t");
            assertThat(thread.call(() -> thread.call(Thread::currentThread))).isSameAs(ran);
        }
    }

    @Test
    void alreadyInitialisedElsewhereIsUsableButNotUninitialisedByUs() {
        AtomicInteger uninitialised = new AtomicInteger();
        ComThread thread = new ComThread("t", HResult.RPC_E_CHANGED_MODE::value, uninitialised::incrementAndGet);
        assertThat(thread.call(() -> 42)).isEqualTo(42);
        thread.close();
        assertThat(uninitialised).hasValue(0);
    }

    @Test
    void sFalseMeansJoinedAndIsUninitialisedOnClose() {
        AtomicInteger uninitialised = new AtomicInteger();
        ComThread thread = new ComThread("t", HResult.S_FALSE::value, uninitialised::incrementAndGet);
        thread.drain();
        thread.close();
        thread.close();
        assertThat(uninitialised).hasValue(1);
    }

    @Test
    void aFailedInitialisationFailsEveryCallWithItsHresult() {
        try (ComThread thread = new ComThread("t", HResult.E_OUTOFMEMORY::value, () -> { })) {
            assertThatThrownBy(() -> thread.call(() -> 1)).isInstanceOfSatisfying(BackgroundCopyException.class,
                    e -> assertThat(e.hresult()).isEqualTo(HResult.E_OUTOFMEMORY));
        }
    }

    @Test
    void exceptionsReachTheCallerUnchanged() {
        try (ComThread thread = new ComThread("t", () -> 0, () -> { })) {
            BackgroundCopyException thrown = new BackgroundCopyException("X::Y", HResult.E_FAIL, null);
            assertThatThrownBy(() -> thread.call(() -> {
                throw thrown;
            })).isSameAs(thrown);
        }
    }
}
