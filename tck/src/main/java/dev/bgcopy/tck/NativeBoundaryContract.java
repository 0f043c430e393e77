package dev.bgcopy.tck;

import static dev.bgcopy.tck.internal.TckSession.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.Feature;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IEnumBackgroundCopyFiles;
import dev.bgcopy.tck.NativeCalls.StructLayout;
import dev.bgcopy.tck.internal.Section6Layouts;
import dev.bgcopy.tck.internal.TckSession;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.Tag;

/**
 * The rules that live below the Java API (R64, R86, R111): out-of-range enum values, NULL
 * out-pointers and struct layouts exist only at the COM boundary, so these tests reach it through
 * {@link NativeCalls} and run for fixtures that declare {@link Capability#NATIVE_CALLS}. For a
 * pure-Java implementation they are reported as skipped, because the Java types make the bad call
 * unrepresentable.
 */
public interface NativeBoundaryContract extends TckContract {

    @Example
    @Tag("R64")
    @Label("R64 setPriorityFour_invalidArgAndUnchanged")
    @Requires(capabilities = Capability.NATIVE_CALLS)
    default void setPriorityFour_invalidArgAndUnchanged() {
        try (TckSession s = TckSession.open(fixture())) {
            NativeCalls raw = s.service().nativeCalls();
            IBackgroundCopyJob job = s.newJob();
            job.setPriority(BgJobPriority.LOW);
            for (int outOfRange : new int[] {4, 0xFFFF_FFFF}) {
                s.expectFailsStrictly(HResult.E_INVALIDARG, "SetPriority(" + Integer.toUnsignedString(outOfRange) + ")",
                        () -> raw.setPriority(job, outOfRange));
                assertThat(job.getPriority()).as("priority after a refused SetPriority(%s)",
                        Integer.toUnsignedString(outOfRange)).isEqualTo(BgJobPriority.LOW);
            }
            raw.setPriority(job, BgJobPriority.FOREGROUND.nativeValue());
            assertThat(job.getPriority()).as("the raw path itself works for an in-range value")
                    .isEqualTo(BgJobPriority.FOREGROUND);
        }
    }

    @Example
    @Tag("R86")
    @Label("R86 nextMoreThanOneWithNullFetched_invalidArgAndCursorStays")
    @Requires(capabilities = Capability.NATIVE_CALLS)
    default void nextMoreThanOneWithNullFetched_invalidArgAndCursorStays() {
        try (TckSession s = TckSession.open(fixture())) {
            NativeCalls raw = s.service().nativeCalls();
            IBackgroundCopyJob job = s.newJob();
            for (int i = 1; i <= 3; i++) {
                s.addFile(job, "n" + i + ".bin", bytes(100, 86 + i));
            }
            IEnumBackgroundCopyFiles files = job.enumFiles();
            for (int celt : new int[] {2, 3}) {
                s.expectFailsExactly(HResult.E_INVALIDARG, "Next(" + celt + ", arr, NULL)",
                        () -> raw.nextWithoutFetchedCount(files, celt));
            }
            if (s.strict()) {
                List<IBackgroundCopyFile> first = files.next(1);
                assertThat(first).as("Next(1) after the refused calls").hasSize(1);
                assertThat(first.get(0).getLocalName()).as("the cursor did not move")
                        .isEqualTo(s.local("n1.bin").toString());
            }
        }
    }

    @Example
    @Tag("R111")
    @Label("R111 structLayouts_matchSection6_onX64AndX86")
    @Requires(capabilities = Capability.NATIVE_CALLS)
    default void structLayouts_matchSection6_onX64AndX86() {
        try (TckSession s = TckSession.open(fixture())) {
            NativeCalls raw = s.service().nativeCalls();
            for (int pointerSize : new int[] {8, 4}) {
                String arch = pointerSize == 8 ? "x64" : "x86";
                Map<String, StructLayout> expected = Section6Layouts.layouts(pointerSize);
                Map<String, StructLayout> actual = raw.structLayouts(pointerSize);
                assertThat(expected).as("structures the binding lays out on %s that §6 does not define", arch)
                        .containsKeys(actual.keySet().toArray(String[]::new));
                List<String> needed = new java.util.ArrayList<>(List.of("BG_JOB_PROGRESS", "BG_JOB_TIMES", "BG_FILE_PROGRESS"));
                if (s.has(Feature.ADD_FILE_WITH_RANGES)) {
                    needed.add("BG_FILE_RANGE");
                }
                if (s.has(Feature.DO_EXTENSIONS)) {
                    needed.add("DOSwarmStats");
                }
                if (s.has(Feature.JOB_PROPERTIES)) {
                    needed.addAll(List.of("BITS_JOB_PROPERTY_VALUE", "BITS_FILE_PROPERTY_VALUE"));
                }
                assertThat(actual).as("structures every binding with these features reads on %s", arch)
                        .containsKeys(needed.toArray(String[]::new));
                actual.forEach((name, layout) -> assertThat(layout).as("%s on %s", name, arch)
                        .isEqualTo(expected.get(name)));
            }
        }
    }
}
