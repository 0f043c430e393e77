package dev.bgcopy.api;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Providers registered for the discovery tests only (src/test/resources/META-INF/services). The
 * managers they open record their options; discovery, not transfer, is under test here.
 */
final class TestProviders {

    private TestProviders() {
    }

    /** A manager that only remembers how it was opened. */
    record OpenedManager(String provider, Map<String, String> options) implements IBackgroundCopyManager {

        private static BackgroundCopyException notHere(String method) {
            return new BackgroundCopyException("IBackgroundCopyManager::" + method, HResult.E_NOTIMPL, "discovery test manager");
        }

        @Override
        public IBackgroundCopyJob createJob(String displayName, BgJobType type) {
            throw notHere("CreateJob");
        }

        @Override
        public IBackgroundCopyJob getJob(UUID jobId) {
            throw notHere("GetJob");
        }

        @Override
        public IEnumBackgroundCopyJobs enumJobs(int flags) {
            throw notHere("EnumJobs");
        }

        @Override
        public String getErrorDescription(HResult hresult, Locale locale) {
            throw notHere("GetErrorDescription");
        }

        @Override
        public Dialect dialect() {
            return Dialect.DO;
        }

        @Override
        public Set<Feature> supportedFeatures() {
            return EnumSet.noneOf(Feature.class);
        }

        @Override
        public void close() {
        }
    }

    private abstract static class Base implements BackgroundCopyProvider {
        @Override
        public IBackgroundCopyManager open(Map<String, String> options) {
            return new OpenedManager(name(), options);
        }
    }

    /** Preferred, but never available: like windows-do on Linux. */
    public static final class Unavailable extends Base {
        @Override
        public String name() {
            return "test-unavailable";
        }

        @Override
        public int priority() {
            return 10;
        }

        @Override
        public Availability availability() {
            return Availability.no("not Windows (REGDB_E_CLASSNOTREG (0x80040154))");
        }
    }

    /** Available, second by priority. */
    public static final class Available extends Base {
        @Override
        public String name() {
            return "test-available";
        }

        @Override
        public int priority() {
            return 50;
        }

        @Override
        public Availability availability() {
            return Availability.yes();
        }
    }

    /** Available, but later than {@link Available}. */
    public static final class Fallback extends Base {
        @Override
        public String name() {
            return "test-fallback";
        }

        @Override
        public int priority() {
            return 60;
        }

        @Override
        public Availability availability() {
            return Availability.yes();
        }
    }
}
