package dev.bgcopy.tck;

import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/** Builds a {@link TckFixture}; see {@link TckFixture#builder(String)}. */
public final class TckFixtureBuilder {

    private final String name;
    private Dialect dialect;
    private TckMode mode = TckMode.STRICT;
    private final EnumSet<Feature> features = EnumSet.noneOf(Feature.class);
    private final EnumSet<Capability> capabilities = EnumSet.noneOf(Capability.class);
    private final List<Suppression> suppressions = new ArrayList<>();
    private BiFunction<Path, RemoteContent, TckService> opener;

    TckFixtureBuilder(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The dialect; required. */
    public TckFixtureBuilder dialect(Dialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        return this;
    }

    /** The mode; {@link TckMode#STRICT} unless set. */
    public TckFixtureBuilder mode(TckMode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /** The optional features claimed. */
    public TckFixtureBuilder features(Feature... features) {
        this.features.addAll(List.of(features));
        return this;
    }

    /** The optional features claimed. */
    public TckFixtureBuilder features(Set<Feature> features) {
        this.features.addAll(features);
        return this;
    }

    /** The deterministic controls offered. */
    public TckFixtureBuilder capabilities(Capability... capabilities) {
        this.capabilities.addAll(List.of(capabilities));
        return this;
    }

    /** Adds a named suppression; see {@link Suppression}. */
    public TckFixtureBuilder suppressing(Suppression suppression) {
        this.suppressions.add(Objects.requireNonNull(suppression, "suppression"));
        return this;
    }

    /** How to open one instance per test; required. */
    public TckFixtureBuilder opener(BiFunction<Path, RemoteContent, TckService> opener) {
        this.opener = Objects.requireNonNull(opener, "opener");
        return this;
    }

    /** The fixture. */
    public TckFixture build() {
        if (dialect == null) {
            throw new IllegalStateException("dialect(...) was not called");
        }
        if (opener == null) {
            throw new IllegalStateException("opener(...) was not called");
        }
        Dialect d = dialect;
        TckMode m = mode;
        Set<Feature> f = Set.copyOf(features);
        Set<Capability> c = Set.copyOf(capabilities);
        List<Suppression> s = List.copyOf(suppressions);
        BiFunction<Path, RemoteContent, TckService> o = opener;
        return new TckFixture() {
            @Override public String name() { return name; }
            @Override public Dialect dialect() { return d; }
            @Override public TckMode mode() { return m; }
            @Override public Set<Feature> features() { return f; }
            @Override public Set<Capability> capabilities() { return c; }
            @Override public List<Suppression> suppressions() { return s; }
            @Override public TckService open(Path dir, RemoteContent content) { return o.apply(dir, content); }
            @Override public String toString() { return name + "[" + d + ", " + m + "]"; }
        };
    }
}
