package dev.bgcopy.simulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code file:} URLs, answered with HTTP semantics so that the transfer code is the same as for a
 * server: 200 for the whole file, 206 for a range (always supported), 416 past the end, and a
 * validator made of size and modification time that changes when the file does.
 */
final class FileTransport implements Transport {

    private static final int CHUNK = 64 * 1024;

    @Override
    public Exchange open(Request request, Control control) throws IOException {
        if (control.stopRequested()) {
            throw new StoppedException();
        }
        Path path = Path.of(request.uri());
        long size = Files.size(path);
        var modified = Files.getLastModifiedTime(path).toInstant();
        String etag = "\"" + size + "-" + modified.getEpochSecond() + "." + modified.getNano() + "\"";
        String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.atOffset(ZoneOffset.UTC));
        boolean validatorMatches = request.ifRange() == null || request.ifRange().equals(etag);
        if (request.isRanged() && validatorMatches) {
            if (request.rangeStart() >= size) {
                return new Exchange(416, 0, -1, size, etag, lastModified, null, EMPTY_BODY);
            }
            long end = request.rangeEnd() < 0 ? size - 1 : Math.min(request.rangeEnd(), size - 1);
            return new Exchange(206, end - request.rangeStart() + 1, request.rangeStart(), size, etag, lastModified, null,
                    new FileBody(path, request.rangeStart(), end + 1, control));
        }
        return new Exchange(200, size, -1, -1, etag, lastModified, null, new FileBody(path, 0, size, control));
    }

    private static final class FileBody implements Body {
        private final FileChannel channel;
        private final long end;
        private final Control control;
        private long position;

        FileBody(Path path, long start, long end, Control control) throws IOException {
            this.channel = FileChannel.open(path, StandardOpenOption.READ);
            this.position = start;
            this.end = end;
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
            ByteBuffer window = dst.slice();
            window.limit((int) Math.min(Math.min(window.remaining(), CHUNK), end - position));
            int n = channel.read(window, position);
            if (n < 0) {
                return -1;
            }
            dst.position(dst.position() + n);
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
