package dev.bgcopy.tck;

import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.tck.internal.ModelHarness;
import dev.bgcopy.tck.internal.ModelHarness.RangeShape;
import dev.bgcopy.tck.internal.TckTriesHook;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * The model-based property of STYLE house rule 14: random sequences of client calls (create, add
 * files with and without ranges, resume, suspend, cancel, complete, every setter with edge values
 * including the BITS-only ones and SetRemoteName, getters), each checked against a reference model written from docs/contract.md §4/§5, with the §6.10
 * invariants after every step. Failures shrink to a readable call sequence. Bounded and seeded by
 * {@code -Dtck.tries} (default 100) and {@code -Dtck.seed}.
 */
public interface JobStateMachineProperties extends TckContract {

    @Property(afterFailure = net.jqwik.api.AfterFailureMode.SAMPLE_FIRST)
    @AddLifecycleHook(TckTriesHook.class)
    @Tag("R14")
    @Tag("R21")
    @Tag("R26")
    @Tag("R29")
    @Tag("R31")
    @Tag("R36")
    @Tag("R53")
    @Tag("R63")
    @Tag("R65")
    @Tag("R67")
    @Tag("R68")
    @Tag("R69")
    @Tag("R70")
    @Tag("R72")
    @Tag("R73")
    @Tag("R74")
    @Tag("R78")
    @Tag("R93")
    @Tag("R95")
    @Tag("R100")
    @Label("jobStateMachine_followsTheContractModel")
    default void jobStateMachine_followsTheContractModel(@ForAll("tckJobChains") ActionChain<ModelHarness> chain) {
        try {
            chain.run();
        } finally {
            ModelHarness.closeAll();
        }
    }

    @Provide
    default Arbitrary<ActionChain<ModelHarness>> tckJobChains() {
        TckFixture fixture = fixture();
        return ActionChain.startWith(() -> ModelHarness.open(fixture))
                .withAction(4, new AddFileWithRangesAction())
                .withAction(2, new AddFileAction())
                .withAction(1, new AddFileSetAction())
                .withAction(4, just("resume()", ModelHarness::resume))
                .withAction(3, just("suspend()", ModelHarness::suspend))
                .withAction(1, just("cancel()", ModelHarness::cancel))
                .withAction(1, just("complete()", ModelHarness::complete))
                .withAction(3, new SettersAction())
                .withAction(2, new BitsSettersAction())
                .withAction(1, new SetRemoteNameAction())
                .withAction(2, just("checkGetters()", ModelHarness::checkGetters))
                .withAction(1, new CreateJobAction())
                .withAction(3, new RunUntilIdleAction())
                .withMaxTransformations(25);
    }

    private static Action.Independent<ModelHarness> just(String call, java.util.function.Consumer<ModelHarness> step) {
        return () -> Arbitraries.just(Transformer.mutate(call, step));
    }

    /**
     * Names at the CreateJob/SetDisplayName limits: short, 256 and 257 UTF-16 units, null. The empty
     * name has its own example test (createJob_emptyName_isValid) so that the chain explores further.
     */
    private static Arbitrary<String> names() {
        return Arbitraries.of("job", "n".repeat(256), "n".repeat(257), "\u00e9\u6f22\ud83d\ude00")
                .injectNull(0.15);
    }

    /** {@code AddFileWithRanges} with valid and invalid ids, URLs, local names, ranges and sizes. */
    final class AddFileWithRangesAction implements Action.Independent<ModelHarness> {
        @Override
        public Arbitrary<Transformer<ModelHarness>> transformer() {
            Arbitrary<String> ids = Arbitraries.of("a", "b", "c", "d", "", "e").injectNull(0.05);
            Arbitrary<Integer> resources = Arbitraries.frequency(Tuple2s.of(8, 0), Tuple2s.of(4, 1), Tuple2s.of(8, 2),
                    Tuple2s.of(1, -1), Tuple2s.of(1, -2), Tuple2s.of(1, -3));
            Arbitrary<String> locals = Arbitraries.frequency(Tuple2s.of(12, "unique"), Tuple2s.of(1, "null"), Tuple2s.of(1, "empty"));
            Arbitrary<RangeShape> shapes = Arbitraries.frequency(Tuple2s.of(10, RangeShape.NONE), Tuple2s.of(3, RangeShape.VALID_ONE),
                    Tuple2s.of(2, RangeShape.VALID_TWO_DESCENDING), Tuple2s.of(2, RangeShape.EOF_TAIL), Tuple2s.of(1, RangeShape.EOF_OFFSET),
                    Tuple2s.of(1, RangeShape.OVERLAP), Tuple2s.of(1, RangeShape.SAME_OFFSET), Tuple2s.of(1, RangeShape.ZERO_LENGTH),
                    Tuple2s.of(1, RangeShape.BEYOND_SIZE));
            Arbitrary<Boolean> knownSize = Arbitraries.of(true, false);
            return Combinators.combine(ids, resources, locals, shapes, knownSize).as((id, r, l, shape, known) ->
                    Transformer.mutate("addFileWithRanges(id=" + id + ", m" + r + ", local=" + l + ", " + shape
                            + (known ? ", size known" : ", size unknown") + ")",
                            h -> h.addFileWithRanges(id, r, l, shape, known)));
        }
    }

