package dev.bgcopy.api;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds and opens a transfer service: the Java counterpart of {@code CoCreateInstance} on the DO or
 * BITS coclass.
 *
 * <pre>{@code
 * try (IBackgroundCopyManager manager = BackgroundCopy.open()) {            // best available
 *     ...
 * }
 * IBackgroundCopyManager sim = BackgroundCopy.open("simulator", Map.of("dialect", "bits"));
 * }</pre>
 *
 * <p>{@link #open()} takes the first available provider by {@link BackgroundCopyProvider#priority()}:
 * {@code windows-do}, then {@code windows-bits}, then {@code simulator}. When nothing fits, the
 * exception lists every provider that exists and why each is unavailable.
 */
public final class BackgroundCopy {

    private static final String OPEN = "BackgroundCopy.open";

    private BackgroundCopy() {
    }

    /** Every provider on the class path or module path, by priority. */
    public static List<BackgroundCopyProvider> providers() {
        return ServiceLoader.load(BackgroundCopyProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparingInt(BackgroundCopyProvider::priority)
                        .thenComparing(BackgroundCopyProvider::name))
                .collect(Collectors.toUnmodifiableList());
    }

    /**
     * A manager from the first available provider, with no options.
     *
     * @throws BackgroundCopyException {@code REGDB_E_CLASSNOTREG} when no provider is available
     */
    public static IBackgroundCopyManager open() {
        List<BackgroundCopyProvider> providers = providers();
        for (BackgroundCopyProvider provider : providers) {
            if (provider.isAvailable()) {
                return provider.open(Map.of());
            }
        }
        throw new BackgroundCopyException(OPEN, HResult.REGDB_E_CLASSNOTREG,
                "no background copy provider is available; " + describe(providers));
    }

    /**
     * A manager from the provider called {@code name}.
     *
     * @throws BackgroundCopyException {@code REGDB_E_CLASSNOTREG} when there is no such provider or it is
     *         unavailable here; {@code E_INVALIDARG} when {@code name} or {@code options} is null (as
     *         {@code CoCreateInstance} for a null argument); whatever the provider throws for bad options
     */
    public static IBackgroundCopyManager open(String name, Map<String, String> options) {
        requireArgument(name, "name");
        requireArgument(options, "options");
        List<BackgroundCopyProvider> providers = providers();
        for (BackgroundCopyProvider provider : providers) {
            if (provider.name().equals(name)) {
                BackgroundCopyProvider.Availability availability = provider.availability();
                if (!availability.available()) {
                    throw new BackgroundCopyException(OPEN, HResult.REGDB_E_CLASSNOTREG,
                            "provider '" + name + "' is unavailable: " + availability.reason() + "; "
                                    + describe(providers));
                }
                return provider.open(Map.copyOf(options));
            }
        }
        throw new BackgroundCopyException(OPEN, HResult.REGDB_E_CLASSNOTREG,
                "no provider named '" + name + "'; " + describe(providers));
    }

    private static String describe(List<BackgroundCopyProvider> providers) {
        if (providers.isEmpty()) {
            return "no providers are installed (add bgcopy-simulator or bgcopy-windows-com to the class path)";
        }
        return "providers: " + providers.stream()
                .map(p -> {
                    BackgroundCopyProvider.Availability a = p.availability();
                    return p.name() + (a.available() ? " (available)" : " (unavailable: " + a.reason() + ")");
                })
                .collect(Collectors.joining(", "));
    }

    private static void requireArgument(Object argument, String name) {
        if (argument == null) {
            throw new BackgroundCopyException(OPEN, HResult.E_INVALIDARG, "the " + name + " argument is null");
        }
    }
}
