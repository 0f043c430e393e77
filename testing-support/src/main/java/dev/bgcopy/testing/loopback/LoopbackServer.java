package dev.bgcopy.testing.loopback;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

import dev.bgcopy.api.BackgroundCopyEnumerator;
import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgAuthCredentials;
import dev.bgcopy.api.BgAuthScheme;
import dev.bgcopy.api.BgAuthTarget;
import dev.bgcopy.api.BgBasicCredentials;
import dev.bgcopy.api.BgCertStoreLocation;
import dev.bgcopy.api.BgClientCertificate;
import dev.bgcopy.api.BgFileInfo;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobProxyUsage;
import dev.bgcopy.api.BgJobReplyProgress;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.BgNotifyCmdLine;
import dev.bgcopy.api.BgPeerDownloadStats;
import dev.bgcopy.api.BgProxySettings;
import dev.bgcopy.api.BitsFilePropertyId;
import dev.bgcopy.api.BitsJobPropertyId;
import dev.bgcopy.api.DoFilePropertyId;
import dev.bgcopy.api.DoSwarmStats;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyCallback3;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyFile4;
import dev.bgcopy.api.IBackgroundCopyFile5;
import dev.bgcopy.api.IBackgroundCopyFile6;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJob2;
import dev.bgcopy.api.IBackgroundCopyJob4;
import dev.bgcopy.api.IBackgroundCopyJob5;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions3;
import dev.bgcopy.api.IBackgroundCopyServerCertificateValidationCallback;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.api.IDeliveryOptimizationFile2;
import dev.bgcopy.api.IDeliveryOptimizationFile;
import dev.bgcopy.api.IDeliveryOptimizationJob2;
import dev.bgcopy.api.IEnumBackgroundCopyFiles;
import dev.bgcopy.api.IEnumBackgroundCopyJobs;
import dev.bgcopy.windows.internal.ComMethod;
import dev.bgcopy.windows.internal.ComObject;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.ComVtable;
import dev.bgcopy.windows.internal.Guids;
import dev.bgcopy.windows.internal.LanguageIds;
import dev.bgcopy.windows.internal.Slots;
import dev.bgcopy.windows.internal.Structs;
import dev.bgcopy.windows.internal.Variant;
import dev.bgcopy.windows.internal.Wide;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The server side of the loopback: api objects (the simulator's) exported as native COM objects, the
 * way dosvc/qmgr serve theirs. Each method reads its native arguments (UTF-16 strings, GUIDs, structs,
 * VARIANTs), calls the api, writes the outputs the contract's way (strings and arrays in
 * {@code CoTaskMemAlloc} memory, interfaces AddRef'ed, structs in the caller's buffer) and returns the
 * HRESULT; a {@link BackgroundCopyException} becomes its code. A callback registered by the client is
 * called back through its native vtable, from the simulator's own thread, as a service would.
 */
final class LoopbackServer {

    private static final Class<?> P = Pointer.class;
    private static final Class<?> I = int.class;
    private static final Class<?> L = long.class;

    private LoopbackServer() {
    }

    // ---- what each exported object stands for ----

    private record Served(LoopbackComRuntime rt, Object api) {
    }

    private record ServedJob(LoopbackComRuntime rt, IBackgroundCopyJob job, IDeliveryOptimizationJob2 job2,
            IBackgroundCopyJob2 bitsJob2, IBackgroundCopyJobHttpOptions http) {
    }

    private record ServedFile(LoopbackComRuntime rt, IBackgroundCopyFile file, IDeliveryOptimizationFile doFile,
            IDeliveryOptimizationFile2 doFile2) {
    }

    /** Whether {@code object} is one of the service's objects (a proxy, as the client sees it). */
    static boolean serves(ComObject object) {
        Object target = object.target();
        return target instanceof Served || target instanceof ServedJob || target instanceof ServedFile;
    }

    @SuppressWarnings("unchecked")
    private static <T> T api(ComObject self) {
        return (T) ((Served) self.target()).api();
    }

    private static LoopbackComRuntime rt(ComObject self) {
        Object target = self.target();
        if (target instanceof ServedJob) {
            return ((ServedJob) target).rt();
        }
        if (target instanceof ServedFile) {
            return ((ServedFile) target).rt();
        }
        return ((Served) target).rt();
    }

    private static ServedJob job(ComObject self) {
        return (ServedJob) self.target();
    }

    private static ServedFile file(ComObject self) {
        return (ServedFile) self.target();
    }

    /**
     * A service vtable whose methods behave as calls through a proxy of the MTA: each records its calling
     * thread ({@link LoopbackComRuntime#lastCaller}) and answers {@code RPC_E_WRONG_THREAD} to a thread
     * outside the MTA, as a real proxy does, before the method runs.
     */
    private static ComVtable served(String name, Set<UUID> iids, List<ComMethod> methods) {
        return ComVtable.of(name, iids, guarded(name, methods));
    }

    /** {@code methods} of interface {@code name}, each guarded and recorded as {@link #served} describes. */
    private static List<ComMethod> guarded(String name, List<ComMethod> methods) {
        List<ComMethod> guarded = new ArrayList<>(methods.size());
        for (ComMethod method : methods) {
            String qualified = name + "::" + method.name();
            ComMethod.Body body = method.body();
            guarded.add(new ComMethod(method.name(), method.parameterTypes(), (self, a) -> {
                int hr = rt(self).enter(qualified);
                return hr < 0 ? hr : body.invoke(self, a);
            }));
        }
        return guarded;
    }

    // ---- output helpers: the contract's ownership rules ----

    private static final int OK = HResult.S_OK.value();

    private static Pointer allocString(LoopbackComRuntime rt, String s) {
        if (s == null) {
            return null;
        }
        byte[] b = Wide.bytes(s);
        Pointer p = rt.coTaskMemAlloc(b.length);
        p.write(0, b, 0, b.length);
        return p;
    }

    private static int outString(LoopbackComRuntime rt, Pointer out, String value) {
        out.setPointer(0, allocString(rt, value));
        return OK;
    }

    private static int outInterface(Pointer out, ComObject object, UUID iid) {
        out.setPointer(0, object.pointer(iid));
        return OK;
    }

    private static BackgroundCopyException invalidArg(String method, String detail) {
        return new BackgroundCopyException(method, HResult.E_INVALIDARG, detail);
    }

    private static List<BgFileRange> ranges(String method, int count, Pointer ranges) {
        if (count != 0 && ranges == null) {
            throw invalidArg(method, "rangeCount > 0 with NULL ranges");
        }
        return Structs.FileRange.read(ranges, count);
    }

    // ---- IBackgroundCopyManager ----

