package dev.bgcopy.cli.internal;

import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.BackgroundCopyProvider;

/** The {@code --backend} values and the providers they select ({@link BackgroundCopyProvider#name()}). */
public enum Backend {
    /** Windows Delivery Optimization (dosvc), provider {@code windows-do}. */
    DO("windows-do"),
    /** Windows BITS (qmgr), provider {@code windows-bits}. */
    BITS("windows-bits"),
    /** The pure-Java engine, provider {@code simulator}. */
    SIMULATOR("simulator");

    private final String provider;

    Backend(String provider) {
        this.provider = provider;
    }

    /** The provider name passed to {@link BackgroundCopy#open(String, java.util.Map)}. */
    public String provider() {
        return provider;
    }

    /** The default: Delivery Optimization where it is available (Windows 10 1709+), else the simulator. */
    public static Backend defaultHere() {
        for (BackgroundCopyProvider p : BackgroundCopy.providers()) {
            if (p.name().equals(DO.provider) && p.isAvailable()) {
                return DO;
            }
        }
        return SIMULATOR;
    }
}
