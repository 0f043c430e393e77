package dev.bgcopy.simulator;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BitsJobTransferPolicy;
import dev.bgcopy.api.HResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The cost of the network the simulated machine is on, as one {@code BITS_COST_STATE_*} bit (docs/contract.md §4.17):
 * what a job's {@code BITS_JOB_PROPERTY_ID_COST_FLAGS} are compared with. Windows reads it from the connection's cost
 * (metered, roaming, over a data cap); the simulator from this source, {@link BitsJobTransferPolicy#COST_UNRESTRICTED}
 * unless a test changes it now ({@link #set}) or scripts a change on the engine's clock ({@link #setAt}). A job whose
 * flags do not include the current state waits in TRANSIENT_ERROR and goes on once the cost allows it. Thread-safe.
 */
public final class NetworkCost {

    private final TreeMap<Instant, Integer> scripted = new TreeMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private int current = BitsJobTransferPolicy.COST_UNRESTRICTED;

    /** A network without costs or limits. */
    public static NetworkCost unrestricted() {
        return new NetworkCost();
    }

    /** The network's cost is {@code costState} from now on; earlier scripted changes are dropped. */
    public void set(int costState) {
        check(costState);
        synchronized (this) {
            scripted.clear();
            current = costState;
        }
        listeners.forEach(Runnable::run);
    }

    /** The network's cost becomes {@code costState} at {@code when} on the engine's clock. */
    public void setAt(Instant when, int costState) {
        check(costState);
        synchronized (this) {
            scripted.put(when, costState);
        }
        listeners.forEach(Runnable::run);
    }

    /** The cost state at {@code now}. */
    public synchronized int costAt(Instant now) {
        Map.Entry<Instant, Integer> change = scripted.floorEntry(now);
        return change == null ? current : change.getValue();
    }

    /** The first scripted change after {@code now}, or null. */
    synchronized Instant nextChangeAfter(Instant now) {
        return scripted.higherKey(now);
    }

    void addListener(Runnable listener) {
        listeners.add(listener);
    }

    void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private static void check(int costState) {
        if (Integer.bitCount(costState) != 1 || (costState & 0xFF) == 0) {
            throw new BackgroundCopyException("NetworkCost", HResult.E_INVALIDARG,
                    "a network has exactly one BITS_COST_STATE_* bit, not 0x" + Integer.toHexString(costState));
        }
    }

    @Override
    public synchronized String toString() {
        return "NetworkCost[0x" + Integer.toHexString(current) + ", scripted " + scripted + "]";
    }
}
