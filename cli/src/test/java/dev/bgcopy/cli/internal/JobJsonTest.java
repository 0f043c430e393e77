package dev.bgcopy.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.HResult;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobJsonTest {

    private static final UUID ID = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static final Instant CREATED = Instant.parse("2026-11-21T00:00:00Z");
    private static final Instant MODIFIED = Instant.parse("2026-11-21T00:00:01.5Z");

    private static JobSnapshot job(BgJobState state, BgJobProgress progress, Instant completed,
            Optional<JobSnapshot.ErrorInfo> error) {
        return new JobSnapshot(ID, "nightly update", state, BgJobPriority.FOREGROUND, progress,
                new BgJobTimes(CREATED, MODIFIED, completed), error);
    }

    private static Map<String, Object> parse(String json) throws Exception {
        return JSON.std.mapFrom(json);
    }

    @Test
    void object_hasEveryFieldWithItsType() throws Exception {
        String json = JobJson.object(job(BgJobState.TRANSFERRING, new BgJobProgress(8_388_608, 1_048_576, 1, 0),
                BgJobTimes.FILETIME_ZERO, Optional.empty()));
        assertThat(json).doesNotContain("\n");
        Map<String, Object> m = parse(json);
        assertThat(m).containsOnlyKeys("id", "displayName", "state", "priority", "bytesTotal", "bytesTransferred",
                "filesTotal", "filesTransferred", "times", "error");
        assertThat(m.get("id")).isEqualTo(ID.toString());
        assertThat(m.get("displayName")).isEqualTo("nightly update");
        assertThat(m.get("state")).isEqualTo("TRANSFERRING");
        assertThat(m.get("priority")).isEqualTo("FOREGROUND");
        assertThat(((Number) m.get("bytesTotal")).longValue()).isEqualTo(8_388_608L);
        assertThat(((Number) m.get("bytesTransferred")).longValue()).isEqualTo(1_048_576L);
        assertThat(((Number) m.get("filesTotal")).longValue()).isEqualTo(1L);
        assertThat(((Number) m.get("filesTransferred")).longValue()).isEqualTo(0L);
        @SuppressWarnings("unchecked")
        Map<String, Object> times = (Map<String, Object>) m.get("times");
        assertThat(times).containsOnlyKeys("created", "modified", "transferCompleted")
                .containsEntry("created", "2026-11-21T00:00:00Z")
                .containsEntry("modified", "2026-11-21T00:00:01.500Z")
                .containsEntry("transferCompleted", null);
        assertThat(m).containsEntry("error", null);
    }

    @Test
    void bytesTotal_isNullWhileUnknown() throws Exception {
        Map<String, Object> m = parse(JobJson.object(job(BgJobState.TRANSFERRING,
                new BgJobProgress(BgJobProgress.BG_SIZE_UNKNOWN, 10, 1, 0), BgJobTimes.FILETIME_ZERO, Optional.empty())));
        assertThat(m).containsEntry("bytesTotal", null);
        assertThat(((Number) m.get("bytesTransferred")).longValue()).isEqualTo(10L);
    }

    @Test
    void uint64AboveLongMax_printsUnsigned() throws Exception {
        long huge = -2L; // 2^64 - 2 as raw bits
        String json = JobJson.object(job(BgJobState.TRANSFERRING, new BgJobProgress(huge, Long.MIN_VALUE, 1, 0),
                BgJobTimes.FILETIME_ZERO, Optional.empty()));
        assertThat(json).contains("\"bytesTotal\":18446744073709551614")
                .contains("\"bytesTransferred\":9223372036854775808");
        Map<String, Object> m = parse(json);
        assertThat(new BigInteger(m.get("bytesTotal").toString())).isEqualTo(new BigInteger("18446744073709551614"));
    }

    @Test
    void transferCompleted_isIsoOnceSet() throws Exception {
        Instant done = Instant.parse("2026-11-21T00:05:00Z");
        Map<String, Object> m = parse(JobJson.object(job(BgJobState.TRANSFERRED, new BgJobProgress(5, 5, 1, 1), done,
                Optional.empty())));
        assertThat(m.get("times").toString()).contains("transferCompleted=2026-11-21T00:05:00Z");
    }

    @Test
    void error_hasHresultHexNameContextDescription() throws Exception {
        JobSnapshot.ErrorInfo error = new JobSnapshot.ErrorInfo(HResult.BG_E_HTTP_ERROR_404, "REMOTE_FILE",
                Hints.describe(HResult.BG_E_HTTP_ERROR_404));
        Map<String, Object> m = parse(JobJson.object(job(BgJobState.ERROR, new BgJobProgress(BgJobProgress.BG_SIZE_UNKNOWN,
                0, 1, 0), BgJobTimes.FILETIME_ZERO, Optional.of(error))));
        assertThat(m.get("error")).isEqualTo(Map.of("hresult", "0x80190194", "name", "BG_E_HTTP_ERROR_404",
                "context", "REMOTE_FILE", "description", "the server answered HTTP 404"));
    }

    @Test
    void error_ofAnUnnamedCode_hasNullName() throws Exception {
        JobSnapshot.ErrorInfo error = new JobSnapshot.ErrorInfo(HResult.of(0x80D0FFFF), "NONE", "odd");
        Map<String, Object> m = parse(JobJson.object(job(BgJobState.ERROR, BgJobProgress.EMPTY, BgJobTimes.FILETIME_ZERO,
                Optional.of(error))));
        @SuppressWarnings("unchecked")
        Map<String, Object> e = (Map<String, Object>) m.get("error");
        assertThat(e).containsEntry("hresult", "0x80D0FFFF").containsEntry("name", null);
    }

    @Test
    void array_isOneArrayOfObjects() throws Exception {
        JobSnapshot a = job(BgJobState.SUSPENDED, BgJobProgress.EMPTY, BgJobTimes.FILETIME_ZERO, Optional.empty());
        List<Object> list = JSON.std.listFrom(JobJson.array(List.of(a, a)));
        assertThat(list).hasSize(2).allSatisfy(o -> assertThat(o).isInstanceOf(Map.class));
        assertThat(JobJson.array(List.of())).isEqualTo("[]");
    }
}
