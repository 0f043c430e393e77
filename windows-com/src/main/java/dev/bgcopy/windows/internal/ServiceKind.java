package dev.bgcopy.windows.internal;

import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** The two Windows services the binding reaches, with what each implements. */
public enum ServiceKind {
    /** Delivery Optimization ({@code dosvc}). */
    DELIVERY_OPTIMIZATION("windows-do", 100, Guids.CLSID_DELIVERY_OPTIMIZATION, "CLSID_DeliveryOptimization",
            Dialect.DO, EnumSet.of(Feature.ADD_FILE_WITH_RANGES, Feature.DO_EXTENSIONS, Feature.JOB_PROPERTIES,
                    Feature.CALLBACKS)),
    /** BITS ({@code qmgr}). */
    BITS("windows-bits", 200, Guids.CLSID_BACKGROUND_COPY_MANAGER, "CLSID_BackgroundCopyManager",
            Dialect.BITS, EnumSet.of(Feature.BITS_METHODS, Feature.HTTP_OPTIONS, Feature.BITS3_INTERFACES,
                    Feature.JOB_PROPERTIES, Feature.HTTP_OPTIONS_10, Feature.ON_DEMAND_RANGES,
                    Feature.CALLBACKS));

    private final String providerName;
    private final int priority;
    private final UUID clsid;
    private final String clsidName;
    private final Dialect dialect;
    private final Set<Feature> features;

    ServiceKind(String providerName, int priority, UUID clsid, String clsidName, Dialect dialect, Set<Feature> features) {
        this.providerName = providerName;
        this.priority = priority;
        this.clsid = clsid;
        this.clsidName = clsidName;
        this.dialect = dialect;
        this.features = Set.copyOf(features);
    }

    /** The provider name users select. */
    public String providerName() {
        return providerName;
    }

    /** The provider priority. */
    public int priority() {
        return priority;
    }

    /** The coclass. */
    public UUID clsid() {
        return clsid;
    }

    /** The coclass's name, for messages. */
    public String clsidName() {
        return clsidName;
    }

    /** The error-code dialect. */
    public Dialect dialect() {
        return dialect;
    }

    /** The optional features of the contract the service implements. */
    public Set<Feature> features() {
        return features;
    }
}
