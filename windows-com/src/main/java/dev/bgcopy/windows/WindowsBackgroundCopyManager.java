package dev.bgcopy.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.api.IEnumBackgroundCopyJobs;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.Guids;
import dev.bgcopy.windows.internal.LanguageIds;
import dev.bgcopy.windows.internal.OutBuffer;
import dev.bgcopy.windows.internal.Slots;
import dev.bgcopy.windows.internal.Wide;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** {@code IBackgroundCopyManager} of dosvc or qmgr (docs/contract.md §3.2): the façade over its vtable. */
final class WindowsBackgroundCopyManager extends ComBacked implements IBackgroundCopyManager {

    WindowsBackgroundCopyManager(Binding binding, ComPtr com) {
        super(binding, com);
    }

    @Override
    public IBackgroundCopyJob createJob(String displayName, BgJobType type) {
        Objects.requireNonNull(type, "type");
        Memory name = Wide.toNative(displayName);
        // Out-values: the job's GUID, then the [itf-out] pointer.
        try (OutBuffer out = OutBuffer.acquire(Guids.SIZE + Native.POINTER_SIZE)) {
            Pointer job = out.at(Guids.SIZE);
            call("CreateJob", Slots.Manager.CREATE_JOB, name, type.nativeValue(), out.pointer(), job);
            return new WindowsBackgroundCopyJob(binding, ComPtr.adopt(runtime(), job.getPointer(0), "IBackgroundCopyJob"));
        }
    }

    @Override
    public IBackgroundCopyJob getJob(UUID jobId) {
        Objects.requireNonNull(jobId, "jobId");
        return new WindowsBackgroundCopyJob(binding,
                callForInterface("GetJob", "IBackgroundCopyJob", Slots.Manager.GET_JOB, Guids.toNative(jobId)));
    }

    @Override
    public IEnumBackgroundCopyJobs enumJobs(int flags) {
        return new WindowsEnumBackgroundCopyJobs(binding,
                callForInterface("EnumJobs", "IEnumBackgroundCopyJobs", Slots.Manager.ENUM_JOBS, flags));
    }

    @Override
    public String getErrorDescription(HResult hresult, Locale locale) {
        Objects.requireNonNull(hresult, "hresult");
        return callForString("GetErrorDescription", Slots.Manager.GET_ERROR_DESCRIPTION, hresult.value(),
                LanguageIds.of(locale));
    }

    @Override
    public Dialect dialect() {
        return binding.kind().dialect();
    }

    @Override
    public Set<Feature> supportedFeatures() {
        return binding.kind().features();
    }
}
