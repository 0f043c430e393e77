package dev.bgcopy.simulator;

import dev.bgcopy.api.BgJobPriority;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's bandwidth caps, the counterpart of the Delivery Optimization policies
 * {@code DOMaxBackgroundDownloadBandwidth} / {@code DOMaxForegroundDownloadBandwidth} and of BITS's
 * {@code MaxTransferRateOnSchedule}: one cap shared by every non-FOREGROUND transfer, one shared by the
 * FOREGROUND ones, 0 = no cap.
 *
 * <p>Each capped transfer holds a share of its cap and a reservation on the engine clock: after a read
 * of {@code n} bytes it waits until {@code max(ready, its previous reservation) + n / share}, where
 * {@code ready} is when the transfer was last ready to read (the end of its previous wait). Counting from
 * there, not from the end of the read, charges the time spent writing and checkpointing the bytes to the
 * same period instead of adding it to every period: counted from the end of the read, a 20 MiB/s cap
 * delivered 5-7 % less on the real clock. An idle transfer earns no credit (a clock jump while it waits
 * is not credit either), so no burst ever exceeds one read, and the waiting happens through
 * {@link TransferTask#parkUntil}, so the virtual clock drives it like any other wait.
 *
 * <p>Shares follow the scheduler's priorities ({@link DialectRules#schedulingRank}, {@link StartPolicy}):
 * transfers of one rank split their part equally; the best rank present gets
 * {@code STARVATION_LIMIT / (STARVATION_LIMIT + 1)} of the cap and the ranks below share the rest the
 * same way — the bandwidth form of "after four turns that passed over a waiting job, it goes next".
 * Shares change only when a transfer starts or stops pacing, so a virtual-clock run is deterministic.
 */
final class BandwidthCaps {

    private static final double BEST_RANK_FRACTION =
            (double) StartPolicy.STARVATION_LIMIT / (StartPolicy.STARVATION_LIMIT + 1);

    private final DialectRules rules;
    private final long background;
    private final long foreground;
    private final Map<TransferTask, Pacing> pacings = new HashMap<>();

    /** One capped transfer: its cap, its rank and when its last read is paid for. */
    private static final class Pacing {
        boolean foreground;
        int rank;
        Instant paidUntil = Instant.MIN;
    }

    /** @param background bytes per second for all non-FOREGROUND transfers together, 0 = none; likewise {@code foreground} */
    BandwidthCaps(DialectRules rules, long background, long foreground) {
        this.rules = rules;
        this.background = background;
        this.foreground = foreground;
    }

    /**
     * Called after each read of {@code bytes} by {@code task} (of a job now at {@code priority}), which was
     * ready to read at {@code ready}: waits on the engine clock until the cap has room for them.
     *
     * @throws InterruptedIOException when the transfer is stopped while it waits
     */
    void pace(TransferTask task, BgJobPriority priority, int bytes, Instant ready) throws InterruptedIOException {
        boolean isForeground = priority == BgJobPriority.FOREGROUND;
        long cap = isForeground ? foreground : background;
        if (cap == 0) {
            if (background != 0 || foreground != 0) {
                release(task);
            }
            return;
        }
        Instant deadline;
        synchronized (this) {
            Pacing pacing = pacings.computeIfAbsent(task, t -> new Pacing());
            pacing.foreground = isForeground;
            pacing.rank = rules.schedulingRank(priority);
            double share = cap * fractionOf(pacing);
            long nanos = Math.round(bytes * 1e9 / share); // to the nearest nanosecond, so exact rates stay exact
            Instant start = pacing.paidUntil.isAfter(ready) ? pacing.paidUntil : ready;
            pacing.paidUntil = start.plusNanos(nanos);
            deadline = pacing.paidUntil;
        }
        task.parkUntil(deadline);
    }

    /** The transfer stopped: its share goes back to the others. */
    synchronized void release(TransferTask task) {
        pacings.remove(task);
    }

    /** The part of its cap that {@code pacing} gets among the transfers under the same cap. */
    private double fractionOf(Pacing pacing) {
        TreeMap<Integer, Integer> countByRank = new TreeMap<>();
        for (Pacing p : pacings.values()) {
            if (p.foreground == pacing.foreground) {
                countByRank.merge(p.rank, 1, Integer::sum);
            }
        }
        double left = 1.0;
        for (Map.Entry<Integer, Integer> level : countByRank.entrySet()) {
            boolean last = level.getKey().equals(countByRank.lastKey());
            double part = last ? left : left * BEST_RANK_FRACTION;
            if (level.getKey() == pacing.rank) {
                return part / level.getValue();
            }
            left -= part;
        }
        throw new IllegalStateException("a pacing transfer is not among the pacings");
    }
}
