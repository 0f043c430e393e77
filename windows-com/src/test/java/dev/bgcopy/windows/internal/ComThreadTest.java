package dev.bgcopy.windows.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.HResult;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/**
 * The apartment thread: initialisation outcomes, where calls run (inline in the MTA and inside our
 * objects, hopping from anywhere else), inline re-entry, and shutdown (STYLE rule 10).
 */
class ComThreadTest {

    /** A caller whose apartment cannot be learnt: every call hops. */
    private static final Supplier<Apartment> HOPS = () -> Apartment.UNKNOWN;

    @Test
    void callsRunOnTheComThreadAndReentrantCallsRunInline() {
        try (ComThread thread = new ComThread("t", () -> 0, () -> { }, HOPS)) {
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
        ComThread thread = new ComThread("t", HResult.RPC_E_CHANGED_MODE::value, uninitialised::incrementAndGet, HOPS);
        assertThat(thread.call(() -> 42)).isEqualTo(42);
        thread.close();
        assertThat(uninitialised).hasValue(0);
    }

    @Test
    void sFalseMeansJoinedAndIsUninitialisedOnClose() {
        AtomicInteger uninitialised = new AtomicInteger();
        ComThread thread = new ComThread("t", HResult.S_FALSE::value, uninitialised::incrementAndGet, HOPS);
        thread.drain();
        thread.close();
        thread.close();
        assertThat(uninitialised).hasValue(1);
    }

    @Test
    void aFailedInitialisationFailsEveryCallWithItsHresult() {
        try (ComThread thread = new ComThread("t", HResult.E_OUTOFMEMORY::value, () -> { }, HOPS)) {
            assertThatThrownBy(() -> thread.call(() -> 1)).isInstanceOfSatisfying(BackgroundCopyException.class,
                    e -> assertThat(e.hresult()).isEqualTo(HResult.E_OUTOFMEMORY));
        }
    }

    @Test
    void exceptionsReachTheCallerUnchanged() {
        try (ComThread thread = new ComThread("t", () -> 0, () -> { }, HOPS)) {
            BackgroundCopyException thrown = new BackgroundCopyException("X::Y", HResult.E_FAIL, null);
            assertThatThrownBy(() -> thread.call(() -> {
                throw thrown;
            })).isSameAs(thrown);
        }
    }

    @Test
    void aCallerInTheMtaCallsOnItsOwnThreadAndEveryOtherApartmentHops() {
        AtomicReference<Apartment> apartment = new AtomicReference<>();
        try (ComThread thread = new ComThread("t", () -> 0, () -> { }, apartment::get)) {
            Thread caller = Thread.currentThread();
            for (Apartment inline : new Apartment[] {Apartment.MTA, Apartment.IMPLICIT_MTA}) {
                apartment.set(inline);
                assertThat(thread.call(Thread::currentThread)).as(inline.name()).isSameAs(caller);
            }
            for (Apartment hop : new Apartment[] {Apartment.NEUTRAL, Apartment.UNKNOWN, Apartment.STA}) {
                apartment.set(hop);
                assertThat(thread.call(Thread::currentThread).getName()).as(hop.name()).isEqualTo("t");
            }
        }
    }

    @Test
    void onlyTheStaAnswerIsCachedPerThread() throws Exception {
        AtomicReference<Apartment> apartment = new AtomicReference<>(Apartment.IMPLICIT_MTA);
        AtomicInteger asked = new AtomicInteger();
        try (ComThread thread = new ComThread("t", () -> 0, () -> { }, () -> {
            asked.incrementAndGet();
            return apartment.get();
        })) {
            // In the MTA the thread is asked on every call: it may enter an STA between two calls.
            thread.call(() -> null);
            thread.call(() -> null);
            assertThat(asked).hasValue(2);
            apartment.set(Apartment.STA);
            assertThat(thread.call(Thread::currentThread).getName()).isEqualTo("t");
            // Once seen in an STA the thread hops without asking again, even after it left the STA.
            apartment.set(Apartment.IMPLICIT_MTA);
            assertThat(thread.call(Thread::currentThread).getName()).isEqualTo("t");
            assertThat(asked).hasValue(3);
            // The cache is the thread's own: another thread is asked.
            Thread other = CompletableFuture.supplyAsync(() -> thread.call(Thread::currentThread)).get(10, TimeUnit.SECONDS);
            assertThat(other.getName()).isNotEqualTo("t");
            assertThat(asked).hasValue(4);
        }
    }

    @Test
    void aCallMadeInsideOneOfOurObjectsRunsInlineWhateverTheApartment() throws Exception {
        try (ComThread thread = new ComThread("t", () -> 0, () -> { }, () -> Apartment.STA)) {
            Thread caller = Thread.currentThread();
            assertThat(ComThread.inApartment(() -> thread.call(Thread::currentThread))).isSameAs(caller);
            assertThat(thread.call(Thread::currentThread)).isNotSameAs(caller);
        }
    }

    @Test
    void drainWaitsForTheComThreadAlsoFromACallerInTheMta() throws Exception {
        AtomicReference<Apartment> apartment = new AtomicReference<>(Apartment.STA);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        try (ComThread thread = new ComThread("t", () -> 0, () -> { }, apartment::get)) {
            CompletableFuture<Void> queued = CompletableFuture.runAsync(() -> thread.call(() -> {
                started.countDown();
                release.await(10, TimeUnit.SECONDS);
                return ran.incrementAndGet();
            }));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            apartment.set(Apartment.MTA);
            CompletableFuture<Void> drained = CompletableFuture.runAsync(thread::drain);
            assertThat(drained).isNotDone();
            release.countDown();
            drained.get(10, TimeUnit.SECONDS);
            queued.get(10, TimeUnit.SECONDS);
            assertThat(ran).hasValue(1);
        }
    }

    @Test
    void coGetApartmentTypeAnswersMapAsMicrosoftDocumentsThem() {
        assertThat(Apartment.of(0, Apartment.APTTYPE_MTA, Apartment.APTTYPEQUALIFIER_NONE)).isEqualTo(Apartment.MTA);
        assertThat(Apartment.of(0, Apartment.APTTYPE_MTA, Apartment.APTTYPEQUALIFIER_IMPLICIT_MTA))
                .isEqualTo(Apartment.IMPLICIT_MTA);
        assertThat(Apartment.of(0, Apartment.APTTYPE_STA, 0)).isEqualTo(Apartment.STA);
        assertThat(Apartment.of(0, Apartment.APTTYPE_STA, 6)).as("APPLICATION_STA").isEqualTo(Apartment.STA);
        assertThat(Apartment.of(0, Apartment.APTTYPE_MAINSTA, 0)).isEqualTo(Apartment.STA);
        assertThat(Apartment.of(0, Apartment.APTTYPE_NA, 4)).as("NA on the implicit MTA").isEqualTo(Apartment.NEUTRAL);
        assertThat(Apartment.of(HResult.CO_E_NOTINITIALIZED.value(), Apartment.APTTYPE_MTA, 1)).isEqualTo(Apartment.UNKNOWN);
        assertThat(Apartment.of(0, -1, 0)).as("APTTYPE_CURRENT").isEqualTo(Apartment.UNKNOWN);
        assertThat(Apartment.MTA.mayCallMtaPointers()).isTrue();
        assertThat(Apartment.IMPLICIT_MTA.mayCallMtaPointers()).isTrue();
        assertThat(Apartment.STA.mayCallMtaPointers()).isFalse();
        assertThat(Apartment.NEUTRAL.mayCallMtaPointers()).isFalse();
        assertThat(Apartment.UNKNOWN.mayCallMtaPointers()).isFalse();
    }
}
