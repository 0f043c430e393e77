package dev.bgcopy.simulator;

import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.SemanticError;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of a job's transfer on a worker thread: file after file, each downloaded into its hidden
 * temporary file next to the destination, resuming from the bytes already there with
 * {@code Range}/{@code If-Range}. The code is the same for real servers, {@code file:} URLs and the
 * scripted network; only the {@link Transport} differs.
 *
 * <p>Resume rules: a whole file continues at its recorded length (the temporary file is truncated to
 * it, so bytes written after a Suspend are not trusted); a 206 from that offset continues when it is of
 * the version the file started with (same validator, same complete length), else the file restarts at
 * zero, as after a 200 (range ignored or validator changed), and the progress says so; a 416 at the
 * full length means the file was already complete. A valid 206 for less than asked continues with the
 * next request at once; a 206 for another start than asked is a protocol error of the request. Ranged files keep every requested range at its own
 * offset in the local file (a sparse file; bytes outside the ranges read as zeros), and need 206
 * answers: a 200 with an unchanged validator is {@code RANGE_UNSUPPORTED}, with a changed validator the
 * file restarts.
 *
 * <p>Memory is one fixed buffer per task whatever the file size. The bytes go from the transport's read
 * to the temporary file's channel on this thread, with no hand-off; the file is forced only where a
 * durable store will record the offset (a checkpoint, the end of a request), never in memory.
 */
final class TransferTask implements Transport.Control {

    private static final System.Logger LOG = System.getLogger(TransferTask.class.getPackageName());
    /** One read and one write per this much: large enough that a GiB costs a thousand system calls, not sixty thousand. */
    private static final int BUFFER_SIZE = 1024 * 1024;
    private static final int MAX_RESTARTS = 3;

    /**
     * The mechanisms a task runs on, provided by the engine: transports, the clock and parking on it,
     * the local disk, and the worker-slot bookkeeping. No policy: what a report means is the listener's.
     */
    interface Host {
        Transport transportFor(URI uri);

        Instant now();

        void parkUntil(Instant deadline, TransferTask task) throws InterruptedIOException;

        /** Something changed that the scheduler or a parked transfer should see. */
        void wake();

        /** The task left its worker. */
        void transferExited();
    }

    /** The fixed settings of every transfer of an engine. */
    record Settings(DialectRules rules, LocalFiles files, Duration readTimeout, boolean durable, long checkpointBytes,
                    Duration checkpointInterval, BandwidthCaps caps) {
    }

    private final TransferListener job;
    private final Host host;
    private final Settings settings;
    private final DialectRules rules;
    private final LocalFiles files;
    private final String name;
    private final CountDownLatch exited = new CountDownLatch(1);
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
    /** The open temporary file of the file being transferred, or null until its first byte. */
    private LocalFiles.TempFile temp;
    private volatile boolean stopRequested;
    private final AtomicReference<Runnable> abortOnStop = new AtomicReference<>();

    /** @param name the job, for the log */
    TransferTask(TransferListener job, Host host, Settings settings, String name) {
        this.job = job;
        this.host = host;
        this.settings = settings;
        this.rules = settings.rules();
        this.files = settings.files();
        this.name = name;
    }

    void requestStop() {
        stopRequested = true;
        Runnable abort = abortOnStop.get();
        if (abort != null) {
            abort.run();
        }
        host.wake();
    }

