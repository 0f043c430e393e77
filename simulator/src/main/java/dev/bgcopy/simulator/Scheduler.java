package dev.bgcopy.simulator;

import dev.bgcopy.api.BgJobState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The service's dispatcher: one thread that fires what is due on the clock (retries, no-progress
 * timeouts, expiry: {@link JobState#onClock}) and starts queued jobs on the worker pool in the order of
 * the {@link StartPolicy}, at most {@code maxConcurrentTransfers} at a time. It runs the same way with
 * the system clock and with a {@link VirtualClock}; it waits on the {@link Quiescence}.
 */
final class Scheduler {

    private static final System.Logger LOG = System.getLogger(Scheduler.class.getPackageName());

    private final Supplier<Collection<JobState>> jobs;
    private final Supplier<Instant> clock;
    private final Quiescence quiescence;
    private final StartPolicy policy;
    private final ExecutorService workers;
    private final int maxConcurrentTransfers;
    private final BooleanSupplier open;
    private final Thread thread;

    Scheduler(String name, Supplier<Collection<JobState>> jobs, Supplier<Instant> clock, Quiescence quiescence,
              StartPolicy policy, ExecutorService workers, int maxConcurrentTransfers, BooleanSupplier open) {
        this.jobs = jobs;
        this.clock = clock;
        this.quiescence = quiescence;
        this.policy = policy;
        this.workers = workers;
        this.maxConcurrentTransfers = maxConcurrentTransfers;
        this.open = open;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Waits for the dispatcher thread to end (after the manager closed). */
    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    /**
     * Fires what is due at {@code now} for each job; returns the earliest next due instant, or null. A job
     * whose transition fails (its store write) keeps its state and is tried again at the next pass.
     */
    static Instant fireDue(Collection<JobState> jobs, Instant now) {
        Instant next = null;
        for (JobState job : jobs) {
            Instant due;
            try {
                due = job.automation().onClock(now);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "job " + job.id + ": a timed transition failed", e);
                continue;
            }
            if (due != null && (next == null || due.isBefore(next))) {
                next = due;
            }
        }
        return next;
    }

    private void loop() {
        while (quiescence.awaitStep()) {
            Instant next = null;
            try {
                next = fireDue(jobs.get(), clock.get());
                startQueued();
            } finally {
                quiescence.stepEnded(next);
            }
        }
    }

    private void startQueued() {
        List<StartPolicy.Candidate<JobState>> candidates = new ArrayList<>();
        for (JobState job : jobs.get()) {
            if (job.automation().isStartable()) {
                candidates.add(candidate(job));
            }
        }
        List<StartPolicy.Candidate<JobState>> sorted = policy.order(candidates);
        while (!sorted.isEmpty() && open.getAsBoolean()) {
            if (!quiescence.hasFreeSlot(maxConcurrentTransfers)) {
                makeRoomForForeground(sorted);
                return;
            }
            JobState pick = policy.next(sorted).job();
            TransferTask task;
            try {
                task = pick.automation().start();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "job " + pick.id + " could not start", e);
                continue;
            }
            if (task == null) {
                continue;
            }
            quiescence.transferStarted();
            try {
                workers.execute(task::run);
            } catch (RejectedExecutionException closed) {
                task.requestStop();
                task.run();
            }
        }
    }

    private static StartPolicy.Candidate<JobState> candidate(JobState job) {
        JobData data = job.data();
        return new StartPolicy.Candidate<>(job, data.priority, data.queueSequence);
    }

    /**
     * Every slot is taken and FOREGROUND jobs wait: lower-priority transfers yield (A10); the slots they
     * free start the FOREGROUND jobs at the next pass, when their tasks have exited.
     */
    private void makeRoomForForeground(List<StartPolicy.Candidate<JobState>> queued) {
        List<StartPolicy.Candidate<JobState>> running = new ArrayList<>();
        int freeing = 0;
        for (JobState job : jobs.get()) {
            if (!job.automation().holdsSlot()) {
                continue;
            }
            BgJobState state = job.data().state;
            if (state == BgJobState.CONNECTING || state == BgJobState.TRANSFERRING) {
                running.add(candidate(job));
            } else {
                freeing++;
            }
        }
        for (JobState job : policy.toYield(queued, running, freeing)) {
            try {
                job.automation().yieldSlot();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "job " + job.id + " could not yield its slot", e);
            }
        }
    }
}
