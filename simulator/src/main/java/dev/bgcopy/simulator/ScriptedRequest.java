package dev.bgcopy.simulator;

import java.util.Objects;

/**
 * One request the simulator sent to a {@link ScriptedNetwork}, as the scripted server saw it: what a
 * test asserts after a transfer ("the resume sent exactly one {@code Range: bytes=K-}").
 *
 * @param url the URL requested
 * @param range the {@code Range} header value, or null when the whole resource was requested
 * @param ifRange the {@code If-Range} header value, or null
 * @param status the status the scripted server answered with, or 0 when the connection was reset
 *        before a response
 */
public record ScriptedRequest(String url, String range, String ifRange, int status) {

    /** The URL is required. */
    public ScriptedRequest {
        Objects.requireNonNull(url, "url");
    }
}
