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
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One run of a job's transfer on a worker thread: file after file, each downloaded into its hidden
 * temporary file next to the destination, resuming from the bytes already there with
 * {@code Range}/{@code If-Range}. The code is the same for real servers, {@code file:} URLs and the
 * scripted network; only the {@link Transport} differs.
 *
 * <p>Resume rules: a whole file continues at its recorded length (the temporary file is truncated to
 * it, so bytes written after a Suspend are not trusted); a 206 from that offset continues; a 200 (range
 * ignored or validator changed) restarts the file at zero and the progress says so; a 416 at the
 * full length means the file was already complete. Ranged files keep every requested range at its own
 * offset in the local file (a sparse file; bytes outside the ranges read as zeros), and need 206
 * answers: a 200 with an unchanged validator is {@code RANGE_UNSUPPORTED}, with a changed validator the
 * file restarts.
 *
 * <p>Memory is one fixed buffer per task whatever the file size.
 */
final class TransferTask implements Transport.Control {

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_RESTARTS = 3;
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    private final SimulatedJob job;
    private final JobEngine engine;
    private final CountDownLatch exited = new CountDownLatch(1);
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
    private volatile boolean stopRequested;

    TransferTask(SimulatedJob job, JobEngine engine) {
        this.job = job;
        this.engine = engine;
    }

    SimulatedJob job() {
        return job;
    }

    void requestStop() {
        stopRequested = true;
        engine.wake();
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
        return engine.now();
    }

    @Override
    public Duration readTimeout() {
        return engine.config().readTimeout();
    }

    @Override
    public Duration connectTimeout() {
        return engine.config().connectTimeout();
    }

    @Override
    public void parkUntil(Instant deadline) throws InterruptedIOException {
        engine.parkUntil(deadline, this);
    }

    // ---- the transfer ----

    void run() {
        SimulatedJob.FileWork work = null;
        try {
            while (true) {
                work = job.nextWork(this);
                if (work == null) {
                    job.onAllDone(this);
                    return;
                }
                transferFile(work);
                job.onFileDone(this, work.file());
            }
        } catch (Transport.StoppedException stopped) {
            // Suspend, Cancel, Complete, log-off or close: whoever stopped us set the state.
        } catch (Failure.Raised raised) {
            job.onFailure(this, raised.failure, work == null ? null : work.file());
        } catch (RuntimeException | Error unexpected) {
            if (unexpected instanceof VirtualMachineError vm) {
                throw vm;
            }
            HResult code = engine.dialect() == dev.bgcopy.api.Dialect.DO ? HResult.DO_E_FATAL_CORE_ERROR : HResult.E_FAIL;
            job.onFailure(this, Failure.of(code, BgErrorContext.GENERAL_QUEUE_MANAGER, false, "internal error: " + unexpected),
                    work == null ? null : work.file());
        } finally {
            job.onTaskExit(this);
            exited.countDown();
            engine.transferExited();
        }
    }

    private void transferFile(SimulatedJob.FileWork work) throws Failure.Raised, Transport.StoppedException {
        if (work.destination() == null) {
            throw new Failure.Raised(Failure.of(HResult.DO_E_LOCALPATH_NOT_SET, BgErrorContext.NONE, false,
                    "file '" + work.file().fileId + "' has no DownloadSinkFilePath"));
        }
        if (!engine.mayWrite(work.destination().getParent())) {
            throw new Failure.Raised(Failure.local(new AccessDeniedException(work.destination().getParent().toString())));
        }
        if (work.ranges().isEmpty()) {
            transferWholeFile(work);
        } else {
            transferRanges(work);
        }
    }