    private static final ComVtable MANAGER = served("IBackgroundCopyManager",
            Set.of(Guids.IID_IBACKGROUND_COPY_MANAGER), List.of(
                    ComMethod.of("CreateJob", (self, a) -> {
                        Pointer ppJob = (Pointer) a[3];
                        ppJob.setPointer(0, null);
                        BgJobType type = BgJobType.fromNative((Integer) a[1]).orElseThrow(
                                () -> invalidArg("IBackgroundCopyManager::CreateJob", "BG_JOB_TYPE " + a[1]));
                        IBackgroundCopyJob job = LoopbackServer.<IBackgroundCopyManager>api(self)
                                .createJob(Wide.read((Pointer) a[0]), type);
                        Guids.write((Pointer) a[2], job.getId());
                        return outInterface(ppJob, exportJob(rt(self), job), Guids.IID_IBACKGROUND_COPY_JOB);
                    }, P, I, P, P),
                    ComMethod.of("GetJob", (self, a) -> {
                        Pointer ppJob = (Pointer) a[1];
                        ppJob.setPointer(0, null);
                        IBackgroundCopyJob job = LoopbackServer.<IBackgroundCopyManager>api(self)
                                .getJob(Guids.read((Pointer) a[0]));
                        return outInterface(ppJob, exportJob(rt(self), job), Guids.IID_IBACKGROUND_COPY_JOB);
                    }, P, P),
                    ComMethod.of("EnumJobs", (self, a) -> {
                        Pointer pp = (Pointer) a[1];
                        pp.setPointer(0, null);
                        IEnumBackgroundCopyJobs e = LoopbackServer.<IBackgroundCopyManager>api(self).enumJobs((Integer) a[0]);
                        return outInterface(pp, exportEnumJobs(rt(self), e), Guids.IID_IENUM_BACKGROUND_COPY_JOBS);
                    }, I, P),
                    ComMethod.of("GetErrorDescription", (self, a) -> {
                        Pointer pp = (Pointer) a[2];
                        pp.setPointer(0, null);
                        return outString(rt(self), pp, LoopbackServer.<IBackgroundCopyManager>api(self)
                                .getErrorDescription(HResult.of((Integer) a[0]), LanguageIds.toLocale((Integer) a[1])));
                    }, I, I, P)));

    static ComObject exportManager(LoopbackComRuntime rt, IBackgroundCopyManager manager) {
        return ComObject.create(new Served(rt, manager), List.of(MANAGER), null);
    }

    // ---- IBackgroundCopyJob, IDeliveryOptimizationJob, IDeliveryOptimizationJob2 ----

    private static final ComVtable JOB = served("IBackgroundCopyJob", Set.of(Guids.IID_IBACKGROUND_COPY_JOB),
            jobMethods());

    private static List<ComMethod> jobMethods() {
        List<ComMethod> m = new ArrayList<>();
        m.add(ComMethod.of("AddFileSet", (self, a) -> {
            int count = (Integer) a[0];
            Pointer set = (Pointer) a[1];
            if (count != 0 && set == null) {
                throw invalidArg("IBackgroundCopyJob::AddFileSet", "NULL file set");
            }
            List<BgFileInfo> files = new ArrayList<>();
            if (count != 0) {
                for (Structs.FileInfo info : (Structs.FileInfo[]) new Structs.FileInfo(set).toArray(count)) {
                    info.read();
                    files.add(new BgFileInfo(Wide.read(info.RemoteName), Wide.read(info.LocalName)));
                }
            }
            job(self).job().addFileSet(files);
            return OK;
        }, I, P));
        m.add(ComMethod.of("AddFile", (self, a) -> {
            job(self).job().addFile(Wide.read((Pointer) a[0]), Wide.read((Pointer) a[1]));
            return OK;
        }, P, P));
        m.add(ComMethod.of("EnumFiles", (self, a) -> {
            Pointer pp = (Pointer) a[0];
            pp.setPointer(0, null);
            return outInterface(pp, exportEnumFiles(rt(self), job(self).job().enumFiles()),
                    Guids.IID_IENUM_BACKGROUND_COPY_FILES);
        }, P));
        m.add(ComMethod.of("Suspend", (self, a) -> run(() -> job(self).job().suspend())));
        m.add(ComMethod.of("Resume", (self, a) -> run(() -> job(self).job().resume())));
        m.add(ComMethod.of("Cancel", (self, a) -> run(() -> job(self).job().cancel())));
        m.add(ComMethod.of("Complete", (self, a) -> job(self).job().complete().value()));
        m.add(ComMethod.of("GetId", (self, a) -> {
            Guids.write((Pointer) a[0], job(self).job().getId());
            return OK;
        }, P));
        m.add(ComMethod.of("GetType", (self, a) -> outInt(a[0], job(self).job().getType().nativeValue()), P));
        m.add(ComMethod.of("GetProgress", (self, a) -> {
            Structs.JobProgress s = new Structs.JobProgress((Pointer) a[0]);
            s.set(job(self).job().getProgress());
            s.write();
            return OK;
        }, P));
        m.add(ComMethod.of("GetTimes", (self, a) -> {
            Structs.JobTimes s = new Structs.JobTimes((Pointer) a[0]);
            s.set(job(self).job().getTimes());
            s.write();
            return OK;
        }, P));
        m.add(ComMethod.of("GetState", (self, a) -> outInt(a[0], job(self).job().getState().nativeValue()), P));
        m.add(ComMethod.of("GetError", (self, a) -> {
            Pointer pp = (Pointer) a[0];
            pp.setPointer(0, null);
            return outInterface(pp, exportError(rt(self), job(self).job().getError()), Guids.IID_IBACKGROUND_COPY_ERROR);
        }, P));
        m.add(ComMethod.of("GetOwner", (self, a) -> outString(rt(self), nulled(a[0]), job(self).job().getOwner()), P));
        m.add(ComMethod.of("SetDisplayName", (self, a) -> run(() -> job(self).job().setDisplayName(Wide.read((Pointer) a[0]))), P));
        m.add(ComMethod.of("GetDisplayName", (self, a) -> outString(rt(self), nulled(a[0]), job(self).job().getDisplayName()), P));
        m.add(ComMethod.of("SetDescription", (self, a) -> run(() -> job(self).job().setDescription(Wide.read((Pointer) a[0]))), P));
        m.add(ComMethod.of("GetDescription", (self, a) -> outString(rt(self), nulled(a[0]), job(self).job().getDescription()), P));
        m.add(ComMethod.of("SetPriority", (self, a) -> {
            BgJobPriority p = BgJobPriority.fromNative((Integer) a[0])
                    .orElseThrow(() -> invalidArg("IBackgroundCopyJob::SetPriority", "BG_JOB_PRIORITY " + a[0]));
            job(self).job().setPriority(p);
            return OK;
        }, I));
        m.add(ComMethod.of("GetPriority", (self, a) -> outInt(a[0], job(self).job().getPriority().nativeValue()), P));
        m.add(ComMethod.of("SetNotifyFlags", (self, a) -> run(() -> job(self).job().setNotifyFlags((Integer) a[0])), I));
        m.add(ComMethod.of("GetNotifyFlags", (self, a) -> outInt(a[0], job(self).job().getNotifyFlags()), P));
        m.add(ComMethod.of("SetNotifyInterface", (self, a) -> setNotifyInterface(job(self), (Pointer) a[0]), P));
        m.add(ComMethod.of("GetNotifyInterface", (self, a) -> getNotifyInterface(job(self), (Pointer) a[0]), P));
        m.add(ComMethod.of("SetMinimumRetryDelay", (self, a) ->
                run(() -> job(self).job().setMinimumRetryDelay(Integer.toUnsignedLong((Integer) a[0]))), I));
        m.add(ComMethod.of("GetMinimumRetryDelay", (self, a) -> outInt(a[0], (int) job(self).job().getMinimumRetryDelay()), P));
        m.add(ComMethod.of("SetNoProgressTimeout", (self, a) ->
                run(() -> job(self).job().setNoProgressTimeout(Integer.toUnsignedLong((Integer) a[0]))), I));
        m.add(ComMethod.of("GetNoProgressTimeout", (self, a) -> outInt(a[0], (int) job(self).job().getNoProgressTimeout()), P));
        m.add(ComMethod.of("GetErrorCount", (self, a) -> outInt(a[0], (int) job(self).job().getErrorCount()), P));
        m.add(ComMethod.of("SetProxySettings", (self, a) -> {
            BgJobProxyUsage usage = BgJobProxyUsage.fromNative((Integer) a[0])
                    .orElseThrow(() -> invalidArg("IBackgroundCopyJob::SetProxySettings", "BG_JOB_PROXY_USAGE " + a[0]));
            job(self).job().setProxySettings(usage, Wide.read((Pointer) a[1]), Wide.read((Pointer) a[2]));
            return OK;
        }, I, P, P));
        m.add(ComMethod.of("GetProxySettings", (self, a) -> {
            nulled(a[1]);
            nulled(a[2]);
            BgProxySettings s = job(self).job().getProxySettings();
            ((Pointer) a[0]).setInt(0, s.usage().nativeValue());
            outString(rt(self), (Pointer) a[1], s.proxyList());
            return outString(rt(self), (Pointer) a[2], s.proxyBypassList());
        }, P, P, P));
        m.add(ComMethod.of("TakeOwnership", (self, a) -> run(() -> job(self).job().takeOwnership())));
        return m;
    }

