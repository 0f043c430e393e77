package dev.bgcopy.simulator;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * http/https requests answered by a {@link ScriptedNetwork} instead of a socket. It behaves like a
 * small HTTP/1.1 server (Range, If-Range, 206/416, validators) and plays the resource's fault script;
 * latency and stalls wait on the engine's clock, so with a {@link VirtualClock} they take no real time.
 */
final class ScriptedTransport implements Transport {

    private static final int CHUNK = 16 * 1024;

    private final ScriptedNetwork network;

    ScriptedTransport(ScriptedNetwork network) {
        this.network = network;
    }

    @Override
    public Exchange open(Request request, Control control) throws IOException {
        if (control.stopRequested()) {
            throw new StoppedException();
        }
        String url = request.uri().toString();
        RemoteResource resource = network.find(url);
        if (resource == null) {
            network.record(new ScriptedRequest(url, request.rangeHeader(), request.ifRange(), 404));
            return new Exchange(404, 0, -1, -1, null, null, null, EMPTY_BODY);
        }
        RemoteResource.Plan plan = resource.plan();
        if (!plan.latency().isZero()) {
            control.parkUntil(control.now().plus(plan.latency()));
            if (control.stopRequested()) {
                throw new StoppedException();
            }
        }
        RemoteResource.Step step = plan.step();
        String lastModified = plan.lastModified() == null ? null
                : DateTimeFormatter.RFC_1123_DATE_TIME.format(plan.lastModified().atOffset(ZoneOffset.UTC));
        if (step != null && step.kind == RemoteResource.StepKind.RESET) {
            network.record(new ScriptedRequest(url, request.rangeHeader(), request.ifRange(), 0));
            throw new SocketException("Connection reset (scripted)");
        }
        if (step != null && step.kind == RemoteResource.StepKind.STATUS) {
            network.record(new ScriptedRequest(url, request.rangeHeader(), request.ifRange(), step.status));
            return new Exchange(step.status, 0, -1, -1, plan.etag(), lastModified, step.retryAfter, EMPTY_BODY);
        }
        byte[] content = plan.content();
        long size = content.length;
        boolean validatorMatches = request.ifRange() == null
                || request.ifRange().equals(plan.etag()) || request.ifRange().equals(lastModified);
        if (request.isRanged() && plan.rangeSupport() && validatorMatches) {
            if (request.rangeStart() >= size) {
                network.record(new ScriptedRequest(url, request.rangeHeader(), request.ifRange(), 416));
                return new Exchange(416, 0, -1, size, plan.etag(), lastModified, null, EMPTY_BODY);
            }
            long end = request.rangeEnd() < 0 ? size - 1 : Math.min(request.rangeEnd(), size - 1);
            network.record(new ScriptedRequest(url, request.rangeHeader(), request.ifRange(), 206));
            long length = plan.sendsContentLength() ? end - request.rangeStart() + 1 : -1;
            return new Exchange(206, length, request.rangeStart(), size, plan.etag(), lastModified, null,
                    new ScriptedBody(content, request.rangeStart(), end + 1, step, control));
        }
        network.record(new ScriptedRequest(url, request.rangeHeader(), request.ifRange(), 200));
        return new Exchange(200, plan.sendsContentLength() ? size : -1, -1, -1, plan.etag(), lastModified, null,
                new ScriptedBody(content, 0, size, step, control));
    }

    private static final class ScriptedBody implements Body {
        private final byte[] content;
        private final long end;
        private final RemoteResource.Step fault;
        private final Control control;
        private long position;

        ScriptedBody(byte[] content, long start, long end, RemoteResource.Step fault, Control control) {
            this.content = content;
            this.position = start;
            this.end = end;
            this.fault = fault;
            this.control = control;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (control.stopRequested()) {
                throw new StoppedException();
            }
            if (position >= end) {
                return -1;
            }
            long limit = end;
            if (fault != null && (fault.kind == RemoteResource.StepKind.STALL || fault.kind == RemoteResource.StepKind.DROP)) {
                if (position >= fault.offset) {
                    if (fault.kind == RemoteResource.StepKind.DROP) {
                        throw new SocketException("Connection reset (scripted) at byte " + position);
                    }
                    control.parkUntil(control.now().plus(control.readTimeout()));
                    if (control.stopRequested()) {
                        throw new StoppedException();
                    }
                    throw new SocketTimeoutException("scripted stall at byte " + position);
                }
                limit = Math.min(limit, fault.offset);
            }
            int n = (int) Math.min(Math.min(dst.remaining(), CHUNK), limit - position);
            dst.put(content, (int) position, n);
            position += n;
            return n;
        }

        @Override
        public void close() {
        }
    }
}