    /** BITS {@code AddFile}: E_NOTIMPL without {@code Feature.BITS_METHODS}. */
    final class AddFileAction implements Action.Independent<ModelHarness> {
        @Override
        public Arbitrary<Transformer<ModelHarness>> transformer() {
            Arbitrary<Integer> resources = Arbitraries.frequency(Tuple2s.of(6, 0), Tuple2s.of(3, 1), Tuple2s.of(6, 2),
                    Tuple2s.of(1, -1), Tuple2s.of(1, -3));
            Arbitrary<String> locals = Arbitraries.frequency(Tuple2s.of(10, "unique"), Tuple2s.of(1, "null"), Tuple2s.of(1, "relative"));
            return Combinators.combine(resources, locals).as((r, l) ->
                    Transformer.mutate("addFile(m" + r + ", local=" + l + ")", h -> h.addFile(r, l)));
        }
    }

    /** BITS {@code AddFileSet} of one to three entries, sometimes one bad: all are added or none. */
    final class AddFileSetAction implements Action.Independent<ModelHarness> {
        @Override
        public Arbitrary<Transformer<ModelHarness>> transformer() {
            Arbitrary<Integer> resources = Arbitraries.frequency(Tuple2s.of(6, 0), Tuple2s.of(3, 1), Tuple2s.of(6, 2),
                    Tuple2s.of(1, -3));
            Arbitrary<String> locals = Arbitraries.frequency(Tuple2s.of(12, "unique"), Tuple2s.of(1, "relative"));
            Arbitrary<Integer> sizes = Arbitraries.integers().between(1, 3);
            return sizes.flatMap(n -> Combinators.combine(resources.list().ofSize(n), locals.list().ofSize(n))
                    .as((rs, ls) -> Transformer.mutate("addFileSet(" + rs + ", " + ls + ")", h -> h.addFileSet(rs, ls))));
        }
    }

    /** Every setter with edge values: 0, 1, 2^31, 2^32-1, bits outside 0x3F, null callbacks and names. */
    final class SettersAction implements Action.Independent<ModelHarness> {
        @Override
        public Arbitrary<Transformer<ModelHarness>> transformer() {
            Arbitrary<Transformer<ModelHarness>> priority = Arbitraries.of(BgJobPriority.class)
                    .map(p -> Transformer.mutate("setPriority(" + p + ")", h -> h.setPriority(p)));
            Arbitrary<Transformer<ModelHarness>> flags = Arbitraries.oneOf(
                            Arbitraries.of(0, 0x1, 0x3, 0x1B, 0x1F, 0x3F, 0x40, 0x100, 0x8000_0000, 0xFFFF_FFFF),
                            Arbitraries.integers().between(0, 0x3F))
                    .map(f -> Transformer.mutate("setNotifyFlags(0x" + Integer.toHexString(f) + ")", h -> h.setNotifyFlags(f)));
            Arbitrary<Transformer<ModelHarness>> timeout = Arbitraries.oneOf(
                            Arbitraries.of(0L, 1L, 3_600L, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL),
                            Arbitraries.longs().between(0, 0xFFFF_FFFFL))
                    .map(t -> Transformer.mutate("setNoProgressTimeout(" + t + ")", h -> h.setNoProgressTimeout(t)));
            Arbitrary<Transformer<ModelHarness>> callback = Arbitraries.of(true, false)
                    .map(b -> Transformer.mutate("setNotifyInterface(" + (b ? "callback" : "null") + ")", h -> h.setNotifyInterface(b)));
            Arbitrary<Transformer<ModelHarness>> displayName = names()
                    .map(n -> Transformer.mutate("setDisplayName(" + describe(n) + ")", h -> h.setDisplayName(n)));
            return Arbitraries.oneOf(priority, flags, timeout, callback, displayName);
        }
    }

