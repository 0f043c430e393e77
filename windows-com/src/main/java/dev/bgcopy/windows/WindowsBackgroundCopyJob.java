package dev.bgcopy.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import dev.bgcopy.api.BgFileInfo;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.BgProxySettings;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IEnumBackgroundCopyFiles;
import dev.bgcopy.windows.internal.ComObject;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.Guids;
import dev.bgcopy.windows.internal.Hr;
import dev.bgcopy.windows.internal.OutBuffer;
import dev.bgcopy.windows.internal.Slots;
import dev.bgcopy.windows.internal.Structs;
import dev.bgcopy.windows.internal.Wide;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code IBackgroundCopyJob} (docs/contract.md §3.3) with {@code IDeliveryOptimizationJob::AddFileWithRanges}
 * (§3.4) reached by {@code QueryInterface}: one method per vtable slot.
 */
class WindowsBackgroundCopyJob extends ComBacked implements IBackgroundCopyJob {

    private static final int JOB_PROGRESS_SIZE = new Structs.JobProgress().size();
    private static final int JOB_TIMES_SIZE = new Structs.JobTimes().size();

    WindowsBackgroundCopyJob(Binding binding, ComPtr com) {
        super(binding, com);
    }

    @Override
    public void addFileSet(List<BgFileInfo> files) {
        Objects.requireNonNull(files, "files");
        List<Memory> strings = new ArrayList<>();
        Structs.FileInfo[] array = null;
        if (!files.isEmpty()) {
            array = (Structs.FileInfo[]) new Structs.FileInfo().toArray(files.size());
            for (int i = 0; i < array.length; i++) {
                Memory remote = Wide.toNative(files.get(i).remoteName());
                Memory local = Wide.toNative(files.get(i).localName());
                strings.add(remote);
                strings.add(local);
                array[i].RemoteName = remote;
                array[i].LocalName = local;
                array[i].write();
            }
        }
        call("AddFileSet", Slots.Job.ADD_FILE_SET, files.size(), array == null ? null : array[0].getPointer());
        // The strings must outlive the call: the array only points at them.
        strings.clear();
    }

    @Override
    public void addFile(String remoteUrl, String localName) {
        call("AddFile", Slots.Job.ADD_FILE, Wide.toNative(remoteUrl), Wide.toNative(localName));
    }

    @Override
    public IEnumBackgroundCopyFiles enumFiles() {
        return new WindowsEnumBackgroundCopyFiles(binding,
                callForInterface("EnumFiles", "IEnumBackgroundCopyFiles", Slots.Job.ENUM_FILES));
    }

    @Override
    public void suspend() {
        call("Suspend", Slots.Job.SUSPEND);
    }

    @Override
    public void resume() {
        call("Resume", Slots.Job.RESUME);
    }

    @Override
    public void cancel() {
        call("Cancel", Slots.Job.CANCEL);
    }

    @Override
    public HResult complete() {
        return call("Complete", Slots.Job.COMPLETE);
    }

    @Override
    public UUID getId() {
        try (OutBuffer out = OutBuffer.acquire(Guids.SIZE)) {
            call("GetId", Slots.Job.GET_ID, out.pointer());
            return Guids.read(out.pointer());
        }
    }

    @Override
    public BgJobType getType() {
        int value = callForInt("GetType", Slots.Job.GET_TYPE);
        return BgJobType.fromNative(value).orElseThrow(() -> unknown("GetType", "BG_JOB_TYPE", value));
    }

    @Override
    public BgJobProgress getProgress() {
        try (OutBuffer out = OutBuffer.acquire(JOB_PROGRESS_SIZE)) {
            call("GetProgress", Slots.Job.GET_PROGRESS, out.pointer());
            return Structs.JobProgress.read(out.pointer());
        }
    }

    @Override
    public BgJobTimes getTimes() {
        try (OutBuffer out = OutBuffer.acquire(JOB_TIMES_SIZE)) {
            call("GetTimes", Slots.Job.GET_TIMES, out.pointer());
            return Structs.JobTimes.read(out.pointer());
        }
    }

    @Override
    public BgJobState getState() {
        int value = callForInt("GetState", Slots.Job.GET_STATE);
        return BgJobState.fromNative(value).orElseThrow(() -> unknown("GetState", "BG_JOB_STATE", value));
    }

    @Override
    public IBackgroundCopyError getError() {
        return new WindowsBackgroundCopyError(binding,
                callForInterface("GetError", "IBackgroundCopyError", Slots.Job.GET_ERROR));
    }

    @Override
    public String getOwner() {
        return callForString("GetOwner", Slots.Job.GET_OWNER);
    }

    @Override
    public void setDisplayName(String displayName) {
        call("SetDisplayName", Slots.Job.SET_DISPLAY_NAME, Wide.toNative(displayName));
    }

    @Override
    public String getDisplayName() {
        return callForString("GetDisplayName", Slots.Job.GET_DISPLAY_NAME);
    }

    @Override
    public void setDescription(String description) {
        call("SetDescription", Slots.Job.SET_DESCRIPTION, Wide.toNative(description));
    }

    @Override
    public String getDescription() {
        return callForString("GetDescription", Slots.Job.GET_DESCRIPTION);
    }

    @Override
    public void setPriority(BgJobPriority priority) {
        Objects.requireNonNull(priority, "priority");
        call("SetPriority", Slots.Job.SET_PRIORITY, priority.nativeValue());
    }

