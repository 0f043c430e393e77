package dev.bgcopy.tck.internal;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Bounds and seeds the kit's properties from system properties, so a build can deepen them without
 * editing code: {@code -Dtck.tries=N} (default 100) and {@code -Dtck.seed=S} (default fixed, so every
 * run is reproducible; jqwik prints the seed of a failing run).
 */
public final class TckTriesHook implements AroundPropertyHook {

    /** The seed used unless {@code -Dtck.seed} says otherwise. */
    public static final String DEFAULT_SEED = "20261121";

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        context.attributes().setTries(Integer.getInteger("tck.tries", 100));
        context.attributes().setSeed(System.getProperty("tck.seed", DEFAULT_SEED));
        return property.execute();
    }
}
