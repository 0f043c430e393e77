package dev.bgcopy.cli.internal;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.bgcopy.api.BgJobProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --json} form of a job (README "JSON"): {@code id}, {@code displayName}, {@code state},
 * {@code priority}, {@code bytesTotal} (null when unknown), {@code bytesTransferred}, {@code filesTotal},
 * {@code filesTransferred}, {@code times} {created, modified, transferCompleted} as ISO-8601 or null,
 * {@code error} null or {hresult, name, context, description}. {@code UINT64} counts are printed unsigned,
 * even above {@link Long#MAX_VALUE}.
 */
public final class JobJson {

    /** jackson-jr leaves null properties out by default; the schema has them, as null. */
    private static final JSON WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);

    private JobJson() {
    }

    /** The job as one JSON object on one line. */
    public static String object(JobSnapshot job) {
        return write(toMap(job));
    }

    /**
     * The job and its wire options as one JSON object on one line ({@code info --json}): the fields of
     * {@link #object(JobSnapshot)} plus {@code http}, null where the service has no HTTP options (DO), else
     * {headers (names only), proxy {usage, list, bypass} or null, securityFlags {mask, ssl, redirectPolicy,
     * allowHttpsToHttp}}. Credentials are write-only in every service, so they are not among them.
     */
    public static String object(JobSnapshot job, Optional<WireSnapshot> wire) {
        Map<String, Object> m = toMap(job);
        m.put("http", wire.map(WireSnapshot::toMap).orElse(null));
        return write(m);
    }

    /** The jobs as one JSON array on one line. */
    public static String array(List<JobSnapshot> jobs) {
        return write(jobs.stream().map(JobJson::toMap).toList());
    }

    /** The job as ordered JSON values (maps, strings, numbers, null). */
    public static Map<String, Object> toMap(JobSnapshot job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", job.id().toString());
        m.put("displayName", job.displayName());
        m.put("state", job.state().name());
        m.put("priority", job.priority().name());
        BgJobProgress p = job.progress();
        m.put("bytesTotal", p.isBytesTotalKnown() ? unsigned(p.bytesTotal()) : null);
        m.put("bytesTransferred", unsigned(p.bytesTransferred()));
        m.put("filesTotal", p.filesTotal());
        m.put("filesTransferred", p.filesTransferred());
        Map<String, Object> times = new LinkedHashMap<>();
        times.put("created", iso(job.times().creationTime()));
        times.put("modified", iso(job.times().modificationTime()));
        times.put("transferCompleted", job.times().transferCompleted().map(JobJson::iso).orElse(null));
        m.put("times", times);
        m.put("error", job.error().map(e -> {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("hresult", e.code().hex());
            error.put("name", e.code().name().orElse(null));
            error.put("context", e.context());
            error.put("description", e.description());
            return error;
        }).orElse(null));
        return m;
    }

    /** A {@code UINT64} held in a {@code long}: a Long when it fits, else the unsigned BigInteger. */
    static Number unsigned(long raw) {
        return raw >= 0 ? Long.valueOf(raw) : new BigInteger(Long.toUnsignedString(raw));
    }

    private static String iso(Instant instant) {
        return instant.toString();
    }

    private static String write(Object value) {
        try {
            return WRITER.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
