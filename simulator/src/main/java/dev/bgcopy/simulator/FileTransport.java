package dev.bgcopy.simulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code file:} URLs, answered with HTTP semantics so that the transfer code is the same as for a
 * server: 200 for the whole file, 206 for a range (always supported), 416 past the end, and a
 * validator made of size and modification time that changes when the file does. Only regular files
 * are read ({@link LocalDisk#openSource}); a stop request closes the file from the stopping thread, so
 * no read outlives a Suspend or Cancel.
 */
final class FileTransport implements Transport {

    private static final int CHUNK = 64 * 1024;

    @Override
    public Exchange open(Request request, Control control) throws IOException {
        if (control.stopRequested()) {
            throw new StoppedException();
        }
        Path path = Path.of(request.uri());
        LocalDisk.SourceFile source = LocalDisk.openSource(path);
        long size = source.size();
        var modified = source.modified().toInstant();
        String etag = "\"" + size + "-" + modified.getEpochSecond() + "." + modified.getNano() + "\"";
        String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.atOffset(ZoneOffset.UTC));
        boolean validatorMatches = request.ifRange() == null || request.ifRange().equals(etag);
        if (request.isRanged() && validatorMatches) {
            if (request.rangeStart() >= size) {
                source.channel().close();
                return new Exchange(416, 0, -1, size, etag, lastModified, null, EMPTY_BODY);
            }
            long end = request.rangeEnd() < 0 ? size - 1 : Math.min(request.rangeEnd(), size - 1);
            return new Exchange(206, end - request.rangeStart() + 1, request.rangeStart(), size, etag, lastModified, null,
                    new FileBody(source.channel(), request.rangeStart(), end + 1, control));
        }
        return new Exchange(200, size, -1, -1, etag, lastModified, null, new FileBody(source.channel(), 0, size, control));
    }

    /**
     * The bytes {@code [start, end)} of an open source file, read from one position on (a stream whose
     * read may block, such as a hung network file system's, is read the same way and released by a stop).
     */
    static final class FileBody implements Body {
        private final FileChannel channel;
        private final long end;
        private final Control control;
        private long position;

        FileBody(FileChannel channel, long start, long end, Control control) throws IOException {
            if (start > 0) {
                try {
                    channel.position(start);
                } catch (IOException e) {
                    channel.close();
                    throw e;
                }
            }
            this.channel = channel;
            this.position = start;
            this.end = end;
            this.control = control;
            control.onStop(this::closeQuietly);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (control.stopRequested()) {
                throw new StoppedException();
            }
            if (position >= end) {
                return -1;
            }
            ByteBuffer window = dst.slice();
            window.limit((int) Math.min(Math.min(window.remaining(), CHUNK), end - position));
            int n;
            try {
                n = channel.read(window);
            } catch (ClosedChannelException closed) {
                if (control.stopRequested()) {
                    throw new StoppedException();
                }
                throw closed;
            }
            if (n < 0) {
                return -1;
            }
            dst.position(dst.position() + n);
            position += n;
            return n;
        }

        private void closeQuietly() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing is how a blocked read is interrupted; the read reports the stop.
            }
        }

        @Override
        public void close() throws IOException {
            control.onStop(null);
            channel.close();
        }
    }
}
