package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgJobPriority;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduler's start order: priorities per dialect, FIFO within one, and the starvation rule. */
class StartPolicyTest {

    private static StartPolicy.Candidate<String> job(String name, BgJobPriority priority, long queued) {
        return new StartPolicy.Candidate<>(name, priority, queued);
    }

    private static List<String> drain(StartPolicy policy, List<StartPolicy.Candidate<String>> candidates) {
        List<StartPolicy.Candidate<String>> sorted = policy.order(candidates);
        List<String> started = new ArrayList<>();
        while (!sorted.isEmpty()) {
            started.add(policy.next(sorted).job());
        }
        return started;
    }

    @Test
    void bitsOrdersAllFourPrioritiesThenFifo() {
        List<StartPolicy.Candidate<String>> queued = List.of(job("low", BgJobPriority.LOW, 1),
                job("normal-2", BgJobPriority.NORMAL, 3), job("high", BgJobPriority.HIGH, 4),
                job("normal-1", BgJobPriority.NORMAL, 2), job("fg", BgJobPriority.FOREGROUND, 5));
        assertThat(new StartPolicy(DialectRules.BITS).order(queued)).extracting(StartPolicy.Candidate::job)
                .containsExactly("fg", "high", "normal-1", "normal-2", "low");
    }

    @Test
    void doKnowsOnlyForegroundAndTheRest() {
        List<StartPolicy.Candidate<String>> queued = List.of(job("low", BgJobPriority.LOW, 1),
                job("high", BgJobPriority.HIGH, 2), job("fg", BgJobPriority.FOREGROUND, 3));
        assertThat(new StartPolicy(DialectRules.DO).order(queued)).extracting(StartPolicy.Candidate::job)
                .containsExactly("fg", "low", "high");
    }

    @Test
    void theLongestWaitingJobGoesNextAfterFourPassOvers() {
        StartPolicy policy = new StartPolicy(DialectRules.BITS);
        List<StartPolicy.Candidate<String>> queued = new ArrayList<>();
        queued.add(job("background", BgJobPriority.LOW, 0));
        for (int i = 1; i <= 6; i++) {
            queued.add(job("fg-" + i, BgJobPriority.FOREGROUND, i));
        }
        assertThat(drain(policy, queued)).containsExactly("fg-1", "fg-2", "fg-3", "fg-4", "background", "fg-5", "fg-6");
    }

    @Test
    void startingTheOldestJobResetsTheCount() {
        StartPolicy policy = new StartPolicy(DialectRules.BITS);
        assertThat(drain(policy, List.of(job("background-1", BgJobPriority.LOW, 0), job("fg-1", BgJobPriority.FOREGROUND, 1),
                job("fg-2", BgJobPriority.FOREGROUND, 2)))).containsExactly("fg-1", "fg-2", "background-1");
        List<StartPolicy.Candidate<String>> queued = new ArrayList<>();
        queued.add(job("background-2", BgJobPriority.LOW, 10));
        for (int i = 3; i <= 7; i++) {
            queued.add(job("fg-" + i, BgJobPriority.FOREGROUND, 10 + i));
        }
        assertThat(drain(policy, queued)).containsExactly("fg-3", "fg-4", "fg-5", "fg-6", "background-2", "fg-7");
    }

    @Test
    void theCountSpansPasses() {
        StartPolicy policy = new StartPolicy(DialectRules.BITS);
        StartPolicy.Candidate<String> background = job("background", BgJobPriority.LOW, 0);
        for (int pass = 1; pass <= StartPolicy.STARVATION_LIMIT; pass++) {
            List<StartPolicy.Candidate<String>> sorted = policy.order(List.of(background,
                    job("fg-" + pass, BgJobPriority.FOREGROUND, pass)));
            assertThat(policy.next(sorted).job()).isEqualTo("fg-" + pass);
        }
        List<StartPolicy.Candidate<String>> sorted = policy.order(List.of(background, job("fg-5", BgJobPriority.FOREGROUND, 5)));
        assertThat(policy.next(sorted).job()).isEqualTo("background");
    }

    @Test
    void waitingForegroundJobsTakeTheSlotsOfTheLowestPriorityLatestQueuedTransfers() {
        StartPolicy policy = new StartPolicy(DialectRules.BITS);
        List<StartPolicy.Candidate<String>> running = List.of(job("fg", BgJobPriority.FOREGROUND, 1),
                job("high", BgJobPriority.HIGH, 2), job("normal-old", BgJobPriority.NORMAL, 3),
                job("normal-new", BgJobPriority.NORMAL, 4));
        List<StartPolicy.Candidate<String>> oneForeground = List.of(job("waiting-fg", BgJobPriority.FOREGROUND, 5),
                job("waiting-low", BgJobPriority.LOW, 6));
        assertThat(policy.toYield(oneForeground, running, 0)).containsExactly("normal-new");
        assertThat(policy.toYield(oneForeground, running, 1)).as("a slot is being given back already").isEmpty();
        List<StartPolicy.Candidate<String>> fiveForeground = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fiveForeground.add(job("waiting-fg-" + i, BgJobPriority.FOREGROUND, 10 + i));
        }
        assertThat(policy.toYield(fiveForeground, running, 0)).as("FOREGROUND transfers never yield")
                .containsExactly("normal-new", "normal-old", "high");
        assertThat(policy.toYield(List.of(job("waiting-high", BgJobPriority.HIGH, 9)), running, 0))
                .as("only FOREGROUND pre-empts").isEmpty();
    }

    @Test
    void aJobTheStarvationRuleStartedDoesNotYield() {
        StartPolicy policy = new StartPolicy(DialectRules.BITS);
        List<StartPolicy.Candidate<String>> queued = new ArrayList<>();
        queued.add(job("background", BgJobPriority.LOW, 0));
        for (int i = 1; i <= 6; i++) {
            queued.add(job("fg-" + i, BgJobPriority.FOREGROUND, i));
        }
        List<StartPolicy.Candidate<String>> sorted = policy.order(queued);
        for (int i = 0; i < 4; i++) {
            policy.next(sorted);
        }
        assertThat(policy.next(sorted).job()).isEqualTo("background");
        List<StartPolicy.Candidate<String>> running = List.of(job("background", BgJobPriority.LOW, 0),
                job("normal", BgJobPriority.NORMAL, 7));
        assertThat(policy.toYield(sorted, running, 0)).containsExactly("normal");
        assertThat(policy.toYield(sorted, List.of(job("background", BgJobPriority.LOW, 0)), 0)).isEmpty();
        assertThat(policy.toYield(sorted, List.of(), 0)).isEmpty();
        assertThat(policy.toYield(sorted, List.of(job("background", BgJobPriority.LOW, 8)), 0))
                .as("a later run of the same job is an ordinary transfer again").containsExactly("background");
    }

    @Test
    void inDoEveryBackgroundPriorityYieldsAlikeLatestQueuedFirst() {
        StartPolicy policy = new StartPolicy(DialectRules.DO);
        List<StartPolicy.Candidate<String>> running = List.of(job("low-old", BgJobPriority.LOW, 1),
                job("high-new", BgJobPriority.HIGH, 2));
        assertThat(policy.toYield(List.of(job("fg", BgJobPriority.FOREGROUND, 3)), running, 0)).containsExactly("high-new");
    }
}
