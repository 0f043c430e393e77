package dev.bgcopy.tck;

/**
 * The root of every contract interface: the single hook an implementation's test class provides.
 * Implement {@link BackgroundCopyTck} to run the whole kit, or single contracts to run a part.
 */
public interface TckContract {

    /** The implementation under test. Called once per test class; keep it cheap (no I/O). */
    TckFixture fixture();
}
