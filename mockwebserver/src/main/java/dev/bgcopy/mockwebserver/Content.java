package dev.bgcopy.mockwebserver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The bytes a {@link MockWebServer} resource serves, readable at any offset so that a {@code Range}
 * request is answered without producing the prefix. {@link PseudoRandomContent} generates large
 * deterministic content; {@link #of(byte[])} serves a small array.
 */
public interface Content {

    /** The size in bytes, at least 0. */
    long size();

    /**
     * Copies bytes {@code [offset, offset + length)} of the content into
     * {@code buffer[bufferOffset, bufferOffset + length)}.
     *
     * @throws IndexOutOfBoundsException if the range lies outside the content or the buffer
     */
    void read(long offset, byte[] buffer, int bufferOffset, int length);

    /** Content made of a copy of {@code bytes}. */
    static Content of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new Content() {
            @Override
            public long size() {
                return copy.length;
            }

            @Override
            public void read(long offset, byte[] buffer, int bufferOffset, int length) {
                Objects.checkFromIndexSize(offset, length, copy.length);
                System.arraycopy(copy, (int) offset, buffer, bufferOffset, length);
            }
        };
    }

    /** The whole content as an array: only for content that fits in one. */
    default byte[] bytes() {
        byte[] all = new byte[Math.toIntExact(size())];
        read(0, all, 0, all.length);
        return all;
    }

    /** Lower-case hex SHA-256 of the whole content, read in chunks (never held whole). */
    default String sha256() {
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[1 << 16];
        long size = size();
        for (long offset = 0; offset < size; offset += buffer.length) {
            int length = (int) Math.min(buffer.length, size - offset);
            read(offset, buffer, 0, length);
            digest.update(buffer, 0, length);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Lower-case hex SHA-256 of a file, to compare a download with {@link #sha256()}. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest = newSha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
