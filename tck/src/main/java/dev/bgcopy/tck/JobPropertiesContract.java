package dev.bgcopy.tck;

import static dev.bgcopy.tck.internal.TckSession.bytes;
import static dev.bgcopy.tck.internal.TckSession.expectOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgAuthTarget;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BitsFilePropertyId;
import dev.bgcopy.api.BitsJobPropertyId;
import dev.bgcopy.api.BitsJobPropertyValue;
import dev.bgcopy.api.BitsJobTransferPolicy;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyFile5;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJob5;
import dev.bgcopy.api.SemanticError;
import dev.bgcopy.mockwebserver.Fault;
import dev.bgcopy.mockwebserver.RecordedRequest;
import dev.bgcopy.tck.internal.TckSession;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.Tag;

/**
 * docs/contract.md §9 "IBackgroundCopyJob5 and IBackgroundCopyFile5" (R210-R218; R230, a restart, is in
 * {@link JobPropertiesRestartContract}): the generic job and file properties where the service has them
 * ({@link Feature#JOB_PROPERTIES}), what each BITS property does to a transfer, and the DO dialect's two.
 */
public interface JobPropertiesContract extends TckContract {

    /** The job seen as {@code IBackgroundCopyJob5}; the fixture has {@link Feature#JOB_PROPERTIES}. */
    static IBackgroundCopyJob5 job5(IBackgroundCopyJob job) {
        return job.queryInterface(IBackgroundCopyJob5.class).orElseThrow(() -> new AssertionError(
                "QueryInterface(IID_IBackgroundCopyJob5) failed on a service that declares JOB_PROPERTIES"));
    }

    /** The job's first file seen as {@code IBackgroundCopyFile5}. */
    static IBackgroundCopyFile5 file5(IBackgroundCopyJob job) {
        IBackgroundCopyFile file = job.enumFiles().next(1).get(0);
        return file.queryInterface(IBackgroundCopyFile5.class).orElseThrow(() -> new AssertionError(
                "QueryInterface(IID_IBackgroundCopyFile5) failed on a service that declares JOB_PROPERTIES"));
    }

    private static BitsJobPropertyValue.Dword dword(int value) {
        return new BitsJobPropertyValue.Dword(value);
    }

