package dev.bgcopy.cli;

import dev.bgcopy.api.BackgroundCopyProvider;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.api.IEnumBackgroundCopyJobs;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;

/**
 * For in-process tests of the commands that work across invocations, before the simulator's durable
 * store exists: a provider named {@code simulator}, ahead of the real one, that gives every
 * {@code Bgcopy.run} with the same {@code store} option the same real simulator manager (opened once
 * through the real provider) and ignores {@code close()}, as a durable store would keep the jobs. Only
 * the in-process test class path registers it; the jar the integration tests run never sees it.
 */
public final class SharedSimulatorProvider implements BackgroundCopyProvider {

    private static final Map<String, IBackgroundCopyManager> SHARED = new HashMap<>();

    @Override
    public String name() {
        return "simulator";
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
        Map<String, String> rest = new HashMap<>(options);
        String store = rest.remove("store");
        if (store == null) {
            return real().open(rest);
        }
        synchronized (SHARED) {
            IBackgroundCopyManager manager = SHARED.computeIfAbsent(store + "|" + rest, k -> real().open(rest));
            return new Unclosed(manager);
        }
    }

    /** Closes the managers of {@code store} (end of a test). */
    static void closeAll() {
        synchronized (SHARED) {
            SHARED.values().forEach(IBackgroundCopyManager::close);
            SHARED.clear();
        }
    }

    private static BackgroundCopyProvider real() {
        return ServiceLoader.load(BackgroundCopyProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("simulator") && !(p instanceof SharedSimulatorProvider))
                .findFirst().orElseThrow();
    }

    /** The shared manager, with close() left to {@link #closeAll()}. */
    private record Unclosed(IBackgroundCopyManager manager) implements IBackgroundCopyManager {
        @Override
        public IBackgroundCopyJob createJob(String displayName, BgJobType type) {
            return manager.createJob(displayName, type);
        }

        @Override
        public IBackgroundCopyJob getJob(UUID jobId) {
            return manager.getJob(jobId);
        }

        @Override
        public IEnumBackgroundCopyJobs enumJobs(int flags) {
            return manager.enumJobs(flags);
        }

        @Override
        public String getErrorDescription(HResult hresult, Locale locale) {
            return manager.getErrorDescription(hresult, locale);
        }

        @Override
        public Dialect dialect() {
            return manager.dialect();
        }

        @Override
        public Set<Feature> supportedFeatures() {
            return manager.supportedFeatures();
        }

        @Override
        public void close() {
        }
    }
}
