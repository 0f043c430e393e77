package dev.bgcopy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackgroundCopyTest {

    @Test
    void providersAreListedByPriority() {
        assertThat(BackgroundCopy.providers()).extracting(BackgroundCopyProvider::name)
                .containsExactly("test-unavailable", "test-available", "test-fallback");
    }

    @Test
    void openTakesTheFirstAvailableProvider() {
        try (IBackgroundCopyManager manager = BackgroundCopy.open()) {
            assertThat(manager).isEqualTo(new TestProviders.OpenedManager("test-available", Map.of()));
        }
    }

    @Test
    void openByNamePassesACopyOfTheOptions() {
        Map<String, String> options = new HashMap<>(Map.of("dialect", "bits"));
        IBackgroundCopyManager manager = BackgroundCopy.open("test-fallback", options);
        options.put("dialect", "do");
        assertThat(manager).isEqualTo(new TestProviders.OpenedManager("test-fallback", Map.of("dialect", "bits")));
    }

    @Test
    void anUnknownNameListsEveryProviderAndWhyItIsUnavailable() {
        assertThatThrownBy(() -> BackgroundCopy.open("windows-do", Map.of()))
                .isInstanceOfSatisfying(BackgroundCopyException.class, e -> {
                    assertThat(e.hresult()).isEqualTo(HResult.REGDB_E_CLASSNOTREG);
                    assertThat(e.method()).isEqualTo("BackgroundCopy.open");
                })
                .hasMessage("BackgroundCopy.open: REGDB_E_CLASSNOTREG (0x80040154): no provider named 'windows-do'; providers: "
                        + "test-unavailable (unavailable: not Windows (REGDB_E_CLASSNOTREG (0x80040154))), "
                        + "test-available (available), test-fallback (available)");
    }

    @Test
    void anUnavailableProviderSaysWhy() {
        assertThatThrownBy(() -> BackgroundCopy.open("test-unavailable", Map.of()))
                .isInstanceOf(BackgroundCopyException.class)
                .hasMessageStartingWith("BackgroundCopy.open: REGDB_E_CLASSNOTREG (0x80040154): provider 'test-unavailable' is unavailable: not Windows");
    }

    @Test
    void nullNameOrOptionsAreInvalidArguments() {
        assertThatThrownBy(() -> BackgroundCopy.open(null, Map.of()))
                .isInstanceOfSatisfying(BackgroundCopyException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.E_INVALIDARG))
                .hasMessage("BackgroundCopy.open: E_INVALIDARG (0x80070057): the name argument is null");
        assertThatThrownBy(() -> BackgroundCopy.open("test-available", null))
                .isInstanceOfSatisfying(BackgroundCopyException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.E_INVALIDARG))
                .hasMessage("BackgroundCopy.open: E_INVALIDARG (0x80070057): the options argument is null");
    }

    @Test
    void queryInterfaceForNullIsAnInvalidArgument() {
        IUnknown unknown = new IUnknown() {
        };
        assertThatThrownBy(() -> unknown.queryInterface(null))
                .isInstanceOfSatisfying(BackgroundCopyException.class, e -> {
                    assertThat(e.hresult()).isEqualTo(HResult.E_INVALIDARG);
                    assertThat(e.method()).isEqualTo("IUnknown::QueryInterface");
                })
                .hasMessage("IUnknown::QueryInterface: E_INVALIDARG (0x80070057): the interface to query for is null");
    }
}
