package dev.bgcopy.testing.windows;

import com.sun.jna.Platform;

import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.IBackgroundCopyManager;
import dev.bgcopy.tck.BackgroundCopyTck;
import dev.bgcopy.tck.Capability;
import dev.bgcopy.tck.NativeCalls;
import dev.bgcopy.tck.TckFixture;
import dev.bgcopy.tck.TckMode;
import dev.bgcopy.tck.TckService;
import dev.bgcopy.windows.internal.ServiceKind;

import java.util.Map;

import net.jqwik.api.Group;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * The whole kit, lenient, against the real services: {@code windows-do} (dosvc) and
 * {@code windows-bits} (qmgr), downloading from the kit's 127.0.0.1 content server. Windows only, with
 * {@code mvn -Pwindows-it}; everywhere else both classes are reported as skipped with the reason.
 */
@Tag("windows")
@AddLifecycleHook(WindowsTckTest.WindowsOnly.class)
class WindowsTckTest {

    static TckFixture fixture(ServiceKind kind) {
        return TckFixture.builder(kind.providerName())
                .dialect(kind.dialect())
                .mode(TckMode.LENIENT)
                .features(kind.features())
                .capabilities(Capability.NATIVE_CALLS)
                .opener((dir, content) -> new RealService(BackgroundCopy.open(kind.providerName(), Map.of())))
                .build();
    }

    /** The kit against Delivery Optimization. */
    @Group
    class DeliveryOptimization implements BackgroundCopyTck {
        private final TckFixture fixture = WindowsTckTest.fixture(ServiceKind.DELIVERY_OPTIMIZATION);

        @Override
        public TckFixture fixture() {
            return fixture;
        }
    }

    /** The kit against BITS. */
    @Group
    class Bits implements BackgroundCopyTck {
        private final TckFixture fixture = WindowsTckTest.fixture(ServiceKind.BITS);

        @Override
        public TckFixture fixture() {
            return fixture;
        }
    }

    /** Skips (visibly) unless this is Windows and the windows-it profile asked for the real services. */
    public static final class WindowsOnly implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            if (!Platform.isWindows()) {
                return SkipResult.skip("needs Windows (dosvc, qmgr); this is " + System.getProperty("os.name"));
            }
            if (!Boolean.getBoolean("bgcopy.windows.it")) {
                return SkipResult.skip("real services run only with -Pwindows-it");
            }
            return SkipResult.doNotSkip();
        }
    }

    /** One manager of the real service per test; jobs are the kit's to cancel. */
    private static final class RealService implements TckService {
        private final IBackgroundCopyManager manager;

        RealService(IBackgroundCopyManager manager) {
            this.manager = manager;
        }

        @Override
        public IBackgroundCopyManager manager() {
            return manager;
        }

        @Override
        public NativeCalls nativeCalls() {
            return new BindingNativeCalls();
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}