    /** BITS' job: one vtable of 43 slots answering both IIDs, as {@code IBackgroundCopyJob2} extends the job. */
    private static final ComVtable JOB2 = ComVtable.of("IBackgroundCopyJob2",
            Set.of(Guids.IID_IBACKGROUND_COPY_JOB, Guids.IID_IBACKGROUND_COPY_JOB2), job2Methods());

    /** The job's 35 methods, recorded under the interface that declares them, then IBackgroundCopyJob2's 8. */
    private static List<ComMethod> job2Methods() {
        List<ComMethod> m = new ArrayList<>(guarded("IBackgroundCopyJob", jobMethods()));
        int inherited = m.size();
        m.add(ComMethod.of("SetNotifyCmdLine", (self, a) -> run(() -> job(self).bitsJob2().setNotifyCmdLine(
                Wide.read((Pointer) a[0]), Wide.read((Pointer) a[1]))), P, P));
        m.add(ComMethod.of("GetNotifyCmdLine", (self, a) -> {
            nulled(a[0]);
            nulled(a[1]);
            BgNotifyCmdLine line = job(self).bitsJob2().getNotifyCmdLine();
            outString(rt(self), (Pointer) a[0], line.program());
            return outString(rt(self), (Pointer) a[1], line.parameters());
        }, P, P));
        m.add(ComMethod.of("GetReplyProgress", (self, a) -> {
            BgJobReplyProgress progress = job(self).bitsJob2().getReplyProgress();
            Structs.JobReplyProgress s = new Structs.JobReplyProgress((Pointer) a[0]);
            s.BytesTotal = progress.bytesTotal();
            s.BytesTransferred = progress.bytesTransferred();
            s.write();
            return OK;
        }, P));
        m.add(ComMethod.of("GetReplyData", (self, a) -> {
            Pointer buffer = nulled(a[0]);
            byte[] data = job(self).bitsJob2().getReplyData();
            Pointer copy = rt(self).coTaskMemAlloc(Math.max(1, data.length));
            copy.write(0, data, 0, data.length);
            buffer.setPointer(0, copy);
            ((Pointer) a[1]).setLong(0, data.length);
            return OK;
        }, P, P));
        m.add(ComMethod.of("SetReplyFileName", (self, a) -> run(() -> job(self).bitsJob2().setReplyFileName(
                Wide.read((Pointer) a[0]))), P));
        m.add(ComMethod.of("GetReplyFileName", (self, a) -> outString(rt(self), nulled(a[0]),
                job(self).bitsJob2().getReplyFileName()), P));
        m.add(ComMethod.of("SetCredentials", (self, a) -> {
            if (a[0] == null) {
                throw invalidArg("IBackgroundCopyJob2::SetCredentials", "NULL credentials");
            }
            Structs.AuthCredentials native_ = new Structs.AuthCredentials((Pointer) a[0]);
            native_.read();
            char[] password = Wide.readSecret(native_.Credentials.Password);
            try {
                job(self).bitsJob2().setCredentials(new BgAuthCredentials(BgAuthTarget.fromNative(native_.Target).orElse(null),
                        BgAuthScheme.fromNative(native_.Scheme).orElse(null),
                        new BgBasicCredentials(Wide.read(native_.Credentials.UserName), password)));
            } finally {
                if (password != null) {
                    java.util.Arrays.fill(password, '\0');
                }
            }
            return OK;
        }, P));
        m.add(ComMethod.of("RemoveCredentials", (self, a) -> job(self).bitsJob2().removeCredentials(
                BgAuthTarget.fromNative((Integer) a[0]).orElse(null), BgAuthScheme.fromNative((Integer) a[1]).orElse(null))
                .value(), I, I));
        List<ComMethod> declared = guarded("IBackgroundCopyJob2", m.subList(inherited, m.size()));
        m.subList(inherited, m.size()).clear();
        m.addAll(declared);
        return m;
    }

    /**
     * BITS' job with IBackgroundCopyJob3, IBackgroundCopyJob4 and IBackgroundCopyJob5: one vtable of 55 slots answering
     * the five job IIDs, each method recorded under the interface that declares it.
     */
    private static final ComVtable JOB5 = ComVtable.of("IBackgroundCopyJob5", Set.of(Guids.IID_IBACKGROUND_COPY_JOB,
            Guids.IID_IBACKGROUND_COPY_JOB2, Guids.IID_IBACKGROUND_COPY_JOB3, Guids.IID_IBACKGROUND_COPY_JOB4,
            Guids.IID_IBACKGROUND_COPY_JOB5), job5Methods());

    /**
     * Delivery Optimization's job: the same 55 slots (IBackgroundCopyJob5 derives from IBackgroundCopyJob4 natively),
     * answering only IBackgroundCopyJob and IBackgroundCopyJob5; the inherited BITS slots reach the service, which
     * refuses them (docs/contract.md §3.17).
     */
    private static final ComVtable DO_JOB5 = ComVtable.of("IBackgroundCopyJob5", Set.of(Guids.IID_IBACKGROUND_COPY_JOB,
            Guids.IID_IBACKGROUND_COPY_JOB5), job5Methods());

    /** The job as IBackgroundCopyJob4, or as the IBackgroundCopyJob5 that derives from it where only that is answered. */
    private static IBackgroundCopyJob4 job4(ComObject self) {
        IBackgroundCopyJob job = job(self).job();
        return job.queryInterface(IBackgroundCopyJob4.class).or(() -> job.queryInterface(IBackgroundCopyJob5.class)).orElseThrow();
    }

    private static IBackgroundCopyJob5 job5(ComObject self) {
        return job(self).job().queryInterface(IBackgroundCopyJob5.class).orElseThrow();
    }

