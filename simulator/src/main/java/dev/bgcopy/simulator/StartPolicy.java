package dev.bgcopy.simulator;

import dev.bgcopy.api.BgJobPriority;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which queued job starts next (the service's queue order): best priority first (DO: FOREGROUND
 * before the rest; BITS: FOREGROUND > HIGH > NORMAL > LOW, {@link DialectRules#schedulingRank}), FIFO
 * within a priority; but after {@link #STARVATION_LIMIT} consecutive starts that passed over the
 * longest-waiting job, that job goes next, so background jobs are never starved. Not thread-safe: the
 * scheduler's one thread owns it.
 */
final class StartPolicy {

    static final int STARVATION_LIMIT = 4;

    /** A queued job as the policy sees it: its priority and when it entered QUEUED. */
    record Candidate<T>(T job, BgJobPriority priority, long queueSequence) {
    }

    private final DialectRules rules;
    private int passedOver;
    /** Jobs the starvation rule started: they run to their end, pre-emption must not undo the rule. */
    private final Set<Object> startedByStarvationRule = new HashSet<>();

    StartPolicy(DialectRules rules) {
        this.rules = rules;
    }

    /** The candidates in queue order: best rank first, FIFO within a rank. */
    <T> List<Candidate<T>> order(List<Candidate<T>> candidates) {
        List<Candidate<T>> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.<Candidate<T>>comparingInt(c -> rules.schedulingRank(c.priority()))
                .thenComparingLong(Candidate::queueSequence));
        return sorted;
    }

    /**
     * The running jobs that must yield their slots (A10) so that every FOREGROUND job waiting in
     * {@code queued} starts at once: as many as there are such jobs beyond the {@code freeing} slots
     * already being given back, lowest priority first and, within a priority, the latest queued (the one
     * that has run the shortest). FOREGROUND jobs never yield, nor does a job the starvation rule started
     * (while it runs).
     */
    <T> List<T> toYield(List<Candidate<T>> queued, List<Candidate<T>> running, int freeing) {
        startedByStarvationRule.retainAll(running.stream().map(Candidate::job).toList());
        long waiting = queued.stream().filter(c -> c.priority() == BgJobPriority.FOREGROUND).count() - freeing;
        List<Candidate<T>> yielders = new ArrayList<>(running.stream()
                .filter(c -> c.priority() != BgJobPriority.FOREGROUND && !startedByStarvationRule.contains(c.job()))
                .toList());
        yielders.sort(Comparator.<Candidate<T>>comparingInt(c -> rules.schedulingRank(c.priority()))
                .thenComparingLong(Candidate::queueSequence).reversed());
        return yielders.stream().limit(Math.max(0, waiting)).map(Candidate::job).toList();
    }

    /**
     * Takes the next job to start out of {@code sorted} (in {@link #order}): its head, unless the
     * longest-waiting job was passed over {@link #STARVATION_LIMIT} times in a row.
     */
    <T> Candidate<T> next(List<Candidate<T>> sorted) {
        Candidate<T> best = sorted.get(0);
        Candidate<T> oldest = sorted.stream().min(Comparator.comparingLong(Candidate::queueSequence)).orElse(best);
        Candidate<T> pick;
        if (oldest == best) {
            passedOver = 0;
            pick = best;
        } else if (passedOver >= STARVATION_LIMIT) {
            passedOver = 0;
            pick = oldest;
            startedByStarvationRule.add(oldest.job());
        } else {
            passedOver++;
            pick = best;
        }
        sorted.remove(pick);
        return pick;
    }
}
