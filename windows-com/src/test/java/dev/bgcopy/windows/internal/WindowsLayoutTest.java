package dev.bgcopy.windows.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Native;
import com.sun.jna.Structure;

import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * {@link WindowsLayout} is how the kit's R111 test (NativeBoundaryContract, run by the loopback
 * fixture) sees the layout of the architecture this JVM is not: it earns that trust by agreeing with
 * JNA on the architecture this JVM is, for every {@link Structs} declaration. The expected §6
 * numbers themselves live once, in the kit.
 */
class WindowsLayoutTest {

    private static List<Class<? extends Structure>> declarations() {
        return Stream.of(Structs.class.getClasses())
                .filter(Structs.NativeLayout.class::isAssignableFrom)
                .filter(c -> !Modifier.isAbstract(c.getModifiers()))
                .<Class<? extends Structure>>map(c -> c.asSubclass(Structure.class))
                .toList();
    }

    @Test
    void computedLayoutEqualsJnaOnTheRunningArchitecture_forEveryStruct() {
        assertThat(declarations()).as("Structs declarations").hasSizeGreaterThanOrEqualTo(7);
        for (Class<? extends Structure> type : declarations()) {
            Structs.NativeLayout running = newInstance(type);
            Map<String, Integer> offsets = new LinkedHashMap<>();
            for (String field : type.getAnnotation(Structure.FieldOrder.class).value()) {
                offsets.put(field, running.offsetOf(field));
            }
            assertThat(WindowsLayout.of(type, Native.POINTER_SIZE)).as("%s", type.getSimpleName())
                    .isEqualTo(new WindowsLayout(running.size(), running.alignment(), offsets));
        }
    }

    @Test
    void x86LayoutDiffersOnlyWherePointersAre() {
        WindowsLayout x64 = WindowsLayout.of(Structs.FileInfo.class, WindowsLayout.X64);
        WindowsLayout x86 = WindowsLayout.of(Structs.FileInfo.class, WindowsLayout.X86);
        assertThat(x64.size()).isEqualTo(16);
        assertThat(x86.size()).isEqualTo(8);
        assertThat(WindowsLayout.of(Structs.JobProgress.class, WindowsLayout.X86))
                .as("UINT64 stays 8-aligned on Windows x86 (not the i386 System V layout)")
                .isEqualTo(WindowsLayout.of(Structs.JobProgress.class, WindowsLayout.X64));
    }

    @Test
    void authCredentialsUnionIsLaidOutAsItsBasicMember() {
        WindowsLayout x64 = WindowsLayout.of(Structs.AuthCredentials.class, WindowsLayout.X64);
        WindowsLayout x86 = WindowsLayout.of(Structs.AuthCredentials.class, WindowsLayout.X86);
        assertThat(x64.offsets()).containsExactly(Map.entry("Target", 0), Map.entry("Scheme", 4), Map.entry("Credentials", 8));
        assertThat(x64.size()).isEqualTo(24);
        assertThat(x64.alignment()).isEqualTo(8);
        assertThat(x86.offsets()).containsExactly(Map.entry("Target", 0), Map.entry("Scheme", 4), Map.entry("Credentials", 8));
        assertThat(x86.size()).isEqualTo(16);
        assertThat(x86.alignment()).isEqualTo(4);
        assertThat(WindowsLayout.of(Structs.BasicCredentials.class, WindowsLayout.X86).offsets())
                .containsExactly(Map.entry("UserName", 0), Map.entry("Password", 4));
    }

    @Test
    void jobPropertyValueIsOneSixteenByteUnionOnBothArchitectures() {
        for (int pointerSize : new int[] {WindowsLayout.X64, WindowsLayout.X86}) {
            WindowsLayout union = WindowsLayout.of(Structs.JobPropertyValue.class, pointerSize);
            assertThat(union.size()).as("size, %d-byte pointers", pointerSize).isEqualTo(Structs.JobPropertyValue.SIZE);
            assertThat(union.alignment()).as("the UINT64's alignment").isEqualTo(8);
            assertThat(union.offsets()).as("every member at 0").containsOnlyKeys("Dword", "ClsID", "Enable", "Uint64", "Target")
                    .allSatisfy((member, offset) -> assertThat(offset).isZero());
        }
        WindowsLayout guid = WindowsLayout.of(Structs.Guid.class, WindowsLayout.X86);
        assertThat(guid.offsets()).containsExactly(Map.entry("Data1", 0), Map.entry("Data2", 4), Map.entry("Data3", 6),
                Map.entry("Data4", 8));
        assertThat(guid.size()).isEqualTo(Guids.SIZE);
        assertThat(guid.alignment()).isEqualTo(4);
        assertThat(WindowsLayout.of(Structs.FilePropertyValue.class, WindowsLayout.X64).size()).isEqualTo(8);
        assertThat(WindowsLayout.of(Structs.FilePropertyValue.class, WindowsLayout.X86).size()).isEqualTo(4);
    }

    @Test
    void variantIsTwentyFourBytesOnX64() {
        assertThat(Variant.SIZE).isEqualTo(Native.POINTER_SIZE == 8 ? 24 : 16);
    }

    private static Structs.NativeLayout newInstance(Class<? extends Structure> type) {
        try {
            return (Structs.NativeLayout) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