    @Override
    public BgJobPriority getPriority() {
        int value = callForInt("GetPriority", Slots.Job.GET_PRIORITY);
        return BgJobPriority.fromNative(value).orElseThrow(() -> unknown("GetPriority", "BG_JOB_PRIORITY", value));
    }

    @Override
    public void setNotifyFlags(int notifyFlags) {
        call("SetNotifyFlags", Slots.Job.SET_NOTIFY_FLAGS, notifyFlags);
    }

    @Override
    public int getNotifyFlags() {
        return callForInt("GetNotifyFlags", Slots.Job.GET_NOTIFY_FLAGS);
    }

    @Override
    public void setNotifyInterface(IBackgroundCopyCallback callback) {
        if (callback == null) {
            call("SetNotifyInterface", Slots.Job.SET_NOTIFY_INTERFACE, (Pointer) null);
            return;
        }
        // The service AddRefs what it keeps; our creation reference is dropped whatever happens.
        ComObject exported = CallbackExport.export(binding, callback);
        try {
            call("SetNotifyInterface", Slots.Job.SET_NOTIFY_INTERFACE, exported.pointer());
        } finally {
            runtime().thread().call(exported::release);
        }
    }

    @Override
    public Optional<IBackgroundCopyCallback> getNotifyInterface() {
        ComPtr returned = callForInterface("GetNotifyInterface", "IUnknown", Slots.Job.GET_NOTIFY_INTERFACE);
        if (returned == null) {
            return Optional.empty();
        }
        return Optional.of(CallbackExport.unwrap(binding, returned));
    }

    @Override
    public void setMinimumRetryDelay(long seconds) {
        call("SetMinimumRetryDelay", Slots.Job.SET_MINIMUM_RETRY_DELAY,
                Hr.ulong(method("SetMinimumRetryDelay"), seconds, "seconds"));
    }

    @Override
    public long getMinimumRetryDelay() {
        return Integer.toUnsignedLong(callForInt("GetMinimumRetryDelay", Slots.Job.GET_MINIMUM_RETRY_DELAY));
    }

    @Override
    public void setNoProgressTimeout(long seconds) {
        call("SetNoProgressTimeout", Slots.Job.SET_NO_PROGRESS_TIMEOUT,
                Hr.ulong(method("SetNoProgressTimeout"), seconds, "seconds"));
    }

    @Override
    public long getNoProgressTimeout() {
        return Integer.toUnsignedLong(callForInt("GetNoProgressTimeout", Slots.Job.GET_NO_PROGRESS_TIMEOUT));
    }

    @Override
    public long getErrorCount() {
        return Integer.toUnsignedLong(callForInt("GetErrorCount", Slots.Job.GET_ERROR_COUNT));
    }

    @Override
    public void setProxySettings(BgJobProxyUsage usage, String proxyList, String proxyBypassList) {
        Objects.requireNonNull(usage, "usage");
        call("SetProxySettings", Slots.Job.SET_PROXY_SETTINGS, usage.nativeValue(), Wide.toNative(proxyList),
                Wide.toNative(proxyBypassList));
    }

    @Override
    public BgProxySettings getProxySettings() {
        // Out-values: the usage (a 4-byte enum, padded to a pointer) then the two [str-out] pointers.
        int ptr = Native.POINTER_SIZE;
        try (OutBuffer out = OutBuffer.acquire(3 * ptr)) {
            Pointer list = out.at(ptr);
            Pointer bypass = out.at(2L * ptr);
            try {
                call("GetProxySettings", Slots.Job.GET_PROXY_SETTINGS, out.pointer(), list, bypass);
                int usage = out.pointer().getInt(0);
                BgJobProxyUsage u = BgJobProxyUsage.fromNative(usage)
                        .orElseThrow(() -> unknown("GetProxySettings", "BG_JOB_PROXY_USAGE", usage));
                return new BgProxySettings(u, Wide.read(list.getPointer(0)), Wide.read(bypass.getPointer(0)));
            } finally {
                runtime().coTaskMemFree(list.getPointer(0));
                runtime().coTaskMemFree(bypass.getPointer(0));
            }
        }
    }

    @Override
    public void takeOwnership() {
        call("TakeOwnership", Slots.Job.TAKE_OWNERSHIP);
    }

    @Override
    public void addFileWithRanges(String fileId, String remoteUrl, String localName, List<BgFileRange> ranges,
            long fileSize) {
        Objects.requireNonNull(ranges, "ranges");
        String method = "IDeliveryOptimizationJob::AddFileWithRanges";
        ComPtr doJob = com.queryInterface(Guids.IID_IDELIVERY_OPTIMIZATION_JOB, "IDeliveryOptimizationJob")
                .orElseThrow(() -> Hr.fail(method, HResult.E_NOINTERFACE,
                        "this service has no IDeliveryOptimizationJob"));
        try (doJob) {
            Structs.FileRange[] array = Structs.FileRange.array(ranges);
            Hr.check(method, doJob.invoke(Slots.DoJob.ADD_FILE_WITH_RANGES, Wide.toNative(fileId),
                    Wide.toNative(remoteUrl), Wide.toNative(localName), ranges.size(),
                    array == null ? null : array[0].getPointer(), fileSize));
        }
    }

    private IllegalStateException unknown(String name, String type, int value) {
        return new IllegalStateException(method(name) + " returned a " + type + " the contract does not define: " + value);
    }
}