    private static List<ComMethod> job5Methods() {
        List<ComMethod> m = new ArrayList<>(job4Methods());
        m.addAll(guarded("IBackgroundCopyJob5", List.of(
                ComMethod.of("SetProperty", (self, a) -> {
                    BitsJobPropertyId id = new BitsJobPropertyId((Integer) a[0]);
                    Pointer union = Structs.JobPropertyValue.fromByValueArguments(a, 1);
                    return run(() -> job5(self).setProperty(id, Structs.JobPropertyValue.read(union, id)));
                }, leading(I, Structs.JobPropertyValue.byValueParameterTypes())),
                ComMethod.of("GetProperty", (self, a) -> {
                    BitsJobPropertyId id = new BitsJobPropertyId((Integer) a[0]);
                    Structs.JobPropertyValue.write((Pointer) a[1], job5(self).getProperty(id));
                    return OK;
                }, I, P))));
        return m;
    }

    private static Class<?>[] leading(Class<?> first, Class<?>[] rest) {
        Class<?>[] all = new Class<?>[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static List<ComMethod> job4Methods() {
        List<ComMethod> m = new ArrayList<>(job2Methods());
        m.addAll(guarded("IBackgroundCopyJob3", List.of(
                ComMethod.of("ReplaceRemotePrefix", (self, a) -> job4(self).replaceRemotePrefix(Wide.read((Pointer) a[0]),
                        Wide.read((Pointer) a[1])).value(), P, P),
                ComMethod.of("AddFileWithRanges", (self, a) -> {
                    List<BgFileRange> r = ranges("IBackgroundCopyJob3::AddFileWithRanges", (Integer) a[2], (Pointer) a[3]);
                    return run(() -> job4(self).addFileWithRanges(Wide.read((Pointer) a[0]), Wide.read((Pointer) a[1]), r));
                }, P, P, I, P),
                ComMethod.of("SetFileACLFlags", (self, a) -> run(() -> job4(self).setFileACLFlags((Integer) a[0])), I),
                ComMethod.of("GetFileACLFlags", (self, a) -> outInt(a[0], job4(self).getFileACLFlags()), P))));
        m.addAll(guarded("IBackgroundCopyJob4", List.of(
                ComMethod.of("SetPeerCachingFlags", (self, a) -> run(() -> job4(self).setPeerCachingFlags((Integer) a[0])), I),
                ComMethod.of("GetPeerCachingFlags", (self, a) -> outInt(a[0], job4(self).getPeerCachingFlags()), P),
                ComMethod.of("GetOwnerIntegrityLevel", (self, a) -> outInt(a[0], (int) job4(self).getOwnerIntegrityLevel()), P),
                ComMethod.of("GetOwnerElevationState", (self, a) -> outInt(a[0], job4(self).getOwnerElevationState() ? 1 : 0), P),
                ComMethod.of("SetMaximumDownloadTime", (self, a) -> run(() -> job4(self).setMaximumDownloadTime(
                        Integer.toUnsignedLong((Integer) a[0]))), I),
                ComMethod.of("GetMaximumDownloadTime", (self, a) -> outInt(a[0], (int) job4(self).getMaximumDownloadTime()), P))));
        return m;
    }

    private static final ComVtable HTTP_OPTIONS = served("IBackgroundCopyJobHttpOptions",
            Set.of(Guids.IID_IBACKGROUND_COPY_JOB_HTTP_OPTIONS), httpOptionsMethods());

    /**
     * BITS 10.3's HTTP options: one vtable of 15 slots answering the three IIDs, each method recorded under the
     * interface that declares it.
     */
    private static final ComVtable HTTP_OPTIONS3 = ComVtable.of("IBackgroundCopyJobHttpOptions3", Set.of(
            Guids.IID_IBACKGROUND_COPY_JOB_HTTP_OPTIONS, Guids.IID_IBACKGROUND_COPY_JOB_HTTP_OPTIONS2,
            Guids.IID_IBACKGROUND_COPY_JOB_HTTP_OPTIONS3), httpOptions3Methods());

    private static IBackgroundCopyJobHttpOptions3 http3(ComObject self) {
        return job(self).job().queryInterface(IBackgroundCopyJobHttpOptions3.class).orElseThrow();
    }

    private static List<ComMethod> httpOptions3Methods() {
        List<ComMethod> m = new ArrayList<>(guarded("IBackgroundCopyJobHttpOptions", httpOptionsMethods()));
        m.addAll(guarded("IBackgroundCopyJobHttpOptions2", List.of(
                ComMethod.of("SetHttpMethod", (self, a) -> run(() -> http3(self).setHttpMethod(Wide.read((Pointer) a[0]))), P),
                ComMethod.of("GetHttpMethod", (self, a) -> outString(rt(self), nulled(a[0]), http3(self).getHttpMethod()), P))));
        m.addAll(guarded("IBackgroundCopyJobHttpOptions3", List.of(
                ComMethod.of("SetServerCertificateValidationInterface", (self, a) -> setValidationInterface(self, (Pointer) a[0]), P),
                ComMethod.of("MakeCustomHeadersWriteOnly", (self, a) -> run(() -> http3(self).makeCustomHeadersWriteOnly())))));
        return m;
    }

    /** The eight methods of IBackgroundCopyJobHttpOptions, unguarded. */
    private static List<ComMethod> httpOptionsMethods() {
        return List.of(
                    ComMethod.of("SetClientCertificateByID", (self, a) -> {
                        Pointer hash = (Pointer) a[2];
                        job(self).http().setClientCertificateByID(BgCertStoreLocation.fromNative((Integer) a[0]).orElse(null),
                                Wide.read((Pointer) a[1]), hash == null ? null : hash.getByteArray(0, BgClientCertificate.HASH_LENGTH));
                        return OK;
                    }, I, P, P),
                    ComMethod.of("SetClientCertificateByName", (self, a) -> run(() -> job(self).http().setClientCertificateByName(
                            BgCertStoreLocation.fromNative((Integer) a[0]).orElse(null), Wide.read((Pointer) a[1]),
                            Wide.read((Pointer) a[2]))), I, P, P),
                    ComMethod.of("RemoveClientCertificate", (self, a) -> job(self).http().removeClientCertificate().value()),
                    ComMethod.of("GetClientCertificate", (self, a) -> {
                        nulled(a[1]);
                        nulled(a[2]);
                        nulled(a[3]);
                        BgClientCertificate c = job(self).http().getClientCertificate();
                        ((Pointer) a[0]).setInt(0, c.storeLocation().nativeValue());
                        byte[] hash = c.certHash();
                        Pointer blob = rt(self).coTaskMemAlloc(hash.length);
                        blob.write(0, hash, 0, hash.length);
                        ((Pointer) a[2]).setPointer(0, blob);
                        outString(rt(self), (Pointer) a[1], c.storeName());
                        return outString(rt(self), (Pointer) a[3], c.subjectName());
                    }, P, P, P, P),
                    ComMethod.of("SetCustomHeaders", (self, a) -> run(() -> job(self).http().setCustomHeaders(
                            Wide.read((Pointer) a[0]))), P),
                    ComMethod.of("GetCustomHeaders", (self, a) -> {
                        Optional<String> headers = job(self).http().getCustomHeaders();
                        outString(rt(self), nulled(a[0]), headers.orElse(null));
                        return headers.isPresent() ? OK : HResult.S_FALSE.value();
                    }, P),
                    ComMethod.of("SetSecurityFlags", (self, a) -> run(() -> job(self).http().setSecurityFlags((Integer) a[0])), I),
                    ComMethod.of("GetSecurityFlags", (self, a) -> outInt(a[0], job(self).http().getSecurityFlags()), P));
    }

    private static final ComVtable DO_JOB = served("IDeliveryOptimizationJob",
            Set.of(Guids.IID_IDELIVERY_OPTIMIZATION_JOB), List.of(
                    ComMethod.of("AddFileWithRanges", (self, a) -> {
                        List<BgFileRange> r = ranges("IDeliveryOptimizationJob::AddFileWithRanges", (Integer) a[3], (Pointer) a[4]);
                        job(self).job().addFileWithRanges(Wide.read((Pointer) a[0]), Wide.read((Pointer) a[1]),
                                Wide.read((Pointer) a[2]), r, (Long) a[5]);
                        return OK;
                    }, P, P, P, I, P, L)));

    private static final ComVtable DO_JOB2 = served("IDeliveryOptimizationJob2",
            Set.of(Guids.IID_IDELIVERY_OPTIMIZATION_JOB2), List.of(
                    ComMethod.of("AddFile", (self, a) -> {
                        Pointer pp = (Pointer) a[5];
                        pp.setPointer(0, null);
                        UUID riid = a[4] == null ? null : Guids.read((Pointer) a[4]);
                        if (!Guids.IID_IDELIVERY_OPTIMIZATION_FILE.equals(riid)) {
                            return HResult.E_NOINTERFACE.value();
                        }
                        List<BgFileRange> r = ranges("IDeliveryOptimizationJob2::AddFile", (Integer) a[2], (Pointer) a[3]);
                        IDeliveryOptimizationFile file = job(self).job2().addFile(Wide.read((Pointer) a[0]),
                                Wide.read((Pointer) a[1]), r);
                        return outInterface(pp, exportFile(rt(self), file), Guids.IID_IDELIVERY_OPTIMIZATION_FILE);
                    }, P, P, I, P, P, P),
                    ComMethod.of("GetProperty", (self, a) -> {
                        Variant.write((Pointer) a[1], job(self).job2().getProperty((Integer) a[0]), rt(self));
                        return OK;
                    }, I, P),
                    ComMethod.of("SetProperty", (self, a) -> {
                        job(self).job2().setProperty((Integer) a[0], Variant.read((Pointer) a[1]));
                        return OK;
                    }, I, P)));

    static ComObject exportJob(LoopbackComRuntime rt, IBackgroundCopyJob job) {
        IDeliveryOptimizationJob2 job2 = job.queryInterface(IDeliveryOptimizationJob2.class).orElse(null);
        IBackgroundCopyJob2 bitsJob2 = job.queryInterface(IBackgroundCopyJob2.class).orElse(null);
        IBackgroundCopyJobHttpOptions http = job.queryInterface(IBackgroundCopyJobHttpOptions.class).orElse(null);
        IBackgroundCopyJob5 job5 = job.queryInterface(IBackgroundCopyJob5.class).orElse(null);
        boolean bits3 = job.queryInterface(IBackgroundCopyJob4.class).isPresent();
        List<ComVtable> vtables = new ArrayList<>(List.of(job5 != null ? (bits3 ? JOB5 : DO_JOB5) : bitsJob2 != null ? JOB2 : JOB));
        if (bitsJob2 == null) {
            // DO's IBackgroundCopyJob5 pointer has the IBackgroundCopyJob2 slots too: they reach its Job5, which refuses them.
            bitsJob2 = job5;
        }
        if (job2 != null) {
            // DO's job answers both extensions; BITS answers neither (docs/contract.md §4.3).
            vtables.add(DO_JOB);
            vtables.add(DO_JOB2);
        }
        if (http != null) {
            // BITS' job answers IBackgroundCopyJobHttpOptions; DO does not (docs/contract.md §3.12).
            vtables.add(job.queryInterface(IBackgroundCopyJobHttpOptions3.class).isPresent() ? HTTP_OPTIONS3 : HTTP_OPTIONS);
        }
        return ComObject.create(new ServedJob(rt, job, job2, bitsJob2, http), vtables, null);
    }

    private static int setNotifyInterface(ServedJob served, Pointer unknown) {
        IBackgroundCopyJob job = served.job();
        return replaceHeld(served.rt(), unknown, Guids.IID_IBACKGROUND_COPY_CALLBACK, NativeCallbackProxy::of,
                job.getNotifyInterface(), job::setNotifyInterface);
    }

    private static int setValidationInterface(ComObject self, Pointer unknown) {
        IBackgroundCopyJobHttpOptions3 http = http3(self);
        return replaceHeld(rt(self), unknown, Guids.IID_IBACKGROUND_COPY_SERVER_CERTIFICATE_VALIDATION_CALLBACK,
                NativeValidationProxy::new, http.serverCertificateValidationInterface(), http::setServerCertificateValidationInterface);
    }

    /**
     * What a service does when a client hands it an interface to keep: it asks the object for {@code iid} (the
     * object's answer is the call's, E_NOINTERFACE included), keeps that with its own reference, and lets go of the one
     * it held before once the new one is set; a refused set releases the new one instead.
     */
    private static <T> int replaceHeld(LoopbackComRuntime rt, Pointer unknown, UUID iid,
            java.util.function.BiFunction<LoopbackComRuntime, Pointer, ? extends T> wrap, Optional<? extends T> previous,
            java.util.function.Consumer<T> set) {
        T held = null;
        if (unknown != null) {
            PointerByReference out = new PointerByReference();
            int hr = ComPtr.callSlot(unknown, Slots.Unknown.QUERY_INTERFACE, Guids.toNative(iid), out);
            if (hr < 0) {
                return hr;
            }
            held = wrap.apply(rt, out.getValue());
        }
        try {
            set.accept(held);
        } catch (RuntimeException e) {
            if (held != null) {
                ((HeldInterface) held).release();
            }
            throw e;
        }
        previous.filter(HeldInterface.class::isInstance).map(HeldInterface.class::cast).ifPresent(HeldInterface::release);
        return OK;
    }

    private static int getNotifyInterface(ServedJob served, Pointer out) {
        out.setPointer(0, null);
        Optional<IBackgroundCopyCallback> callback = served.job().getNotifyInterface();
        if (callback.isEmpty()) {
            return OK;
        }
        if (!(callback.get() instanceof NativeCallbackProxy)) {
            return HResult.E_FAIL.value();
        }
        Pointer p = ((NativeCallbackProxy) callback.get()).pointer;
        ComPtr.callSlot(p, Slots.Unknown.ADD_REF);
        out.setPointer(0, p);
        return OK;
    }

    // ---- enumerators ----

    private static <T> ComVtable enumVtable(String name, UUID iid, Function<LoopbackComRuntime, Function<T, ComObject>> exporter,
            UUID elementIid) {
        return served(name, Set.of(iid), List.of(
                ComMethod.of("Next", (self, a) -> {
                    int celt = (Integer) a[0];
                    Pointer rgelt = (Pointer) a[1];
                    Pointer fetched = (Pointer) a[2];
                    if (fetched == null && celt != 1) {
                        return HResult.E_INVALIDARG.value();
                    }
                    BackgroundCopyEnumerator<T> e = api(self);
                    List<T> items = e.next(Integer.toUnsignedLong(celt));
                    for (int i = 0; i < items.size(); i++) {
                        ComObject element = exporter.apply(rt(self)).apply(items.get(i));
                        rgelt.setPointer((long) i * Native.POINTER_SIZE, element.pointer(elementIid));
                    }
                    if (fetched != null) {
                        fetched.setInt(0, items.size());
                    }
                    return Integer.toUnsignedLong(celt) == items.size() ? OK : HResult.S_FALSE.value();
                }, I, P, P),
                ComMethod.of("Skip", (self, a) ->
                        LoopbackServer.<BackgroundCopyEnumerator<T>>api(self).skip(Integer.toUnsignedLong((Integer) a[0])).value(), I),
                ComMethod.of("Reset", (self, a) -> run(() -> LoopbackServer.<BackgroundCopyEnumerator<T>>api(self).reset())),
                ComMethod.of("Clone", (self, a) -> {
                    Pointer pp = (Pointer) a[0];
                    pp.setPointer(0, null);
                    Object copy = LoopbackServer.<Object>api(self) instanceof IEnumBackgroundCopyFiles
                            ? ((IEnumBackgroundCopyFiles) api(self)).clone()
                            : ((IEnumBackgroundCopyJobs) api(self)).clone();
                    ComObject clone = ComObject.create(new Served(rt(self), copy), List.of(vtableOf(copy)), null);
                    return outInterface(pp, clone, iid);
                }, P),
                ComMethod.of("GetCount", (self, a) ->
                        outInt(a[0], (int) LoopbackServer.<BackgroundCopyEnumerator<T>>api(self).getCount()), P)));
    }

    private static final ComVtable ENUM_FILES = LoopbackServer.<IBackgroundCopyFile>enumVtable("IEnumBackgroundCopyFiles",
            Guids.IID_IENUM_BACKGROUND_COPY_FILES, rt -> f -> exportFile(rt, f), Guids.IID_IBACKGROUND_COPY_FILE);
    private static final ComVtable ENUM_JOBS = LoopbackServer.<IBackgroundCopyJob>enumVtable("IEnumBackgroundCopyJobs",
            Guids.IID_IENUM_BACKGROUND_COPY_JOBS, rt -> j -> exportJob(rt, j), Guids.IID_IBACKGROUND_COPY_JOB);

    private static ComVtable vtableOf(Object enumerator) {
        return enumerator instanceof IEnumBackgroundCopyFiles ? ENUM_FILES : ENUM_JOBS;
    }

    static ComObject exportEnumFiles(LoopbackComRuntime rt, IEnumBackgroundCopyFiles e) {
        return ComObject.create(new Served(rt, e), List.of(ENUM_FILES), null);
    }

    static ComObject exportEnumJobs(LoopbackComRuntime rt, IEnumBackgroundCopyJobs e) {
        return ComObject.create(new Served(rt, e), List.of(ENUM_JOBS), null);
    }

    // ---- files ----

    private static final ComVtable FILE = served("IBackgroundCopyFile2",
            Set.of(Guids.IID_IBACKGROUND_COPY_FILE, Guids.IID_IBACKGROUND_COPY_FILE2), fileMethods());

    /** BITS' file with IBackgroundCopyFile3 to IBackgroundCopyFile6: one vtable of 18 slots answering the six file IIDs. */
    private static final ComVtable FILE6 = ComVtable.of("IBackgroundCopyFile6", Set.of(Guids.IID_IBACKGROUND_COPY_FILE,
            Guids.IID_IBACKGROUND_COPY_FILE2, Guids.IID_IBACKGROUND_COPY_FILE3, Guids.IID_IBACKGROUND_COPY_FILE4,
            Guids.IID_IBACKGROUND_COPY_FILE5, Guids.IID_IBACKGROUND_COPY_FILE6), file6Methods());

    /** Delivery Optimization's file: the same 15 slots, answering IBackgroundCopyFile, File2 and File5 only. */
    private static final ComVtable DO_FILE5 = ComVtable.of("IBackgroundCopyFile5", Set.of(Guids.IID_IBACKGROUND_COPY_FILE,
            Guids.IID_IBACKGROUND_COPY_FILE2, Guids.IID_IBACKGROUND_COPY_FILE5), file5Methods());

    /** The file as IBackgroundCopyFile4, or as the IBackgroundCopyFile5 that derives from it where only that is answered. */
    private static IBackgroundCopyFile4 file4(ComObject self) {
        IBackgroundCopyFile file = file(self).file();
        return file.queryInterface(IBackgroundCopyFile4.class).or(() -> file.queryInterface(IBackgroundCopyFile5.class)).orElseThrow();
    }

    private static IBackgroundCopyFile5 file5(ComObject self) {
        return file(self).file().queryInterface(IBackgroundCopyFile5.class).orElseThrow();
    }

    private static IBackgroundCopyFile6 file6(ComObject self) {
        return file(self).file().queryInterface(IBackgroundCopyFile6.class).orElseThrow();
    }

    private static List<ComMethod> file6Methods() {
        List<ComMethod> m = new ArrayList<>(file5Methods());
        m.addAll(guarded("IBackgroundCopyFile6", List.of(
                ComMethod.of("UpdateDownloadPosition", (self, a) -> run(() -> file6(self).updateDownloadPosition((Long) a[0])), L),
                ComMethod.of("RequestFileRanges", (self, a) -> {
                    List<BgFileRange> r = ranges("IBackgroundCopyFile6::RequestFileRanges", (Integer) a[0], (Pointer) a[1]);
                    return run(() -> file6(self).requestFileRanges(r));
                }, I, P),
                ComMethod.of("GetFilledFileRanges", (self, a) -> {
                    outRanges(rt(self), (Pointer) a[0], nulled(a[1]), file6(self).getFilledFileRanges());
                    return OK;
                }, P, P))));
        return m;
    }

    private static List<ComMethod> file5Methods() {
        List<ComMethod> m = new ArrayList<>(file4Methods());
        m.addAll(guarded("IBackgroundCopyFile5", List.of(
                ComMethod.of("SetProperty", (self, a) -> run(() -> file5(self).setProperty(
                        new BitsFilePropertyId((Integer) a[0]), Wide.read((Pointer) a[1]))), I, P),
                ComMethod.of("GetProperty", (self, a) -> outString(rt(self), nulled(a[1]),
                        file5(self).getProperty(new BitsFilePropertyId((Integer) a[0]))), I, P))));
        return m;
    }

    private static List<ComMethod> file4Methods() {
        List<ComMethod> m = new ArrayList<>(guarded("IBackgroundCopyFile2", fileMethods()));
        m.addAll(guarded("IBackgroundCopyFile3", List.of(
                ComMethod.of("GetTemporaryName", (self, a) -> outString(rt(self), nulled(a[0]), file4(self).getTemporaryName()), P),
                ComMethod.of("SetValidationState", (self, a) -> run(() -> file4(self).setValidationState((Integer) a[0] != 0)), I),
                ComMethod.of("GetValidationState", (self, a) -> outInt(a[0], file4(self).getValidationState() ? 1 : 0), P),
                ComMethod.of("IsDownloadedFromPeer", (self, a) -> outInt(a[0], file4(self).isDownloadedFromPeer() ? 1 : 0), P))));
        m.addAll(guarded("IBackgroundCopyFile4", List.of(
                ComMethod.of("GetPeerDownloadStats", (self, a) -> {
                    BgPeerDownloadStats stats = file4(self).getPeerDownloadStats();
                    ((Pointer) a[0]).setLong(0, stats.fromOrigin());
                    ((Pointer) a[1]).setLong(0, stats.fromPeers());
                    return OK;
                }, P, P))));
        return m;
    }

    /** The eight methods of IBackgroundCopyFile and IBackgroundCopyFile2, unguarded. */
    private static List<ComMethod> fileMethods() {
        return List.of(
                    ComMethod.of("GetRemoteName", (self, a) -> outString(rt(self), nulled(a[0]), file(self).file().getRemoteName()), P),
                    ComMethod.of("GetLocalName", (self, a) -> outString(rt(self), nulled(a[0]), file(self).file().getLocalName()), P),
                    ComMethod.of("GetProgress", (self, a) -> {
                        Structs.FileProgress s = new Structs.FileProgress((Pointer) a[0]);
                        s.set(file(self).file().getProgress());
                        s.write();
                        return OK;
                    }, P),
                    ComMethod.of("GetFileRanges", (self, a) -> {
                        List<BgFileRange> ranges = file(self).file().getFileRanges();
                        outRanges(rt(self), (Pointer) a[0], nulled(a[1]), ranges);
                        return ranges.isEmpty() ? HResult.S_FALSE.value() : OK;
                    }, P, P),
                    ComMethod.of("SetRemoteName", (self, a) -> run(() -> file(self).file().setRemoteName(Wide.read((Pointer) a[0]))), P));
    }

    /** A count and a {@code CoTaskMemAlloc}'ed {@code BG_FILE_RANGE} array (NULL when empty), the caller's to free. */
    private static void outRanges(LoopbackComRuntime rt, Pointer count, Pointer array, List<BgFileRange> ranges) {
        count.setInt(0, ranges.size());
        if (ranges.isEmpty()) {
            return;
        }
        int stride = new Structs.FileRange().size();
        Pointer memory = rt.coTaskMemAlloc((long) stride * ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            Structs.FileRange r = new Structs.FileRange(memory.share((long) i * stride));
            r.InitialOffset = ranges.get(i).initialOffset();
            r.Length = ranges.get(i).length();
            r.write();
        }
        array.setPointer(0, memory);
    }

    private static final ComVtable DO_FILE = served("IDeliveryOptimizationFile",
            Set.of(Guids.IID_IDELIVERY_OPTIMIZATION_FILE), List.of(
                    ComMethod.of("GetStats", (self, a) -> {
                        DoSwarmStats stats = file(self).doFile().getStats();
                        Structs.SwarmStats s = new Structs.SwarmStats((Pointer) a[0]);
                        s.setNumbers(stats);
                        s.fileId = allocString(rt(self), stats.fileId());
                        s.sourceURL = allocString(rt(self), stats.sourceUrl());
                        s.write();
                        return OK;
                    }, P)));

    private static final ComVtable DO_FILE2 = served("IDeliveryOptimizationFile2",
            Set.of(Guids.IID_IDELIVERY_OPTIMIZATION_FILE2), List.of(
                    ComMethod.of("GetProperty", (self, a) -> {
                        DoFilePropertyId id = filePropertyId((Integer) a[0]);
                        Variant.write((Pointer) a[1], file(self).doFile2().getProperty(id), rt(self));
                        return OK;
                    }, I, P),
                    ComMethod.of("SetProperty", (self, a) -> {
                        DoFilePropertyId id = filePropertyId((Integer) a[0]);
                        file(self).doFile2().setProperty(id, Variant.read((Pointer) a[1]));
                        return OK;
                    }, I, P)));

    private static DoFilePropertyId filePropertyId(int value) {
        for (DoFilePropertyId id : DoFilePropertyId.values()) {
            if (id.nativeValue() == value) {
                return id;
            }
        }
        throw new BackgroundCopyException("IDeliveryOptimizationFile2::GetProperty", HResult.DO_E_UNKNOWN_PROPERTY_ID,
                "DOFilePropertyId " + value);
    }

    /** Exports a file given any of its facets (IBackgroundCopyFile or IDeliveryOptimizationFile). */
    static ComObject exportFile(LoopbackComRuntime rt, dev.bgcopy.api.IUnknown facet) {
        IBackgroundCopyFile file = facet instanceof IBackgroundCopyFile ? (IBackgroundCopyFile) facet
                : facet.queryInterface(IBackgroundCopyFile.class).orElse(null);
        IDeliveryOptimizationFile doFile = facet.queryInterface(IDeliveryOptimizationFile.class).orElse(null);
        IDeliveryOptimizationFile2 doFile2 = facet.queryInterface(IDeliveryOptimizationFile2.class).orElse(null);
        List<ComVtable> vtables = new ArrayList<>();
        if (file != null) {
            vtables.add(file.queryInterface(IBackgroundCopyFile6.class).isPresent() ? FILE6
                    : file.queryInterface(IBackgroundCopyFile5.class).isPresent() ? DO_FILE5 : FILE);
        }
        if (doFile != null) {
            vtables.add(DO_FILE);
        }
        if (doFile2 != null) {
            vtables.add(DO_FILE2);
        }
        return ComObject.create(new ServedFile(rt, file, doFile, doFile2), vtables, null);
    }

    // ---- IBackgroundCopyError ----

    private static final ComVtable ERROR = served("IBackgroundCopyError", Set.of(Guids.IID_IBACKGROUND_COPY_ERROR),
            List.of(
                    ComMethod.of("GetError", (self, a) -> {
                        dev.bgcopy.api.BgError e = LoopbackServer.<IBackgroundCopyError>api(self).getError();
                        ((Pointer) a[0]).setInt(0, e.context().nativeValue());
                        ((Pointer) a[1]).setInt(0, e.code().value());
                        return OK;
                    }, P, P),
                    ComMethod.of("GetFile", (self, a) -> {
                        Pointer pp = nulled(a[0]);
                        IBackgroundCopyFile f = LoopbackServer.<IBackgroundCopyError>api(self).getFile();
                        return outInterface(pp, exportFile(rt(self), f), Guids.IID_IBACKGROUND_COPY_FILE);
                    }, P),
                    ComMethod.of("GetErrorDescription", (self, a) -> outString(rt(self), nulled(a[1]),
                            LoopbackServer.<IBackgroundCopyError>api(self).getErrorDescription(LanguageIds.toLocale((Integer) a[0]))), I, P),
                    ComMethod.of("GetErrorContextDescription", (self, a) -> outString(rt(self), nulled(a[1]),
                            LoopbackServer.<IBackgroundCopyError>api(self).getErrorContextDescription(
                                    LanguageIds.toLocale((Integer) a[0]))), I, P),
                    ComMethod.of("GetProtocol", (self, a) -> outString(rt(self), nulled(a[0]),
                            LoopbackServer.<IBackgroundCopyError>api(self).getProtocol()), P)));

    static ComObject exportError(LoopbackComRuntime rt, IBackgroundCopyError error) {
        return ComObject.create(new Served(rt, error), List.of(ERROR), null);
    }

    // ---- small helpers ----

    private static int run(Runnable action) {
        action.run();
        return OK;
    }

    private static int outInt(Object out, int value) {
        ((Pointer) out).setInt(0, value);
        return OK;
    }

    private static Pointer nulled(Object out) {
        Pointer p = (Pointer) out;
        p.setPointer(0, null);
        return p;
    }

    /**
     * A client's interface the service keeps, with its own reference: registered with the runtime so that a stopping
     * service releases it, and released exactly once, when replaced or then.
     */
    abstract static class HeldInterface {
        final LoopbackComRuntime rt;
        final Pointer pointer;
        private final AtomicBoolean released = new AtomicBoolean();

        HeldInterface(LoopbackComRuntime rt, Pointer pointer) {
            this.rt = rt;
            this.pointer = pointer;
            rt.hold(this);
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                rt.unhold(this);
                ComPtr.callSlot(pointer, Slots.Unknown.RELEASE);
            }
        }

        boolean isReleased() {
            return released.get();
        }
    }

    /**
     * The client's certificate check as the simulator sees it: an api callback that calls the native slot 3 with
     * freshly exported job and file objects and the certificate bytes in the service's memory, as BITS would during
     * the TLS handshake (docs/contract.md §4.22; the simulator itself does not call it yet, §8 I-69).
     */
    static final class NativeValidationProxy extends HeldInterface implements IBackgroundCopyServerCertificateValidationCallback {

        NativeValidationProxy(LoopbackComRuntime rt, Pointer pointer) {
            super(rt, pointer);
        }

        @Override
        public HResult validateServerCertificate(IBackgroundCopyJob job, IBackgroundCopyFile file, byte[] certData,
                int certEncodingType, byte[] certStore) {
            if (isReleased()) {
                return HResult.S_OK;
            }
            ComObject j = exportJob(rt, job);
            ComObject f = exportFile(rt, file);
            try {
                return HResult.of(ComPtr.callSlot(pointer, Slots.CertificateValidationCallback.VALIDATE_SERVER_CERTIFICATE,
                        j.pointer(), f.pointer(Guids.IID_IBACKGROUND_COPY_FILE), certData.length, bytes(certData),
                        certEncodingType, certStore.length, bytes(certStore)));
            } finally {
                f.release();
                j.release();
            }
        }

        private static com.sun.jna.Memory bytes(byte[] data) {
            if (data.length == 0) {
                return null;
            }
            com.sun.jna.Memory m = new com.sun.jna.Memory(data.length);
            m.write(0, data, 0, data.length);
            return m;
        }
    }

    /**
     * The client's callback as the simulator sees it: an api {@link IBackgroundCopyCallback} that calls
     * the native vtable (slots 3-6) with freshly exported job, error and file objects, released when
     * the call returns ([cb-param]). It owns one reference to the callback interface.
     */
    static class NativeCallbackProxy extends HeldInterface implements IBackgroundCopyCallback {

        NativeCallbackProxy(LoopbackComRuntime rt, Pointer pointer) {
            super(rt, pointer);
        }

        /** The proxy for the callback at {@code pointer}: one that hears of ranges if the object answers IBackgroundCopyCallback3. */
        static NativeCallbackProxy of(LoopbackComRuntime rt, Pointer pointer) {
            PointerByReference cb3 = new PointerByReference();
            if (ComPtr.callSlot(pointer, Slots.Unknown.QUERY_INTERFACE, Guids.toNative(Guids.IID_IBACKGROUND_COPY_CALLBACK3), cb3) < 0) {
                return new NativeCallbackProxy(rt, pointer);
            }
            // The same object: the reference already held covers it.
            ComPtr.callSlot(cb3.getValue(), Slots.Unknown.RELEASE);
            return new NativeCallback3Proxy(rt, pointer);
        }

        @Override
        public HResult jobTransferred(IBackgroundCopyJob job) {
            return withJob(job, p -> ComPtr.callSlot(pointer, Slots.Callback.JOB_TRANSFERRED, p));
        }

        @Override
        public HResult jobError(IBackgroundCopyJob job, IBackgroundCopyError error) {
            ComObject e = exportError(rt, error);
            try {
                return withJob(job, p -> ComPtr.callSlot(pointer, Slots.Callback.JOB_ERROR, p, e.pointer()));
            } finally {
                e.release();
            }
        }

        @Override
        public HResult jobModification(IBackgroundCopyJob job) {
            return withJob(job, p -> ComPtr.callSlot(pointer, Slots.Callback.JOB_MODIFICATION, p, 0));
        }

        @Override
        public HResult fileTransferred(IBackgroundCopyJob job, IBackgroundCopyFile file) {
            PointerByReference cb2 = new PointerByReference();
            int hr = ComPtr.callSlot(pointer, Slots.Unknown.QUERY_INTERFACE,
                    Guids.toNative(Guids.IID_IBACKGROUND_COPY_CALLBACK2), cb2);
            if (hr < 0) {
                return HResult.S_OK;
            }
            ComObject f = exportFile(rt, file);
            try {
                return withJob(job, p -> ComPtr.callSlot(cb2.getValue(), Slots.Callback.FILE_TRANSFERRED, p,
                        f.pointer(Guids.IID_IBACKGROUND_COPY_FILE)));
            } finally {
                f.release();
                ComPtr.callSlot(cb2.getValue(), Slots.Unknown.RELEASE);
            }
        }

        HResult withJob(IBackgroundCopyJob job, Function<Pointer, Integer> call) {
            if (isReleased()) {
                return HResult.S_OK;
            }
            ComObject j = exportJob(rt, job);
            try {
                return HResult.of(call.apply(j.pointer()));
            } finally {
                j.release();
            }
        }
    }

    /**
     * A client's callback that answers IBackgroundCopyCallback3: the simulator delivers {@code FileRangesTransferred}
     * to it (docs/contract.md §4.20), which reaches slot 7 with the ranges in the service's memory for the call.
     */
    static final class NativeCallback3Proxy extends NativeCallbackProxy implements IBackgroundCopyCallback3 {

        NativeCallback3Proxy(LoopbackComRuntime rt, Pointer pointer) {
            super(rt, pointer);
        }

        @Override
        public HResult fileRangesTransferred(IBackgroundCopyJob job, IBackgroundCopyFile file, List<BgFileRange> ranges) {
            PointerByReference cb3 = new PointerByReference();
            int hr = ComPtr.callSlot(pointer, Slots.Unknown.QUERY_INTERFACE, Guids.toNative(Guids.IID_IBACKGROUND_COPY_CALLBACK3), cb3);
            if (hr < 0) {
                return HResult.S_OK;
            }
            ComObject f = exportFile(rt, file);
            Structs.FileRange[] array = Structs.FileRange.array(ranges);
            try {
                return withJob(job, p -> ComPtr.callSlot(cb3.getValue(), Slots.Callback3.FILE_RANGES_TRANSFERRED, p,
                        f.pointer(Guids.IID_IBACKGROUND_COPY_FILE), ranges.size(), array == null ? null : array[0].getPointer()));
            } finally {
                f.release();
                ComPtr.callSlot(cb3.getValue(), Slots.Unknown.RELEASE);
            }
        }
    }
}