    private void transferWholeFile(SimulatedJob.FileWork work) throws Failure.Raised, Transport.StoppedException {
        long offset = Math.min(work.transferred(), localSize(work.temp()));
        String validator = work.validator();
        for (int attempt = 0; ; attempt++) {
            if (attempt > MAX_RESTARTS) {
                throw new Failure.Raised(Failure.of(SemanticError.RANGE_UNSUPPORTED.in(engine.dialect()),
                        BgErrorContext.REMOTE_FILE, true, "the server keeps answering ranges inconsistently"));
            }
            Transport.Request request = offset > 0
                    ? new Transport.Request(work.uri(), offset, -1, validator)
                    : new Transport.Request(work.uri(), -1, -1, null);
            try (Transport.Exchange exchange = open(request)) {
                long start;
                long size;
                if (exchange.status() == 206 && offset > 0 && exchange.rangeStart() == offset) {
                    start = offset;
                    size = exchange.rangeTotal();
                } else if (exchange.status() == 200) {
                    start = 0;
                    size = exchange.contentLength();
                } else if (exchange.status() == 416 && offset > 0) {
                    if (exchange.rangeTotal() == offset) {
                        job.onResponse(this, work.file(), offset, offset, exchange.etag(), exchange.lastModified());
                        return;
                    }
                    offset = 0;
                    continue;
                } else if (exchange.status() == 206) {
                    offset = 0;
                    continue;
                } else {
                    throw new Failure.Raised(Failure.http(exchange.status(), exchange.retryAfter()));
                }
                job.onResponse(this, work.file(), start, size, exchange.etag(), exchange.lastModified());
                long end = receive(exchange.body(), work, start, size < 0 ? Long.MAX_VALUE : size, start);
                if (size >= 0 && end < size) {
                    throw new Failure.Raised(Failure.truncatedBody(engine.dialect(), end, size));
                }
                if (size < 0) {
                    job.onSizeKnown(this, work.file(), end);
                }
                return;
            } catch (IOException e) {
                throw remoteFailure(e);
            }
        }
    }

