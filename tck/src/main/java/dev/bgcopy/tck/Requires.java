package dev.bgcopy.tck;

import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a contract test needs from the fixture. A test whose requirements the fixture does not meet
 * is skipped (jqwik {@code SkipExecutionHook}) and the report shows why. Optional features are tested
 * on both sides: one test {@code @Requires(Feature.X)}, one {@code @Requires(absent = Feature.X)}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Requires {

    /** Features that must be supported. */
    Feature[] value() default {};

    /** Features that must NOT be supported (the "absent" side of an optional feature). */
    Feature[] absent() default {};

    /** The dialects the rule applies to; empty means both. */
    Dialect[] dialect() default {};

    /** Whether the rule is checked in strict mode only (mode "S" in docs/contract.md §9). */
    boolean strictOnly() default false;

    /** Deterministic controls the test needs. */
    Capability[] capabilities() default {};
}
