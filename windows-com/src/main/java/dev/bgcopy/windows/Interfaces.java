package dev.bgcopy.windows;

import dev.bgcopy.api.Feature;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyFile3;
import dev.bgcopy.api.IBackgroundCopyFile4;
import dev.bgcopy.api.IBackgroundCopyFile5;
import dev.bgcopy.api.IBackgroundCopyFile6;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJob2;
import dev.bgcopy.api.IBackgroundCopyJob3;
import dev.bgcopy.api.IBackgroundCopyJob4;
import dev.bgcopy.api.IBackgroundCopyJob5;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions2;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions3;
import dev.bgcopy.api.IDeliveryOptimizationFile;
import dev.bgcopy.api.IDeliveryOptimizationFile2;
import dev.bgcopy.api.IDeliveryOptimizationJob2;
import dev.bgcopy.api.IEnumBackgroundCopyFiles;
import dev.bgcopy.api.IEnumBackgroundCopyJobs;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.Guids;
import dev.bgcopy.windows.internal.ServiceKind;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Which native interface (IID) and which wrapper stand for each api interface, and which feature a service needs to
 * answer it: a wrapper class also implements its parents in Java (Delivery Optimization's IBackgroundCopyJob5 wrapper
 * is an IBackgroundCopyJob4 too), but the service answers only the IIDs it has.
 */
enum Interfaces {
    JOB(null, IBackgroundCopyJob.class, Guids.IID_IBACKGROUND_COPY_JOB, "IBackgroundCopyJob", WindowsBackgroundCopyJob::new),
    JOB2(Feature.HTTP_OPTIONS, IBackgroundCopyJob2.class, Guids.IID_IBACKGROUND_COPY_JOB2, "IBackgroundCopyJob2",
            WindowsBackgroundCopyJob2::new),
    JOB3(Feature.BITS3_INTERFACES, IBackgroundCopyJob3.class, Guids.IID_IBACKGROUND_COPY_JOB3, "IBackgroundCopyJob3",
            WindowsBackgroundCopyJob3::new),
    JOB4(Feature.BITS3_INTERFACES, IBackgroundCopyJob4.class, Guids.IID_IBACKGROUND_COPY_JOB4, "IBackgroundCopyJob4",
            WindowsBackgroundCopyJob4::new),
    JOB5(Feature.JOB_PROPERTIES, IBackgroundCopyJob5.class, Guids.IID_IBACKGROUND_COPY_JOB5, "IBackgroundCopyJob5",
            WindowsBackgroundCopyJob5::new),
    JOB_HTTP_OPTIONS(Feature.HTTP_OPTIONS, IBackgroundCopyJobHttpOptions.class, Guids.IID_IBACKGROUND_COPY_JOB_HTTP_OPTIONS,
            "IBackgroundCopyJobHttpOptions", WindowsBackgroundCopyJobHttpOptions::new),
    JOB_HTTP_OPTIONS2(Feature.HTTP_OPTIONS_10, IBackgroundCopyJobHttpOptions2.class,
            Guids.IID_IBACKGROUND_COPY_JOB_HTTP_OPTIONS2,
            "IBackgroundCopyJobHttpOptions2", WindowsBackgroundCopyJobHttpOptions2::new),
    JOB_HTTP_OPTIONS3(Feature.HTTP_OPTIONS_10, IBackgroundCopyJobHttpOptions3.class,
            Guids.IID_IBACKGROUND_COPY_JOB_HTTP_OPTIONS3,
            "IBackgroundCopyJobHttpOptions3", WindowsBackgroundCopyJobHttpOptions3::new),
    FILE(null, IBackgroundCopyFile.class, Guids.IID_IBACKGROUND_COPY_FILE, "IBackgroundCopyFile",
            WindowsBackgroundCopyFile::new),
    FILE3(Feature.BITS3_INTERFACES, IBackgroundCopyFile3.class, Guids.IID_IBACKGROUND_COPY_FILE3, "IBackgroundCopyFile3",
            WindowsBackgroundCopyFile3::new),
    FILE4(Feature.BITS3_INTERFACES, IBackgroundCopyFile4.class, Guids.IID_IBACKGROUND_COPY_FILE4, "IBackgroundCopyFile4",
            WindowsBackgroundCopyFile4::new),
    FILE5(Feature.JOB_PROPERTIES, IBackgroundCopyFile5.class, Guids.IID_IBACKGROUND_COPY_FILE5, "IBackgroundCopyFile5",
            WindowsBackgroundCopyFile5::new),
    FILE6(Feature.ON_DEMAND_RANGES, IBackgroundCopyFile6.class, Guids.IID_IBACKGROUND_COPY_FILE6, "IBackgroundCopyFile6",
            WindowsBackgroundCopyFile6::new),
    ERROR(null, IBackgroundCopyError.class, Guids.IID_IBACKGROUND_COPY_ERROR, "IBackgroundCopyError",
            WindowsBackgroundCopyError::new),
    ENUM_FILES(null, IEnumBackgroundCopyFiles.class, Guids.IID_IENUM_BACKGROUND_COPY_FILES, "IEnumBackgroundCopyFiles",
            WindowsEnumBackgroundCopyFiles::new),
    ENUM_JOBS(null, IEnumBackgroundCopyJobs.class, Guids.IID_IENUM_BACKGROUND_COPY_JOBS, "IEnumBackgroundCopyJobs",
            WindowsEnumBackgroundCopyJobs::new),
    DO_JOB2(Feature.DO_EXTENSIONS, IDeliveryOptimizationJob2.class, Guids.IID_IDELIVERY_OPTIMIZATION_JOB2,
            "IDeliveryOptimizationJob2",
            WindowsDeliveryOptimizationJob2::new),
    DO_FILE(Feature.DO_EXTENSIONS, IDeliveryOptimizationFile.class, Guids.IID_IDELIVERY_OPTIMIZATION_FILE,
            "IDeliveryOptimizationFile",
            WindowsDeliveryOptimizationFile::new),
    DO_FILE2(Feature.DO_EXTENSIONS, IDeliveryOptimizationFile2.class, Guids.IID_IDELIVERY_OPTIMIZATION_FILE2,
            "IDeliveryOptimizationFile2",
            WindowsDeliveryOptimizationFile2::new);

    private static final List<Interfaces> ALL = List.of(values());

    /** The optional feature a service needs to answer this IID, or null for the interfaces every service answers. */
    private final Feature feature;
    private final Class<?> api;
    private final UUID iid;
    private final String nativeName;
    private final BiFunction<Binding, ComPtr, ComBacked> wrapper;

    Interfaces(Feature feature, Class<?> api, UUID iid, String nativeName, BiFunction<Binding, ComPtr, ComBacked> wrapper) {
        this.feature = feature;
        this.api = api;
        this.iid = iid;
        this.nativeName = nativeName;
        this.wrapper = wrapper;
    }

    static Optional<Interfaces> forApi(Class<?> type) {
        return ALL.stream().filter(i -> i.api == type).findFirst();
    }

    /** Whether a service of {@code kind} answers this IID. */
    boolean answeredBy(ServiceKind kind) {
        return feature == null || kind.features().contains(feature);
    }

    UUID iid() {
        return iid;
    }

    String nativeName() {
        return nativeName;
    }

    ComBacked wrap(Binding binding, ComPtr ptr) {
        return wrapper.apply(binding, ptr);
    }
}