    private void transferRanges(SimulatedJob.FileWork work) throws Failure.Raised, Transport.StoppedException {
        long done = work.transferred();
        if (done > 0 && localSize(work.temp()) == 0) {
            done = 0;
        }
        String validator = work.validator();
        long size = work.resolvedSize();
        int restarts = 0;
        restart:
        while (true) {
            long skipped = 0;
            for (BgFileRange range : work.ranges()) {
                long length = rangeLength(range, size);
                if (length != BgJobProgress.BG_SIZE_UNKNOWN && skipped + length <= done) {
                    skipped += length;
                    continue;
                }
                long into = done - skipped;
                long first = range.initialOffset() + into;
                long last = length == BgJobProgress.BG_SIZE_UNKNOWN ? -1 : range.initialOffset() + length - 1;
                Transport.Request request = new Transport.Request(work.uri(), first, last, done > 0 ? validator : null);
                try (Transport.Exchange exchange = open(request)) {
                    if (exchange.status() == 200) {
                        boolean changed = done > 0 && validator != null
                                && !validator.equals(exchange.etag()) && !validator.equals(exchange.lastModified());
                        if (changed && ++restarts <= MAX_RESTARTS) {
                            done = 0;
                            size = BgJobProgress.BG_SIZE_UNKNOWN;
                            validator = null;
                            job.onResponse(this, work.file(), 0, -1, exchange.etag(), exchange.lastModified());
                            truncate(work.temp(), 0);
                            continue restart;
                        }
                        throw new Failure.Raised(Failure.of(SemanticError.RANGE_UNSUPPORTED.in(engine.dialect()),
                                BgErrorContext.REMOTE_FILE, false, "the server ignores Range requests"));
                    }
                    if (exchange.status() == 416) {
                        throw new Failure.Raised(Failure.of(SemanticError.INVALID_RANGE.in(engine.dialect()),
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
                        length = rangeLength(range, size);
                    }
                    job.onResponse(this, work.file(), done, exchange.rangeTotal(), exchange.etag(), exchange.lastModified());
                    if (size != BgJobProgress.BG_SIZE_UNKNOWN && !range.isToEndOfFile()
                            && Long.compareUnsigned(range.initialOffset() + range.length(), size) > 0) {
                        throw new Failure.Raised(Failure.of(SemanticError.INVALID_RANGE.in(engine.dialect()),
                                BgErrorContext.REMOTE_FILE, false, "range " + range + " lies beyond the file (" + size + " bytes)"));
                    }
                    validator = exchange.etag() != null && !exchange.etag().startsWith("W/") ? exchange.etag()
                            : exchange.lastModified();
                    long want = length == BgJobProgress.BG_SIZE_UNKNOWN ? Long.MAX_VALUE : length - into;
                    long before = done;
                    long end = receive(exchange.body(), work, first, want, done);
                    long got = end - before;
                    done = end;
                    if (length != BgJobProgress.BG_SIZE_UNKNOWN && got < want) {
                        throw new Failure.Raised(Failure.truncatedBody(engine.dialect(), got, want));
                    }
                    skipped += length == BgJobProgress.BG_SIZE_UNKNOWN ? into + got : length;
                } catch (IOException e) {
                    throw remoteFailure(e);
                }
            }
            return;
        }
    }

    private static long rangeLength(BgFileRange range, long size) {
        if (!range.isToEndOfFile()) {
            return range.length();
        }
        return size == BgJobProgress.BG_SIZE_UNKNOWN ? BgJobProgress.BG_SIZE_UNKNOWN : Math.max(0, size - range.initialOffset());
    }

    /**
     * Streams up to {@code limit} bytes of {@code body} into the temporary file at {@code position},
     * reporting progress as the file's transferred count starting from {@code counted}; returns the
     * final count.
     */
    private long receive(Transport.Body body, SimulatedJob.FileWork work, long position, long limit, long counted)
            throws IOException, Failure.Raised {
        FileChannel channel;
        try {
            boolean created = !java.nio.file.Files.exists(work.temp());
            channel = FileChannel.open(work.temp(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (created) {
                hide(work.temp());
            }
            if (work.ranges().isEmpty()) {
                channel.truncate(position);
            }
        } catch (IOException e) {
            throw new Failure.Raised(Failure.local(e));
        }
        try (channel) {
            long received = 0;
            boolean durable = engine.store().isDurable();
            long checkpointBytes = engine.config().checkpointBytes();
            long checkpointNanos = engine.config().checkpointInterval().toNanos();
            long unforced = 0;
            long lastCheckpoint = System.nanoTime();
            while (received < limit) {
                buffer.clear();
                if (limit - received < buffer.capacity()) {
                    buffer.limit((int) (limit - received));
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
                job.onBytes(this, work.file(), counted + received);
                if (durable && (unforced >= checkpointBytes || System.nanoTime() - lastCheckpoint >= checkpointNanos)) {
                    checkpoint(channel, work, counted + received);
                    unforced = 0;
                    lastCheckpoint = System.nanoTime();
                }
            }
            checkpoint(channel, work, counted + received);
            return counted + received;
        }
    }

    /** Forces the data to disk before the store may record it (the order that makes a crash lose nothing). */
    private void checkpoint(FileChannel channel, SimulatedJob.FileWork work, long durable) throws IOException, Failure.Raised {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new Failure.Raised(Failure.local(e));
        }
        job.onDurable(this, work.file(), durable);
    }

    /** The leading dot hides the temporary file on Unix; on Windows it also gets the DOS hidden attribute. */
    private static void hide(Path temp) {
        if (!WINDOWS) {
            return;
        }
        try {
            java.nio.file.Files.setAttribute(temp, "dos:hidden", Boolean.TRUE);
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException notDos) {
            // Not a DOS-attribute file system: the dot is enough.
        }
    }

    private Transport.Exchange open(Transport.Request request) throws IOException {
        return engine.transportFor(request.uri()).open(request, this);
    }

    private Failure.Raised remoteFailure(IOException e) throws Transport.StoppedException {
        if (e instanceof Transport.StoppedException stopped) {
            throw stopped;
        }
        if (stopRequested) {
            throw new Transport.StoppedException();
        }
        return new Failure.Raised(Failure.remote(e, engine.dialect()));
    }

    private long localSize(Path temp) throws Failure.Raised {
        try {
            return java.nio.file.Files.exists(temp) ? java.nio.file.Files.size(temp) : 0;
        } catch (IOException e) {
            throw new Failure.Raised(Failure.local(e));
        }
    }

    private void truncate(Path temp, long size) throws Failure.Raised {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        } catch (IOException e) {
            throw new Failure.Raised(Failure.local(e));
        }
    }
}