    boolean awaitExit(Duration limit) {
        try {
            return exited.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- Transport.Control ----

    @Override
    public boolean stopRequested() {
        return stopRequested;
    }

    @Override
    public Instant now() {
        return host.now();
    }

    @Override
    public Duration readTimeout() {
        return settings.readTimeout();
    }

    @Override
    public void parkUntil(Instant deadline) throws InterruptedIOException {
        host.parkUntil(deadline, this);
    }

    @Override
    public void onStop(Runnable abort) {
        abortOnStop.set(abort);
        if (abort != null && stopRequested) {
            abort.run();
        }
    }

    // ---- the transfer ----

    void run() {
        TransferListener.FileWork work = null;
        LOG.log(System.Logger.Level.DEBUG, "transfer of job {0} starts", name);
        try {
            while (true) {
                work = job.nextWork(this);
                if (work == null) {
                    still(job.onAllDone(this));
                    LOG.log(System.Logger.Level.DEBUG, "transfer of job {0} ends: every file is here", name);
                    return;
                }
                transferFile(work);
                still(job.onFileDone(this, work.file()));
            }
        } catch (Transport.StoppedException stopped) {
            // Suspend, Cancel, Complete, log-off or close: whoever stopped us set the state.
            LOG.log(System.Logger.Level.DEBUG, "transfer of job {0} ends: stopped", name);
        } catch (Failure.Raised raised) {
            LOG.log(System.Logger.Level.DEBUG, "transfer of job {0} ends: {1}", name, raised.failure.description());
            report(raised.failure, work);
        } catch (RuntimeException | Error unexpected) {
            if (unexpected instanceof VirtualMachineError vm) {
                throw vm;
            }
            LOG.log(System.Logger.Level.ERROR, "transfer of job " + name + " failed unexpectedly", unexpected);
            report(Failure.of(rules.internalError(), BgErrorContext.GENERAL_QUEUE_MANAGER, false,
                    "internal error: " + unexpected), work);
        } finally {
            job.onExit(this);
            exited.countDown();
            host.transferExited();
        }
    }

    /**
     * Records the failure; when that throws, records an internal error (ERROR, no retry time to compute)
     * instead, so that no job is left CONNECTING or TRANSFERRING without a worker.
     */
    private void report(Failure failure, TransferListener.FileWork work) {
        int file = work == null ? -1 : work.file();
        try {
            job.onFailure(this, failure, file);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "job " + name + " could not record its failure: " + failure.description(), e);
            try {
                job.onFailure(this, Failure.of(rules.internalError(), BgErrorContext.GENERAL_QUEUE_MANAGER, false,
                        "internal error while recording " + failure.code() + " (" + failure.description() + "): " + e), file);
            } catch (RuntimeException again) {
                LOG.log(System.Logger.Level.ERROR, "job " + name + " could not record an internal error either", again);
            }
        }
    }

    private void transferFile(TransferListener.FileWork work) throws Failure.Raised, Transport.StoppedException {
        if (work.destination() == null) {
            throw new Failure.Raised(Failure.of(HResult.DO_E_LOCALPATH_NOT_SET, BgErrorContext.NONE, false,
                    "file '" + work.fileId() + "' has no DownloadSinkFilePath"));
        }
        if (!files.isWritable(work.destination().getParent())) {
            throw new Failure.Raised(Failure.local(new AccessDeniedException(work.destination().getParent().toString())));
        }
        try {
            if (work.ranges().isEmpty()) {
                transferWholeFile(work);
            } else {
                transferRanges(work);
            }
        } finally {
            closeTemp();
        }
    }

    /**
     * The temporary file of {@code work}, opened (or created) on first use and kept open until the file
     * is done, so that it is checked once per run and never reopened by name in between.
     */
    private FileChannel temp(TransferListener.FileWork work) throws Failure.Raised, Transport.StoppedException {
        if (temp == null) {
            Path source = "file".equalsIgnoreCase(work.uri().getScheme()) ? Path.of(work.uri()) : null;
            try {
                temp = files.openTemp(work.temp(), work.tempKey(), source);
            } catch (IOException e) {
                throw new Failure.Raised(Failure.local(e));
            }
            if (temp.created()) {
                still(job.onTempCreated(this, work.file(), temp.key()));
            }
        }
        return temp.channel();
    }

    private void closeTemp() {
        if (temp != null) {
            try {
                temp.channel().close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing a temporary file of job {0} failed: {1}", name, e);
            }
            temp = null;
        }
    }

    private void transferWholeFile(TransferListener.FileWork work) throws Failure.Raised, Transport.StoppedException {
        long offset = Math.min(work.transferred(), localSize(work));
        Version started = new Version(work.validator(), work.resolvedSize());
        for (int restarts = 0; ; ) {
            if (restarts > MAX_RESTARTS) {
                throw new Failure.Raised(Failure.of(rules.code(SemanticError.RANGE_UNSUPPORTED),
                        BgErrorContext.REMOTE_FILE, true, "the server keeps answering ranges inconsistently"));
            }
            Transport.Request request = offset > 0
                    ? new Transport.Request(work.uri(), offset, -1, started.validator(), work.options(), work.httpMethod(),
                            work.certificateValidation())
                    : new Transport.Request(work.uri(), -1, -1, null, work.options(), work.httpMethod(), work.certificateValidation());
            try (Transport.Exchange exchange = open(request, work)) {
                long start;
                long size;
                long announced;
                if (exchange.status() == 206 && offset > 0) {
                    requireRangeAt(exchange, offset);
                    if (!started.sameAs(exchange)) {
                        // Another version answered: never joined to the bytes of the first (§5.5 "Server input").
                        offset = 0;
                        restarts++;
                        continue;
                    }
                    start = offset;
                    size = exchange.rangeTotal();
                    announced = exchange.contentLength();
                } else if (exchange.status() == 200) {
                    start = 0;
                    size = exchange.contentLength();
                    announced = size;
                } else if (exchange.status() == 416 && offset > 0) {
                    // A 416 carries no validator as a rule: only its complete length can confirm the file.
                    if (exchange.rangeTotal() == offset && (started.size() < 0 || started.size() == offset)) {
                        still(job.onResponse(this, work.file(), offset, offset, exchange.etag(), exchange.lastModified()));
                        return;
                    }
                    offset = 0;
                    restarts++;
                    continue;
                } else if (exchange.status() == 206) {
                    throw new Failure.Raised(Failure.protocol("a 206 answered a request without Range"));
                } else {
                    throw new Failure.Raised(Failure.http(exchange.status(), exchange.retryAfter()));
                }
                still(job.onResponse(this, work.file(), start, size, exchange.etag(), exchange.lastModified()));
                long limit = announced >= 0 ? announced : size >= 0 ? size - start : Long.MAX_VALUE;
                long end = receive(exchange.body(), work, start, limit, start);
                if (limit != Long.MAX_VALUE && end < start + limit) {
                    throw new Failure.Raised(Failure.truncatedBody(rules.dialect(), end - start, limit));
                }
                if (size < 0) {
                    still(job.onSizeKnown(this, work.file(), end));
                    return;
                }
                if (end < size && exchange.status() != 206) {
                    throw new Failure.Raised(Failure.truncatedBody(rules.dialect(), end, size));
                }
                if (end < size) {
                    // A valid 206 for less than was asked (RFC 9110 allows it): it made progress, so the
                    // next range follows at once instead of after a retry delay.
                    offset = end;
                    started = new Version(FileData.validator(exchange.etag(), exchange.lastModified()), size);
                    continue;
                }
                return;
            } catch (IOException e) {
                throw remoteFailure(e);
            }
        }
    }

    /** A 206 must answer the range asked for: another start is a protocol error of this request. */
    private static void requireRangeAt(Transport.Exchange exchange, long first) throws Failure.Raised {
        if (exchange.rangeStart() != first) {
            throw new Failure.Raised(Failure.protocol("asked for the range from byte " + first
                    + ", the server's Content-Range starts at byte " + exchange.rangeStart()));
        }
    }

    /**
     * The version of a file its bytes so far came from: its validator ({@link FileData#validator}) and its
     * complete length, each null or -1 when unknown. A response is of the same version when its validator
     * is the same (the ETag, or Last-Modified without one) and its complete length too; without any
     * validator only an equal, known length counts, since nothing else can tell two versions apart.
     */
    private record Version(String validator, long size) {

        boolean sameAs(Transport.Exchange exchange) {
            if (validator != null && !validator.equals(exchange.etag()) && !validator.equals(exchange.lastModified())) {
                return false;
            }
            if (size >= 0 && exchange.rangeTotal() >= 0) {
                return size == exchange.rangeTotal();
            }
            return validator != null;
        }
    }

    private void transferRanges(TransferListener.FileWork work) throws Failure.Raised, Transport.StoppedException {
        long done = work.transferred();
        if (done > 0 && localSize(work) == 0) {
            done = 0;
        }
        String validator = work.validator();
        long size = work.resolvedSize();
        int restarts = 0;
        restart:
        while (true) {
            long skipped = 0;
            for (BgFileRange range : work.ranges()) {
                long length = FileData.rangeLength(range, size);
                if (length != BgJobProgress.BG_SIZE_UNKNOWN && skipped + length <= done) {
                    skipped += length;
                    continue;
                }
                while (true) {
                    long into = done - skipped;
                    long first = range.initialOffset() + into;
                    long last = length == BgJobProgress.BG_SIZE_UNKNOWN ? -1 : range.initialOffset() + length - 1;
                    Transport.Request request = new Transport.Request(work.uri(), first, last, done > 0 ? validator : null,
                            work.options(), work.httpMethod(), work.certificateValidation());
                    try (Transport.Exchange exchange = open(request, work)) {
                        boolean changed = exchange.status() == 200
                                ? done > 0 && validator != null && !validator.equals(exchange.etag())
                                        && !validator.equals(exchange.lastModified())
                                : done > 0 && !new Version(validator, size).sameAs(exchange);
                        if (exchange.status() == 200 || (exchange.status() == 206 && changed)) {
                            if (changed && ++restarts <= MAX_RESTARTS) {
                                // Another version answered: never joined to the bytes of the first (§5.5 "Server input").
                                done = 0;
                                size = BgJobProgress.BG_SIZE_UNKNOWN;
                                validator = null;
                                still(job.onResponse(this, work.file(), 0, -1, exchange.etag(), exchange.lastModified()));
                                truncate(work, 0);
                                continue restart;
                            }
                            if (exchange.status() == 206) {
                                throw new Failure.Raised(Failure.of(rules.code(SemanticError.RANGE_UNSUPPORTED),
                                        BgErrorContext.REMOTE_FILE, true, "the server keeps answering ranges inconsistently"));
                            }
                            throw new Failure.Raised(Failure.of(rules.code(SemanticError.RANGE_UNSUPPORTED),
                                    BgErrorContext.REMOTE_FILE, false, "the server ignores Range requests"));
                        }
                        if (exchange.status() == 416) {
                            throw new Failure.Raised(Failure.of(rules.code(SemanticError.INVALID_RANGE),
                                    BgErrorContext.REMOTE_FILE, false, "range " + range + " lies beyond the file ("
                                    + (exchange.rangeTotal() >= 0 ? exchange.rangeTotal() + " bytes" : "size unknown") + ")"));
                        }
                        if (exchange.status() != 206) {
                            throw new Failure.Raised(Failure.http(exchange.status(), exchange.retryAfter()));
                        }
                        if (exchange.rangeStart() != first) {
                            throw new Failure.Raised(Failure.of(HResult.DO_E_HTTP_BLOCKSIZE_MISMATCH,
                                    BgErrorContext.REMOTE_FILE, true, "asked for byte " + first + ", got " + exchange.rangeStart()));
                        }
                        if (exchange.rangeTotal() >= 0) {
                            size = exchange.rangeTotal();
                            length = FileData.rangeLength(range, size);
                        }
                        still(job.onResponse(this, work.file(), done, exchange.rangeTotal(), exchange.etag(), exchange.lastModified()));
                        if (size != BgJobProgress.BG_SIZE_UNKNOWN && !range.isToEndOfFile()
                                && Long.compareUnsigned(range.initialOffset() + range.length(), size) > 0) {
                            throw new Failure.Raised(Failure.of(rules.code(SemanticError.INVALID_RANGE),
                                    BgErrorContext.REMOTE_FILE, false, "range " + range + " lies beyond the file (" + size + " bytes)"));
                        }
                        validator = FileData.validator(exchange.etag(), exchange.lastModified());
                        long want = length == BgJobProgress.BG_SIZE_UNKNOWN ? Long.MAX_VALUE : length - into;
                        long announced = exchange.contentLength();
                        if (announced > want) {
                            throw new Failure.Raised(Failure.protocol("asked for " + want + " bytes from byte " + first
                                    + ", the server's Content-Range announces " + announced));
                        }
                        long limit = announced >= 0 ? announced : want;
                        long before = done;
                        long end = receive(exchange.body(), work, first, limit, done);
                        long got = end - before;
                        done = end;
                        if (limit != Long.MAX_VALUE && got < limit) {
                            throw new Failure.Raised(Failure.truncatedBody(rules.dialect(), got, limit));
                        }
                        if (length != BgJobProgress.BG_SIZE_UNKNOWN && got < want) {
                            continue; // a valid, shorter 206 that made progress: the rest of the range at once
                        }
                        skipped += length == BgJobProgress.BG_SIZE_UNKNOWN ? into + got : length;
                        break;
                    } catch (IOException e) {
                        throw remoteFailure(e);
                    }
                }
            }
            return;
        }
    }

    /**
     * Streams up to {@code limit} bytes of {@code body} into the temporary file at {@code position},
     * reporting progress as the file's transferred count starting from {@code counted}; returns the
     * final count.
     */
    private long receive(Transport.Body body, TransferListener.FileWork work, long position, long limit, long counted)
            throws IOException, Failure.Raised {
        FileChannel channel = temp(work);
        if (work.ranges().isEmpty()) {
            truncate(work, position);
        }
        long received = 0;
        boolean durable = settings.durable();
        long checkpointBytes = settings.checkpointBytes();
        long checkpointNanos = settings.checkpointInterval().toNanos();
        long unforced = 0;
        long lastCheckpoint = System.nanoTime();
        Instant ready = now();
        while (received < limit) {
            buffer.clear();
            // A read never crosses the announced end, nor (durable) the next checkpoint once bytes
            // wait for one: the read that reaches it is forced before the next, so a crash loses less
            // than checkpointBytes whatever sizes the socket returns. Right after a checkpoint a read
            // may be larger; it is forced as soon as it is written.
            long room = Math.min(limit - received, durable && unforced > 0 ? checkpointBytes - unforced : Long.MAX_VALUE);
            if (room < buffer.capacity()) {
                buffer.limit((int) room);
            }
            int n = body.read(buffer);
            if (n < 0) {
                break;
            }
            if (n == 0) {
                continue;
            }
            buffer.flip();
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer, position + received + (n - buffer.remaining()));
                }
            } catch (IOException e) {
                throw new Failure.Raised(Failure.local(e));
            }
            received += n;
            unforced += n;
            still(job.onBytes(this, work.file(), counted + received));
            pace(n, ready);
            ready = now();
            if (durable && (unforced >= checkpointBytes || System.nanoTime() - lastCheckpoint >= checkpointNanos)) {
                checkpoint(channel, work, counted + received);
                unforced = 0;
                lastCheckpoint = System.nanoTime();
            }
        }
        if (received == limit && limit != Long.MAX_VALUE) {
            refuseMore(body, limit);
        }
        checkpoint(channel, work, counted + received);
        return counted + received;
    }

    /**
     * Waits until the engine's bandwidth cap for this job's priority has room for {@code bytes} just read by
     * a loop that was ready to read them at {@code ready}.
     */
    private void pace(int bytes, Instant ready) throws InterruptedIOException {
        settings.caps().pace(this, job.priority(), bytes, ready);
    }

    /**
     * A body that goes on past what its head announced is not one version of one file: the request fails
     * (transient, so the retry waits its delay) with nothing written past the announced end.
     */
    private void refuseMore(Transport.Body body, long announced) throws IOException {
        buffer.clear();
        buffer.limit(1);
        if (body.read(buffer) > 0) {
            throw new Transport.MalformedResponseException("the server sent more than the " + announced + " bytes it announced");
        }
    }

    /**
     * Forces the data to disk before a durable store may record it (the order that makes a crash lose
     * nothing); in memory there is nothing to outlive a crash, so nothing is forced.
     */
    private void checkpoint(FileChannel channel, TransferListener.FileWork work, long durable) throws IOException, Failure.Raised {
        try {
            if (settings.durable()) {
                files.force(channel);
            }
        } catch (IOException e) {
            throw new Failure.Raised(Failure.local(e));
        }
        still(job.onDurable(this, work.file(), durable));
    }

    /** Ends the task when the job no longer counts its reports (it was stopped, or left the live states). */
    private static void still(boolean owned) throws Transport.StoppedException {
        if (!owned) {
            throw new Transport.StoppedException();
        }
    }

    /**
     * Sends {@code request} for the file of {@code work}; a redirect that renames the file (ALLOW_REPORT's final
     * URL, DISALLOW's target) is reported before the answer or the failure goes on, and so is the head of the
     * HTTP response (IBackgroundCopyFile5's HTTP_RESPONSE_HEADERS).
     */
    private Transport.Exchange open(Transport.Request request, TransferListener.FileWork work) throws IOException {
        Transport.Exchange exchange;
        try {
            exchange = host.transportFor(request.uri()).open(request, this);
        } catch (RedirectPolicy.RedirectException refused) {
            if (refused.renamedTo != null) {
                still(job.onRemoteRenamed(this, work.file(), refused.renamedTo));
            }
            throw refused;
        }
        try {
            if (exchange.reportedRemote() != null) {
                still(job.onRemoteRenamed(this, work.file(), exchange.reportedRemote().toString()));
            }
            if (exchange.responseHeaders() != null) {
                still(job.onResponseHeaders(this, work.file(), exchange.responseHeaders()));
            }
        } catch (Transport.StoppedException stopped) {
            exchange.close();
            throw stopped;
        }
        return exchange;
    }

    private Failure.Raised remoteFailure(IOException e) throws Transport.StoppedException {
        if (e instanceof Transport.StoppedException stopped) {
            throw stopped;
        }
        if (stopRequested) {
            throw new Transport.StoppedException();
        }
        return new Failure.Raised(Failure.remote(e, rules.dialect()));
    }

    /** The trusted length of the file's temporary data: 0 when no temporary file of this job's is recorded. */
    private long localSize(TransferListener.FileWork work) throws Failure.Raised {
        try {
            return temp != null ? temp.channel().size() : files.size(work.temp(), work.tempKey());
        } catch (IOException e) {
            throw new Failure.Raised(Failure.local(e));
        }
    }

    private void truncate(TransferListener.FileWork work, long size) throws Failure.Raised, Transport.StoppedException {
        try {
            temp(work).truncate(size);
        } catch (IOException e) {
            throw new Failure.Raised(Failure.local(e));
        }
    }
}
