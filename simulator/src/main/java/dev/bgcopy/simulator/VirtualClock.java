package dev.bgcopy.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock that moves only when a test moves it: the simulator's stand-in for the service's wall clock
 * (docs/contract.md §5.6). Retry delays, no-progress timeouts, the 30-day DO retention, scripted latency and
 * scripted stalls are all measured on it, so "the server stalls for two days" takes no real time.
 *
 * <pre>{@code
 * VirtualClock clock = VirtualClock.startingAt(Instant.parse("2030-01-01T00:00:00Z"));
 * SimulatorManager manager = Simulator.newManager(SimulatorConfig.builder().virtualClock(clock).build());
 * ...
 * clock.advance(Duration.ofDays(2));
 * manager.runUntilIdle();
 * }</pre>
 *
 * <p>Thread-safe. Time never goes backwards. A clock may be shared by several managers.
 */
public final class VirtualClock {

    /** Where {@link #create()} starts: 2030-01-01T00:00:00Z. */
    public static final Instant DEFAULT_START = Instant.parse("2030-01-01T00:00:00Z");

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private Instant now;

    private VirtualClock(Instant start) {
        this.now = start;
    }

    /** A clock reading {@link #DEFAULT_START}. */
    public static VirtualClock create() {
        return new VirtualClock(DEFAULT_START);
    }

    /** A clock reading {@code start}. */
    public static VirtualClock startingAt(Instant start) {
        return new VirtualClock(Objects.requireNonNull(start, "start"));
    }

    /** The current virtual instant. */
    public synchronized Instant now() {
        return now;
    }

    /**
     * Moves the clock forward by {@code duration} and wakes every engine using it; call
     * {@link SimulatorManager#runUntilIdle()} afterwards to let the engines catch up.
     *
     * @throws IllegalArgumentException when {@code duration} is negative
     */
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time never goes backwards: " + duration);
        }
        synchronized (this) {
            now = now.plus(duration);
        }
        listeners.forEach(Runnable::run);
    }

    void addListener(Runnable listener) {
        listeners.add(listener);
    }

    void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    @Override
    public String toString() {
        return "VirtualClock[" + now() + "]";
    }
}
