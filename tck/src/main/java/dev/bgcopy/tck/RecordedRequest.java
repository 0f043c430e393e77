package dev.bgcopy.tck;

import java.util.Optional;

/**
 * One request a {@link RemoteContent} received, in arrival order (mockwebserver's
 * {@code RecordedRequest}).
 *
 * @param sequence 0-based arrival number across all paths
 * @param method {@code GET} or {@code HEAD}
 * @param path the request path, e.g. {@code /a.bin}
 * @param range the {@code Range} header, if any
 * @param ifRange the {@code If-Range} header, if any
 * @param status the status the server answered with
 */
public record RecordedRequest(int sequence, String method, String path, Optional<String> range,
        Optional<String> ifRange, int status) {
}
