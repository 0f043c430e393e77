package dev.bgcopy.windows.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The slot constants against the vtable tables of docs/contract.md §3, typed here from the contract in slot
 * order (not from {@link Slots}): a wrong slot would call the wrong native function, and the loopback
 * could not notice, since it builds its vtables from the same constants.
 */
class SlotsTest {

    /** Interface → method names in slot order, starting at slot 3 (after IUnknown). docs/contract.md §3.2-§3.10. */
    private static final Map<Class<?>, List<String>> CONTRACT = new LinkedHashMap<>();

    static {
        CONTRACT.put(Slots.Manager.class, List.of("CreateJob", "GetJob", "EnumJobs", "GetErrorDescription"));
        CONTRACT.put(Slots.Job.class, List.of("AddFileSet", "AddFile", "EnumFiles", "Suspend", "Resume", "Cancel",
                "Complete", "GetId", "GetType", "GetProgress", "GetTimes", "GetState", "GetError", "GetOwner",
                "SetDisplayName", "GetDisplayName", "SetDescription", "GetDescription", "SetPriority", "GetPriority",
                "SetNotifyFlags", "GetNotifyFlags", "SetNotifyInterface", "GetNotifyInterface",
                "SetMinimumRetryDelay", "GetMinimumRetryDelay", "SetNoProgressTimeout", "GetNoProgressTimeout",
                "GetErrorCount", "SetProxySettings", "GetProxySettings", "TakeOwnership"));
        CONTRACT.put(Slots.DoJob.class, List.of("AddFileWithRanges"));
        CONTRACT.put(Slots.DoJob2.class, List.of("AddFile", "GetProperty", "SetProperty"));
        CONTRACT.put(Slots.Enum.class, List.of("Next", "Skip", "Reset", "Clone", "GetCount"));
        CONTRACT.put(Slots.File.class, List.of("GetRemoteName", "GetLocalName", "GetProgress", "GetFileRanges",
                "SetRemoteName"));
        CONTRACT.put(Slots.Error.class, List.of("GetError", "GetFile", "GetErrorDescription",
                "GetErrorContextDescription", "GetProtocol"));
        CONTRACT.put(Slots.Callback.class, List.of("JobTransferred", "JobError", "JobModification", "FileTransferred"));
        CONTRACT.put(Slots.DoFile.class, List.of("GetStats"));
        CONTRACT.put(Slots.DoFile2.class, List.of("GetProperty", "SetProperty"));
    }

    @Test
    void iunknownOccupiesSlotsZeroToTwo() {
        assertThat(Slots.Unknown.QUERY_INTERFACE).isZero();
        assertThat(Slots.Unknown.ADD_REF).isEqualTo(1);
        assertThat(Slots.Unknown.RELEASE).isEqualTo(2);
    }

    @Test
    void everyMethodSitsAtItsContractSlot() throws Exception {
        for (Map.Entry<Class<?>, List<String>> e : CONTRACT.entrySet()) {
            List<String> methods = e.getValue();
            for (int i = 0; i < methods.size(); i++) {
                Field f = e.getKey().getField(constantName(methods.get(i)));
                assertThat(f.getInt(null)).as("%s.%s", e.getKey().getSimpleName(), methods.get(i)).isEqualTo(3 + i);
            }
        }
    }

    @Test
    void noSlotConstantExistsThatTheContractDoesNotList() throws Exception {
        for (Map.Entry<Class<?>, List<String>> e : CONTRACT.entrySet()) {
            List<String> expected = new ArrayList<>();
            e.getValue().forEach(m -> expected.add(constantName(m)));
            List<String> declared = new ArrayList<>();
            for (Field f : e.getKey().getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && !f.getName().startsWith("COUNT")) {
                    declared.add(f.getName());
                }
            }
            assertThat(declared).as(e.getKey().getSimpleName()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** The interfaces after the first ones: their first slot follows the parent's last (§3.17-§3.22). */
    @Test
    void laterInterfacesContinueTheirParentsVtable() throws Exception {
        Map<Class<?>, List<String>> later = new LinkedHashMap<>();
        later.put(Slots.Job5.class, List.of("SetProperty", "GetProperty"));
        later.put(Slots.File5.class, List.of("SetProperty", "GetProperty"));
        later.put(Slots.File6.class, List.of("UpdateDownloadPosition", "RequestFileRanges", "GetFilledFileRanges"));
        later.put(Slots.HttpOptions2.class, List.of("SetHttpMethod", "GetHttpMethod"));
        later.put(Slots.HttpOptions3.class, List.of("SetServerCertificateValidationInterface", "MakeCustomHeadersWriteOnly"));
        later.put(Slots.Callback3.class, List.of("FileRangesTransferred"));
        later.put(Slots.CertificateValidationCallback.class, List.of("ValidateServerCertificate"));
        Map<Class<?>, Integer> first = Map.of(Slots.Job5.class, 53, Slots.File5.class, 13, Slots.File6.class, 15,
                Slots.HttpOptions2.class, 11, Slots.HttpOptions3.class, 13, Slots.Callback3.class, 7,
                Slots.CertificateValidationCallback.class, 3);
        for (Map.Entry<Class<?>, List<String>> e : later.entrySet()) {
            List<String> methods = e.getValue();
            for (int i = 0; i < methods.size(); i++) {
                Field f = e.getKey().getField(constantName(methods.get(i)));
                assertThat(f.getInt(null)).as("%s.%s", e.getKey().getSimpleName(), methods.get(i))
                        .isEqualTo(first.get(e.getKey()) + i);
            }
            assertThat(e.getKey().getField("COUNT").getInt(null)).as("%s.COUNT", e.getKey().getSimpleName())
                    .isEqualTo(first.get(e.getKey()) + methods.size());
        }
        assertThat(Slots.Job5.SET_PROPERTY).isEqualTo(Slots.Job4.COUNT);
        assertThat(Slots.File5.SET_PROPERTY).isEqualTo(Slots.File4.COUNT);
        assertThat(Slots.File6.UPDATE_DOWNLOAD_POSITION).isEqualTo(Slots.File5.COUNT);
        assertThat(Slots.HttpOptions2.SET_HTTP_METHOD).isEqualTo(Slots.HttpOptions.COUNT);
        assertThat(Slots.HttpOptions3.SET_SERVER_CERTIFICATE_VALIDATION_INTERFACE).isEqualTo(Slots.HttpOptions2.COUNT);
        assertThat(Slots.Callback3.FILE_RANGES_TRANSFERRED).isEqualTo(Slots.Callback.COUNT2);
    }

    @Test
    void countsAreTheVtableSizes() {
        assertThat(Slots.Manager.COUNT).isEqualTo(7);
        assertThat(Slots.Job.COUNT).isEqualTo(35);
        assertThat(Slots.Enum.COUNT).isEqualTo(8);
        assertThat(Slots.File.COUNT).isEqualTo(6);
        assertThat(Slots.File.COUNT2).isEqualTo(8);
        assertThat(Slots.Error.COUNT).isEqualTo(8);
        assertThat(Slots.Callback.COUNT2).isEqualTo(7);
    }

    @Test
    void offsetsArePointerSized() {
        assertThat(Slots.offset(Slots.Job.GET_PROGRESS)).isEqualTo(12L * com.sun.jna.Native.POINTER_SIZE);
    }

    /** GetErrorContextDescription → GET_ERROR_CONTEXT_DESCRIPTION. */
    private static String constantName(String method) {
        return method.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
