package dev.bgcopy.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A scripted stand-in for the network (docs/contract.md §5.6): a set of {@link RemoteResource}s by URL, each
 * with its content, validators, range support and fault script. A simulator configured with a
 * scripted network sends its http/https requests here instead of to sockets; the engine code that
 * interprets the answers is the same one that handles real servers. {@code file:} URLs still read the
 * local file system. A URL nobody registered answers 404.
 *
 * <pre>{@code
 * ScriptedNetwork network = new ScriptedNetwork();
 * network.serve("https://cdn.example/app.zip", bytes)
 *        .failNext(5, 503)               // five 503s ...
 *        .thenChangeContent(newBytes);   // ... then new content with a new ETag
 * }</pre>
 *
 * <p>Thread-safe. Every request is recorded ({@link #requests()}) for assertions.
 */
public final class ScriptedNetwork {

    private final Map<String, RemoteResource> resources = new ConcurrentHashMap<>();
    private final List<ScriptedRequest> requests = new ArrayList<>();

    /** An empty network: every URL answers 404 until served. */
    public ScriptedNetwork() {
    }

    /**
     * Serves {@code content} at {@code url} (replacing any earlier resource there) with range support,
     * a Content-Length and an ETag; returns the resource so its behaviour can be scripted.
     */
    public RemoteResource serve(String url, byte[] content) {
        Objects.requireNonNull(url, "url");
        RemoteResource resource = new RemoteResource(url, content);
        resources.put(url, resource);
        return resource;
    }

    /** The resource at {@code url}, if one is served. */
    public Optional<RemoteResource> resource(String url) {
        return Optional.ofNullable(resources.get(Objects.requireNonNull(url, "url")));
    }

    /** Stops serving {@code url}: it answers 404 from now on. */
    public void remove(String url) {
        resources.remove(Objects.requireNonNull(url, "url"));
    }

    /** Every request received so far, in arrival order. */
    public synchronized List<ScriptedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests received so far for {@code url}, in arrival order. */
    public synchronized List<ScriptedRequest> requestsTo(String url) {
        return requests.stream().filter(r -> r.url().equals(url)).toList();
    }

    /** Forgets the recorded requests. */
    public synchronized void clearRequests() {
        requests.clear();
    }

    RemoteResource find(String url) {
        return resources.get(url);
    }

    synchronized void record(ScriptedRequest request) {
        requests.add(request);
    }
}
