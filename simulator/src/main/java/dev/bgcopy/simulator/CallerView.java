package dev.bgcopy.simulator;

import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IEnumBackgroundCopyJobs;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** A second client connection to a {@link JobEngine} under another identity ({@link SimulatorManager#forCaller}). */
final class CallerView implements SimulatorManager {

    private final JobEngine engine;
    private final CallerIdentity identity;

    CallerView(JobEngine engine, CallerIdentity identity) {
        this.engine = engine;
        this.identity = identity;
    }

    @Override
    public IBackgroundCopyJob createJob(String displayName, BgJobType type) {
        return engine.createJob(displayName, type, identity);
    }

    @Override
    public IBackgroundCopyJob getJob(UUID jobId) {
        return engine.getJob(jobId, identity);
    }

    @Override
    public IEnumBackgroundCopyJobs enumJobs(int flags) {
        return engine.enumJobs(flags, identity);
    }

    @Override
    public String getErrorDescription(HResult hresult, Locale locale) {
        return engine.getErrorDescription(hresult, locale);
    }

    @Override
    public Dialect dialect() {
        return engine.dialect();
    }

    @Override
    public Set<Feature> supportedFeatures() {
        return engine.supportedFeatures();
    }

    @Override
    public SimulatorConfig config() {
        return engine.config();
    }

    @Override
    public void runUntilIdle() {
        engine.runUntilIdle();
    }

    @Override
    public void setCaller(CallerIdentity caller) {
        engine.setCaller(caller);
    }

    @Override
    public CallerIdentity caller() {
        return identity;
    }

    @Override
    public SimulatorManager forCaller(CallerIdentity other) {
        return engine.forCaller(other);
    }

    @Override
    public void denyWrites(Path directory) {
        engine.denyWrites(directory);
    }

    @Override
    public void allowWrites(Path directory) {
        engine.allowWrites(directory);
    }

    @Override
    public void setRenameFailure(HResult failure) {
        engine.setRenameFailure(failure);
    }

    @Override
    public void setDeleteFailure(boolean failing) {
        engine.setDeleteFailure(failing);
    }

    @Override
    public void logOff(String user) {
        engine.logOff(user);
    }

    @Override
    public void close() {
        // Releases this connection only; the service goes on.
    }
}
