package dev.bgcopy.testing.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Pointer;

import dev.bgcopy.api.BgFileInfo;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyError;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.api.IDeliveryOptimizationJob2;
import dev.bgcopy.api.IEnumBackgroundCopyFiles;
import dev.bgcopy.api.IEnumBackgroundCopyJobs;
import dev.bgcopy.simulator.Simulator;
import dev.bgcopy.simulator.SimulatorConfig;
import dev.bgcopy.simulator.SimulatorManager;
import dev.bgcopy.testing.loopback.LoopbackComRuntime;
import dev.bgcopy.testing.loopback.LoopbackService;
import dev.bgcopy.windows.internal.BindingAccess;
import dev.bgcopy.windows.internal.ProxyBlanket;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proxy security: the binding sets its blanket on every interface pointer a service hands it — the
 * manager after activation and each job, enumerator, file and extension interface received later,
 * since a blanket belongs to one interface proxy and Microsoft asks for it on each BITS interface —
 * with the impersonation level BITS and Delivery Optimization need to call back.
 */
@Timeout(60)
class ProxyBlanketTest {

    @TempDir
    Path dir;

    private SimulatorManager simulator;
    private LoopbackService service;

    @AfterEach
    void close() {
        service.close();
        simulator.close();
    }

    private IBackgroundCopyManager open(Dialect dialect) {
        simulator = Simulator.newManager(SimulatorConfig.deterministic().toBuilder().dialect(dialect).build());
        service = LoopbackService.open(simulator);
        return service.manager();
    }

    private void assertSecured(Object wrapper) {
        LoopbackComRuntime runtime = service.runtime();
        Pointer p = BindingAccess.get().reference(wrapper).orElseThrow().pointer();
        assertThat(runtime.blanketOf(p)).as("blanket of %s", wrapper).hasValueSatisfying(b -> {
            assertThat(b.impersonationLevel()).isEqualTo(3);             // RPC_C_IMP_LEVEL_IMPERSONATE
            assertThat(b.authnService()).isEqualTo(0xFFFFFFFF);          // RPC_C_AUTHN_DEFAULT
            assertThat(b.authzService()).isEqualTo(0xFFFFFFFF);          // RPC_C_AUTHZ_DEFAULT
            assertThat(b.serverPrincipal()).isEqualTo(-1L);              // COLE_DEFAULT_PRINCIPAL
            assertThat(b.authnLevel()).isZero();                         // RPC_C_AUTHN_LEVEL_DEFAULT
            assertThat(b.authInfo()).isEqualTo(-1L);                     // COLE_DEFAULT_AUTHINFO
            assertThat(b.capabilities()).isEqualTo(0x800);               // EOAC_DEFAULT
        });
        assertThat(runtime.blanketOf(p)).contains(ProxyBlanket.FOR_SERVICES);
    }

    @Test
    void theManagerAndEveryPointerObtainedLaterCarryTheBlanket() {
        IBackgroundCopyManager manager = open(Dialect.BITS);
        assertSecured(manager);
        try (IBackgroundCopyJob created = manager.createJob("secured", BgJobType.DOWNLOAD)) {
            assertSecured(created);
            created.addFileSet(List.of(new BgFileInfo("https://cdn.example.test/a", dir.resolve("a").toString())));
            try (IBackgroundCopyJob found = manager.getJob(created.getId())) {
                assertSecured(found);
            }
            try (IEnumBackgroundCopyJobs jobs = manager.enumJobs()) {
                assertSecured(jobs);
                try (IEnumBackgroundCopyJobs clone = jobs.clone()) {
                    assertSecured(clone);
                }
                try (IBackgroundCopyJob listed = jobs.next(1).get(0)) {
                    assertSecured(listed);
                }
            }
            try (IEnumBackgroundCopyFiles files = created.enumFiles()) {
                assertSecured(files);
                try (IBackgroundCopyFile file = files.next(1).get(0)) {
                    assertSecured(file);
                }
            }
            created.cancel();
        }
    }

    @Test
    void theObjectsACallbackReceivesAndTheErrorsReadLaterCarryTheBlanket() throws Exception {
        IBackgroundCopyManager manager = open(Dialect.BITS);
        LoopbackComRuntime runtime = service.runtime();
        CountDownLatch delivered = new CountDownLatch(1);
        List<Optional<ProxyBlanket>> inCallback = new CopyOnWriteArrayList<>();
        try (IBackgroundCopyJob job = manager.createJob("secured callback", BgJobType.DOWNLOAD)) {
            job.addFile("https://cdn.example.test/missing.bin", dir.resolve("m.bin").toString());
            job.setNotifyInterface(new IBackgroundCopyCallback() {
                @Override
                public HResult jobError(IBackgroundCopyJob j, IBackgroundCopyError error) {
                    inCallback.add(runtime.blanketOf(pointerOf(j)));
                    inCallback.add(runtime.blanketOf(pointerOf(error)));
                    try (IBackgroundCopyFile file = error.getFile()) {
                        inCallback.add(runtime.blanketOf(pointerOf(file)));
                    }
                    delivered.countDown();
                    return HResult.S_OK;
                }
            });
            job.resume();
            simulator.runUntilIdle();
            assertThat(delivered.await(30, TimeUnit.SECONDS)).as("JobError delivered").isTrue();
            assertThat(inCallback).as("job, error, error's file").hasSize(3)
                    .allSatisfy(b -> assertThat(b).contains(ProxyBlanket.FOR_SERVICES));
            try (IBackgroundCopyError error = job.getError()) {
                assertSecured(error);
            }
            job.setNotifyInterface(null);
            job.cancel();
        }
    }

    private static Pointer pointerOf(Object wrapper) {
        return BindingAccess.get().reference(wrapper).orElseThrow().pointer();
    }

    @Test
    void anInterfaceReachedByQueryInterfaceCarriesItsOwnBlanket() {
        IBackgroundCopyManager manager = open(Dialect.DO);
        try (IBackgroundCopyJob job = manager.createJob("secured", BgJobType.DOWNLOAD);
                IDeliveryOptimizationJob2 job2 = job.queryInterface(IDeliveryOptimizationJob2.class).orElseThrow()) {
            Pointer first = BindingAccess.get().reference(job).orElseThrow().pointer();
            Pointer second = BindingAccess.get().reference(job2).orElseThrow().pointer();
            assertThat(second).as("another interface pointer of the same object").isNotEqualTo(first);
            assertSecured(job);
            assertSecured(job2);
            job.cancel();
        }
    }
}
