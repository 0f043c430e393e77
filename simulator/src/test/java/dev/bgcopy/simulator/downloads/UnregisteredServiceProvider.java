package dev.bgcopy.simulator.downloads;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BackgroundCopyProvider;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyManager;
import java.util.Map;

/**
 * A service that is installed but whose class is not registered: {@code CoCreateInstance} answering
 * {@code REGDB_E_CLASSNOTREG}, as on a Windows edition without Delivery Optimization. It comes before
 * the simulator, so {@code Downloads.open(application)} must pass over it. Registered for the
 * simulator's tests only (test resources, {@code META-INF/services}).
 */
public final class UnregisteredServiceProvider implements BackgroundCopyProvider {

    /** Its name. */
    public static final String NAME = "test-unregistered";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public IBackgroundCopyManager open(Map<String, String> options) {
        throw new BackgroundCopyException("CoCreateInstance", HResult.REGDB_E_CLASSNOTREG, "class not registered");
    }
}