    @Example
    @Tag("R210")
    @Label("R210 queryInterface_job5AndFile5_withDefaults")
    @Requires(Feature.JOB_PROPERTIES)
    default void queryInterface_job5AndFile5_withDefaults() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            s.addFile(job, "p.bin", bytes(1000, 1));
            IBackgroundCopyJob5 job5 = job5(job);
            assertThat(job5.getId()).isEqualTo(job.getId());
            assertThat(file5(job).getRemoteName()).isEqualTo(job.enumFiles().next(1).get(0).getRemoteName());
            assertThat(job5.getProperty(BitsJobPropertyId.NOTIFICATION_CLSID)).isEqualTo(BitsJobPropertyValue.ClsId.NONE);
            BitsJobPropertyValue cost = job5.getProperty(BitsJobPropertyId.COST_FLAGS);
            assertThat(cost).isInstanceOf(BitsJobPropertyValue.Dword.class);
            if (s.strict()) {
                assertThat(cost).as("a new job's cost flags (§8 I-65)").isEqualTo(dword(BitsJobTransferPolicy.ALWAYS.nativeValue()));
            }
        }
    }

    @Example
    @Tag("R210")
    @Label("R210 queryInterface_job5AndFile5_absent")
    @Requires(absent = Feature.JOB_PROPERTIES)
    default void queryInterface_job5AndFile5_absent() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            s.addFile(job, "p.bin", bytes(1000, 1));
            assertThat(job.queryInterface(IBackgroundCopyJob5.class)).as("IID_IBackgroundCopyJob5 without JOB_PROPERTIES").isEmpty();
            assertThat(job.enumFiles().next(1).get(0).queryInterface(IBackgroundCopyFile5.class))
                    .as("IID_IBackgroundCopyFile5 without JOB_PROPERTIES").isEmpty();
        }
    }

    @Example
    @Tag("R211")
    @Label("R211 properties_unknownOrUnsupportedIds_refusedUnchanged")
    @Requires(value = Feature.JOB_PROPERTIES, strictOnly = true)
    default void properties_unknownOrUnsupportedIds_refusedUnchanged() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob5 job = job5(s.newJob());
            for (int id : new int[] {0, 6, 8, 11, 0x7FFFFFFF}) {
                BitsJobPropertyId unknown = new BitsJobPropertyId(id);
                s.expectFails(SemanticError.UNKNOWN_PROPERTY_ID, "GetProperty(" + id + ")", () -> job.getProperty(unknown));
                s.expectFails(SemanticError.UNKNOWN_PROPERTY_ID, "SetProperty(" + id + ")", () -> job.setProperty(unknown, dword(1)));
            }
            if (s.dialect() == Dialect.DO) {
                for (BitsJobPropertyId id : List.of(BitsJobPropertyId.DYNAMIC_CONTENT, BitsJobPropertyId.HIGH_PERFORMANCE,
                        BitsJobPropertyId.MAX_DOWNLOAD_SIZE, BitsJobPropertyId.USE_STORED_CREDENTIALS,
                        BitsJobPropertyId.MINIMUM_NOTIFICATION_INTERVAL_MS, BitsJobPropertyId.ON_DEMAND_MODE)) {
                    s.expectFailsExactly(HResult.E_NOTIMPL, "DO GetProperty(" + id + ")", () -> job.getProperty(id));
                }
                s.expectFailsExactly(HResult.E_NOTIMPL, "DO SetProperty(DYNAMIC_CONTENT)",
                        () -> job.setProperty(BitsJobPropertyId.DYNAMIC_CONTENT, new BitsJobPropertyValue.Enable(true)));
            }
            assertThat(job.getProperty(BitsJobPropertyId.COST_FLAGS)).isEqualTo(dword(BitsJobTransferPolicy.ALWAYS.nativeValue()));
        }
    }

    @Example
    @Tag("R212")
    @Label("R212 costFlagsAndClsid_roundTrip_badValuesRefused")
    @Requires(Feature.JOB_PROPERTIES)
    default void costFlagsAndClsid_roundTrip_badValuesRefused() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob5 job = job5(s.newJob());
            for (BitsJobTransferPolicy policy : BitsJobTransferPolicy.values()) {
                expectOk("SetProperty(COST_FLAGS, " + policy + ")", () -> job.setProperty(BitsJobPropertyId.COST_FLAGS,
                        dword(policy.nativeValue())));
                assertThat(job.getProperty(BitsJobPropertyId.COST_FLAGS)).isEqualTo(dword(policy.nativeValue()));
            }
            BitsJobPropertyValue.ClsId clsid = new BitsJobPropertyValue.ClsId(UUID.fromString("0F2A9C3E-5B8D-4E61-9A7C-2D4B6E8F1A3C"));
            expectOk("SetProperty(NOTIFICATION_CLSID)", () -> job.setProperty(BitsJobPropertyId.NOTIFICATION_CLSID, clsid));
            assertThat(job.getProperty(BitsJobPropertyId.NOTIFICATION_CLSID)).isEqualTo(clsid);
            if (s.strict()) {
                s.expectFailsExactly(HResult.E_INVALIDARG, "SetProperty(COST_FLAGS, Enable)",
                        () -> job.setProperty(BitsJobPropertyId.COST_FLAGS, new BitsJobPropertyValue.Enable(true)));
                s.expectFailsExactly(HResult.E_INVALIDARG, "SetProperty(COST_FLAGS, 0x80000000: no cost state)",
                        () -> job.setProperty(BitsJobPropertyId.COST_FLAGS, dword(BitsJobTransferPolicy.IGNORE_CONGESTION)));
                s.expectFailsExactly(HResult.E_INVALIDARG, "SetProperty(COST_FLAGS, 0x100: undefined bit)",
                        () -> job.setProperty(BitsJobPropertyId.COST_FLAGS, dword(0x101)));
                s.expectFailsExactly(HResult.E_INVALIDARG, "SetProperty(NOTIFICATION_CLSID, Dword)",
                        () -> job.setProperty(BitsJobPropertyId.NOTIFICATION_CLSID, dword(1)));
                assertThat(job.getProperty(BitsJobPropertyId.COST_FLAGS)).as("kept after refusals")
                        .isEqualTo(dword(BitsJobTransferPolicy.UNRESTRICTED.nativeValue()));
                assertThat(job.getProperty(BitsJobPropertyId.NOTIFICATION_CLSID)).isEqualTo(clsid);
            }
            expectOk("SetProperty(NOTIFICATION_CLSID, GUID_NULL)", () -> job.setProperty(BitsJobPropertyId.NOTIFICATION_CLSID,
                    BitsJobPropertyValue.ClsId.NONE));
            assertThat(job.getProperty(BitsJobPropertyId.NOTIFICATION_CLSID)).isEqualTo(BitsJobPropertyValue.ClsId.NONE);
        }
    }

    @Example
    @Tag("R213")
    @Label("R213 setProperty_onTerminal_invalidState")
    @Requires(value = Feature.JOB_PROPERTIES, strictOnly = true)
    default void setProperty_onTerminal_invalidState() {
        try (TckSession s = TckSession.open(fixture())) {
            for (IBackgroundCopyJob terminal : List.of(s.cancelledJob(), s.acknowledgedJob())) {
                IBackgroundCopyJob5 job = job5(terminal);
                s.expectFails(SemanticError.INVALID_STATE, "SetProperty(COST_FLAGS) on " + terminal.getState(),
                        () -> job.setProperty(BitsJobPropertyId.COST_FLAGS, dword(BitsJobTransferPolicy.STANDARD.nativeValue())));
                assertThat(job.getProperty(BitsJobPropertyId.COST_FLAGS)).isEqualTo(dword(BitsJobTransferPolicy.ALWAYS.nativeValue()));
            }
        }
    }

    @Example
    @Tag("R214")
    @Label("R214 bitsProperties_fixedAfterResumeOrAddFile_andTheirCodes")
    @Requires(value = Feature.JOB_PROPERTIES, dialect = Dialect.BITS, strictOnly = true)
    default void bitsProperties_fixedAfterResumeOrAddFile_andTheirCodes() {
        try (TckSession s = TckSession.open(fixture())) {
            IBackgroundCopyJob job = s.newJob();
            IBackgroundCopyJob5 job5 = job5(job);
            BitsJobPropertyValue on = new BitsJobPropertyValue.Enable(true);
            assertThat(job5.getProperty(BitsJobPropertyId.MINIMUM_NOTIFICATION_INTERVAL_MS)).isEqualTo(dword(500));
            expectOk("SetProperty(HIGH_PERFORMANCE) on an empty job", () -> job5.setProperty(BitsJobPropertyId.HIGH_PERFORMANCE, on));
            s.expectFailsExactly(HResult.BG_E_MAX_DOWNLOAD_SIZE_INVALID_VALUE, "SetProperty(MAX_DOWNLOAD_SIZE, 0)",
                    () -> job5.setProperty(BitsJobPropertyId.MAX_DOWNLOAD_SIZE, new BitsJobPropertyValue.Uint64(0)));
            s.expectFailsExactly(HResult.BG_E_USE_STORED_CREDENTIALS_NOT_SUPPORTED, "SetProperty(USE_STORED_CREDENTIALS, SERVER)",
                    () -> job5.setProperty(BitsJobPropertyId.USE_STORED_CREDENTIALS, new BitsJobPropertyValue.Target(BgAuthTarget.SERVER)));
            expectOk("SetProperty(USE_STORED_CREDENTIALS, PROXY)", () -> job5.setProperty(BitsJobPropertyId.USE_STORED_CREDENTIALS,
                    new BitsJobPropertyValue.Target(BgAuthTarget.PROXY)));
            expectOk("SetProperty(DYNAMIC_CONTENT)", () -> job5.setProperty(BitsJobPropertyId.DYNAMIC_CONTENT, on));
            s.expectFailsExactly(HResult.BG_E_UNSUPPORTED_JOB_CONFIGURATION, "SetProperty(ON_DEMAND_MODE) on a dynamic job",
                    () -> job5.setProperty(BitsJobPropertyId.ON_DEMAND_MODE, on));
            expectOk("SetProperty(MAX_DOWNLOAD_SIZE, 2^40)", () -> job5.setProperty(BitsJobPropertyId.MAX_DOWNLOAD_SIZE,
                    new BitsJobPropertyValue.Uint64(1L << 40)));
            expectOk("SetProperty(MINIMUM_NOTIFICATION_INTERVAL_MS, 2000)",
                    () -> job5.setProperty(BitsJobPropertyId.MINIMUM_NOTIFICATION_INTERVAL_MS, dword(2000)));
            s.addFile(job, "fixed.bin", bytes(2000, 2));
            s.expectFailsExactly(HResult.BG_E_READ_ONLY_PROPERTY_AFTER_ADDFILE, "SetProperty(HIGH_PERFORMANCE) with a file",
                    () -> job5.setProperty(BitsJobPropertyId.HIGH_PERFORMANCE, new BitsJobPropertyValue.Enable(false)));
            job.resume();
            job.suspend();
            s.expectFailsExactly(HResult.BG_E_READ_ONLY_PROPERTY_AFTER_RESUME, "SetProperty(DYNAMIC_CONTENT) after Resume",
                    () -> job5.setProperty(BitsJobPropertyId.DYNAMIC_CONTENT, new BitsJobPropertyValue.Enable(false)));
            s.expectFailsExactly(HResult.BG_E_READ_ONLY_PROPERTY_AFTER_RESUME, "SetProperty(MAX_DOWNLOAD_SIZE) after Resume",
                    () -> job5.setProperty(BitsJobPropertyId.MAX_DOWNLOAD_SIZE, new BitsJobPropertyValue.Uint64(5)));
            s.expectFailsExactly(HResult.BG_E_READ_ONLY_PROPERTY_AFTER_RESUME, "SetProperty(ON_DEMAND_MODE) after Resume",
                    () -> job5.setProperty(BitsJobPropertyId.ON_DEMAND_MODE, new BitsJobPropertyValue.Enable(false)));
            assertThat(job5.getProperty(BitsJobPropertyId.DYNAMIC_CONTENT)).isEqualTo(on);
            assertThat(job5.getProperty(BitsJobPropertyId.HIGH_PERFORMANCE)).isEqualTo(on);
            assertThat(job5.getProperty(BitsJobPropertyId.MAX_DOWNLOAD_SIZE)).isEqualTo(new BitsJobPropertyValue.Uint64(1L << 40));
            assertThat(job5.getProperty(BitsJobPropertyId.ON_DEMAND_MODE)).isEqualTo(new BitsJobPropertyValue.Enable(false));
            assertThat(job5.getProperty(BitsJobPropertyId.USE_STORED_CREDENTIALS))
                    .isEqualTo(new BitsJobPropertyValue.Target(BgAuthTarget.PROXY));
            assertThat(job5.getProperty(BitsJobPropertyId.MINIMUM_NOTIFICATION_INTERVAL_MS)).isEqualTo(dword(2000));
        }
    }

    @Example
    @Tag("R215")
    @Label("R215 costFlags_waitForAnAllowedNetwork_thenTransfer")
    @Requires(value = Feature.JOB_PROPERTIES, strictOnly = true, capabilities = {Capability.NETWORK_COST, Capability.VIRTUAL_CLOCK})
    default void costFlags_waitForAnAllowedNetwork_thenTransfer() {
        try (TckSession s = TckSession.open(fixture())) {
            s.service().setNetworkCost(BitsJobTransferPolicy.COST_ROAMING);
            IBackgroundCopyJob job = s.newJob();
            byte[] body = bytes(6000, 15);
            s.addFile(job, "cost.bin", body);
            job5(job).setProperty(BitsJobPropertyId.COST_FLAGS, dword(BitsJobTransferPolicy.NOT_ROAMING.nativeValue()));
            job.resume();
            s.settle();
            s.advance(java.time.Duration.ofHours(1));
            assertThat(job.getState()).as("roaming, flags NOT_ROAMING").isEqualTo(BgJobState.TRANSIENT_ERROR);
            assertThat(job.getError().getError().code()).isEqualTo(s.code(SemanticError.BLOCKED_BY_COST));
            assertThat(job.getProgress().bytesTransferred()).isZero();
            assertThat(s.content().requests()).as("no request while blocked").isEmpty();
            s.service().setNetworkCost(BitsJobTransferPolicy.COST_USAGE_BASED);
            s.driveTo(job, BgJobState.TRANSFERRED, BgJobState.ERROR);
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);

            IBackgroundCopyJob second = s.newJob();
            s.addFile(second, "cost2.bin", body);
            job5(second).setProperty(BitsJobPropertyId.COST_FLAGS, dword(BitsJobTransferPolicy.UNRESTRICTED.nativeValue()));
            second.resume();
            s.settle();
            assertThat(second.getState()).as("usage-based, flags UNRESTRICTED").isEqualTo(BgJobState.TRANSIENT_ERROR);
            job5(second).setProperty(BitsJobPropertyId.COST_FLAGS, dword(BitsJobTransferPolicy.ALWAYS.nativeValue()));
            s.driveTo(second, BgJobState.TRANSFERRED, BgJobState.ERROR);
            assertThat(second.getState()).as("the flags now allow the network").isEqualTo(BgJobState.TRANSFERRED);
        }
    }

    @Example
    @Tag("R216")
    @Label("R216 maxDownloadSize_belowTheFile_error_atTheFile_transfers")
    @Requires(value = Feature.JOB_PROPERTIES, dialect = Dialect.BITS, strictOnly = true)
    default void maxDownloadSize_belowTheFile_error_atTheFile_transfers() {
        try (TckSession s = TckSession.open(fixture())) {
            byte[] body = bytes(8000, 16);
            IBackgroundCopyJob small = s.newJob();
            job5(small).setProperty(BitsJobPropertyId.MAX_DOWNLOAD_SIZE, new BitsJobPropertyValue.Uint64(body.length - 1));
            s.addFile(small, "max1.bin", body);
            small.resume();
            s.driveTo(small, BgJobState.ERROR, BgJobState.TRANSFERRED);
            assertThat(small.getState()).isEqualTo(BgJobState.ERROR);
            assertThat(small.getError().getError().code()).isEqualTo(HResult.BG_E_MAX_DOWNLOAD_SIZE_LIMIT_REACHED);

            IBackgroundCopyJob exact = s.newJob();
            job5(exact).setProperty(BitsJobPropertyId.MAX_DOWNLOAD_SIZE, new BitsJobPropertyValue.Uint64(body.length));
            s.addFile(exact, "max2.bin", body);
            exact.resume();
            s.driveTo(exact, BgJobState.ERROR, BgJobState.TRANSFERRED);
            assertThat(exact.getState()).isEqualTo(BgJobState.TRANSFERRED);
        }
    }

    @Example
    @Tag("R217")
    @Label("R217 dynamicContent_neverARange_restartsFromZero")
    @Requires(value = Feature.JOB_PROPERTIES, dialect = Dialect.BITS, strictOnly = true)
    default void dynamicContent_neverARange_restartsFromZero() throws Exception {
        try (TckSession s = TckSession.open(fixture())) {
            byte[] body = bytes(64 * 1024, 17);
            IBackgroundCopyJob job = s.newJob();
            job5(job).setProperty(BitsJobPropertyId.DYNAMIC_CONTENT, new BitsJobPropertyValue.Enable(true));
            s.addFile(job, "dynamic.bin", body);
            s.content().script("/dynamic.bin", Fault.DISCONNECT_MID_BODY, 1);
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED, BgJobState.ERROR);
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            List<RecordedRequest> requests = s.content().requests();
            assertThat(requests).as("the cut request and its retry").hasSizeGreaterThanOrEqualTo(2);
            assertThat(requests).allSatisfy(r -> assertThat(r.range()).as("Range of " + r).isEmpty());
            assertThat(job.complete().isSuccess()).isTrue();
            assertThat(TckSession.sha256(s.local("dynamic.bin"))).isEqualTo(TckSession.sha256(body));
        }
    }

    @Example
    @Tag("R218")
    @Label("R218 file5_httpResponseHeaders_ofTheLastResponse")
    @Requires(Feature.JOB_PROPERTIES)
    default void file5_httpResponseHeaders_ofTheLastResponse() {
        try (TckSession s = TckSession.open(fixture())) {
            byte[] body = bytes(5000, 18);
            IBackgroundCopyJob job = s.newJob();
            s.addFile(job, "headers.bin", body);
            IBackgroundCopyFile5 file = file5(job);
            if (s.strict()) {
                assertThat(file.getProperty(BitsFilePropertyId.HTTP_RESPONSE_HEADERS)).as("before any response").isEmpty();
                s.expectFails(SemanticError.READ_ONLY_PROPERTY, "File5 SetProperty(HTTP_RESPONSE_HEADERS)",
                        () -> file.setProperty(BitsFilePropertyId.HTTP_RESPONSE_HEADERS, "X: 1\r\n"));
                s.expectFails(SemanticError.UNKNOWN_PROPERTY_ID, "File5 GetProperty(2)",
                        () -> file.getProperty(new BitsFilePropertyId(2)));
            }
            job.resume();
            s.driveTo(job, BgJobState.TRANSFERRED, BgJobState.ERROR);
            String headers = file.getProperty(BitsFilePropertyId.HTTP_RESPONSE_HEADERS);
            assertThat(headers).startsWith("HTTP/1.1 200").contains("\r\n");
            assertThat(headers.toLowerCase(java.util.Locale.ROOT)).contains("content-length: " + body.length + "\r\n");
        }
    }
}
