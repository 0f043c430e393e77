package dev.bgcopy.tck.internal;

import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import dev.bgcopy.tck.Capability;
import dev.bgcopy.tck.Requires;
import dev.bgcopy.tck.Suppression;
import dev.bgcopy.tck.TckContract;
import dev.bgcopy.tck.TckFixture;
import dev.bgcopy.tck.TckMode;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.MethodLifecycleContext;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * The one place that decides whether a contract test runs against a fixture: {@link Requires}
 * (features on both sides, dialect, strict-only rules, capabilities) and the fixture's named
 * {@link Suppression}s. Registered globally for jqwik through ServiceLoader; it ignores every test
 * that is not a {@link TckContract} method.
 */
public final class RequiresHook implements SkipExecutionHook {

    private static final Map<Class<?>, TckFixture> FIXTURES = new ConcurrentHashMap<>();

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public boolean appliesTo(Optional<AnnotatedElement> element) {
        return element.map(e -> e instanceof Method).orElse(false);
    }

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        if (!(context instanceof MethodLifecycleContext methodContext)) {
            return SkipResult.doNotSkip();
        }
        Class<?> container = methodContext.containerClass();
        if (!TckContract.class.isAssignableFrom(container)) {
            return SkipResult.doNotSkip();
        }
        TckFixture fixture = FIXTURES.computeIfAbsent(container, c -> fixtureOf(methodContext));
        Optional<String> reason = skipReason(fixture, methodContext.targetMethod());
        return reason.map(SkipResult::skip).orElse(SkipResult.doNotSkip());
    }

    private static TckFixture fixtureOf(MethodLifecycleContext context) {
        Object instance;
        try {
            instance = context.testInstance();
        } catch (RuntimeException notYetCreated) {
            instance = null;
        }
        if (!(instance instanceof TckContract)) {
            instance = context.newInstance(context.containerClass());
        }
        return ((TckContract) instance).fixture();
    }

    /** Why {@code test} must not run against {@code fixture}, or empty when it runs. */
    public static Optional<String> skipReason(TckFixture fixture, Method test) {
        for (Suppression s : fixture.suppressions()) {
            if (s.method().equals(test.getName()) && s.contract().isAssignableFrom(test.getDeclaringClass())
                    || s.method().equals(test.getName()) && test.getDeclaringClass().isAssignableFrom(s.contract())) {
                return Optional.of("SUPPRESSED: " + s.reason());
            }
        }
        Requires requires = test.getAnnotation(Requires.class);
        if (requires == null) {
            return Optional.empty();
        }
        if (requires.strictOnly() && fixture.mode() == TckMode.LENIENT) {
            return Optional.of("strict-only rule (mode S: SIM/UNDOC behaviour); " + fixture.name() + " runs LENIENT");
        }
        if (requires.dialect().length > 0 && !Arrays.asList(requires.dialect()).contains(fixture.dialect())) {
            return Optional.of("applies to the " + Arrays.toString(requires.dialect()) + " dialect only; "
                    + fixture.name() + " speaks " + fixture.dialect());
        }
        for (Feature f : requires.value()) {
            if (!fixture.features().contains(f)) {
                return Optional.of("needs Feature." + f + ", which " + fixture.name() + " does not support");
            }
        }
        for (Feature f : requires.absent()) {
            if (fixture.features().contains(f)) {
                return Optional.of("checks the behaviour without Feature." + f + ", which " + fixture.name() + " supports");
            }
        }
        for (Capability c : requires.capabilities()) {
            if (!fixture.capabilities().contains(c)) {
                return Optional.of("needs Capability." + c + ", which " + fixture.name() + " does not offer"
                        + c.whyOftenAbsent().map(why -> " (" + why + ")").orElse(""));
            }
        }
        return Optional.empty();
    }

    static boolean isDialect(TckFixture fixture, Dialect dialect) {
        return fixture.dialect() == dialect;
    }
}