    /**
     * The BITS-only settings with their edges (E_NOTIMPL where the service has no BITS methods):
     * descriptions of 1,024 and 1,025 characters and null, retry delays at 0 and around 2^32, every
     * proxy usage with and without lists, lists of 32,767 and 32,768 characters, TakeOwnership.
     */
    final class BitsSettersAction implements Action.Independent<ModelHarness> {
        @Override
        public Arbitrary<Transformer<ModelHarness>> transformer() {
            Arbitrary<Transformer<ModelHarness>> description = Arbitraries.of("", "what this job is for", "d".repeat(1_024),
                            "d".repeat(1_025)).injectNull(0.15)
                    .map(d -> Transformer.mutate("setDescription(" + describe(d) + ")", h -> h.setDescription(d)));
            Arbitrary<Transformer<ModelHarness>> retryDelay = Arbitraries.of(0L, 60L, 0xFFFF_FFFFL, 0x1_0000_0000L, -1L)
                    .map(d -> Transformer.mutate("setMinimumRetryDelay(" + d + ")", h -> h.setMinimumRetryDelay(d)));
            Arbitrary<String> lists = Arbitraries.of("proxy.example:8080", "p".repeat(32_767), "p".repeat(32_768)).injectNull(0.4);
            Arbitrary<Transformer<ModelHarness>> proxy = Combinators.combine(Arbitraries.of(BgJobProxyUsage.class), lists, lists)
                    .as((usage, list, bypass) -> Transformer.mutate("setProxySettings(" + usage + ", " + describe(list) + ", "
                            + describe(bypass) + ")", h -> h.setProxySettings(usage, list, bypass)));
            Arbitrary<Transformer<ModelHarness>> owner = Arbitraries.just(Transformer.mutate("takeOwnership()", ModelHarness::takeOwnership));
            return Arbitraries.oneOf(description, retryDelay, proxy, owner);
        }
    }

    /** IBackgroundCopyFile2::SetRemoteName on one of the job's files: the same bytes elsewhere, or a bad URL. */
    final class SetRemoteNameAction implements Action.Independent<ModelHarness> {
        @Override
        public Arbitrary<Transformer<ModelHarness>> transformer() {
            return Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.of(true, true, false))
                    .as((pick, valid) -> Transformer.mutate("setRemoteName(file " + pick + ", " + (valid ? "mirror" : "bad") + ")",
                            h -> h.setRemoteName(pick, valid)));
        }
    }

    /** {@code CreateJob} with edge names; a created job becomes the chain's subject. */
    final class CreateJobAction implements Action.Independent<ModelHarness> {
        @Override
        public Arbitrary<Transformer<ModelHarness>> transformer() {
            return names().map(n -> Transformer.mutate("createJob(" + describe(n) + ")", h -> h.createJob(n)));
        }
    }

    /** Lets the service work: {@code runUntilIdle()} or a clock advance (virtual-clock fixtures only). */
    final class RunUntilIdleAction implements Action.Independent<ModelHarness> {
        @Override
        public boolean precondition(ModelHarness state) {
            return state.hasVirtualClock();
        }

        @Override
        public Arbitrary<Transformer<ModelHarness>> transformer() {
            return Arbitraries.of(
                    Transformer.mutate("runUntilIdle()", ModelHarness::runUntilIdle),
                    Transformer.mutate("advance(PT10M)", h -> h.advance(Duration.ofMinutes(10))));
        }
    }

    private static String describe(String name) {
        return name == null ? "null" : name.length() > 12 ? name.length() + " chars" : "\"" + name + "\"";
    }

    /** Weighted choices for {@link Arbitraries#frequency}. */
    final class Tuple2s {
        private Tuple2s() {
        }

        static <T> net.jqwik.api.Tuple.Tuple2<Integer, T> of(int weight, T value) {
            return net.jqwik.api.Tuple.of(weight, value);
        }
    }
}
