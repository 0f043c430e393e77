package dev.bgcopy.testing.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BackgroundCopyProvider;
import dev.bgcopy.api.HResult;
import dev.bgcopy.testing.loopback.LoopbackComRuntime;
import dev.bgcopy.windows.WindowsBitsProvider;
import dev.bgcopy.windows.WindowsDeliveryOptimizationProvider;
import dev.bgcopy.windows.internal.BindingAccess;
import dev.bgcopy.windows.internal.Guids;
import dev.bgcopy.windows.internal.ServiceKind;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Discovery and availability of {@code windows-do} and {@code windows-bits}. */
class WindowsProvidersTest {

    @Test
    void bothProvidersAreFoundByServiceLoaderInPriorityOrder() {
        assertThat(BackgroundCopy.providers()).extracting(BackgroundCopyProvider::name)
                .containsSubsequence("windows-do", "windows-bits");
        assertThat(new WindowsDeliveryOptimizationProvider().priority()).isEqualTo(100);
        assertThat(new WindowsBitsProvider().priority()).isEqualTo(200);
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void offWindowsTheyAreUnavailableAndSayWhy() {
        for (BackgroundCopyProvider p : new BackgroundCopyProvider[] {
                new WindowsDeliveryOptimizationProvider(), new WindowsBitsProvider()}) {
            assertThat(p.availability().available()).isFalse();
            assertThat(p.availability().reason()).contains("needs Windows");
            assertThatThrownBy(() -> p.open(Map.of())).isInstanceOfSatisfying(BackgroundCopyException.class,
                    e -> assertThat(e.hresult()).isEqualTo(HResult.REGDB_E_CLASSNOTREG));
        }
    }

    @Test
    void optionsAreRefusedWithEInvalidArg() {
        assertThatThrownBy(() -> new WindowsBitsProvider().open(Map.of("dialect", "do")))
                .isInstanceOfSatisfying(BackgroundCopyException.class,
                        e -> assertThat(e.hresult()).isEqualTo(HResult.E_INVALIDARG));
    }

    @Test
    void anUnregisteredClassFailsActivationWithItsHresult() {
        try (LoopbackComRuntime runtime = new LoopbackComRuntime()) {
            assertThatThrownBy(() -> BindingAccess.get().openManager(runtime, ServiceKind.DELIVERY_OPTIMIZATION))
                    .isInstanceOfSatisfying(BackgroundCopyException.class, e -> {
                        assertThat(e.hresult()).isEqualTo(HResult.REGDB_E_CLASSNOTREG);
                        assertThat(e.method()).isEqualTo("CoCreateInstance(CLSID_DeliveryOptimization)");
                    });
        }
        assertThat(ServiceKind.BITS.clsid()).isEqualTo(Guids.CLSID_BACKGROUND_COPY_MANAGER);
    }
}
