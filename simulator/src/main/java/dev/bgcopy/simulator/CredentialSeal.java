package dev.bgcopy.simulator;

import dev.bgcopy.api.BgAuthCredentials;
import dev.bgcopy.api.BgBasicCredentials;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * How {@link SqliteJobStore} keeps credentials on disk: sealed with AES-256-GCM under a key of its own, as BITS
 * encrypts a password before it persists a job (BG_BASIC_CREDENTIALS page; docs/contract.md §4.11 "Where credentials
 * live (SIM)"). The key is {@value #KEY_FILE}, 32 random bytes beside the database, created atomically and readable
 * by its owner only; a copy of the database without it holds nothing readable.
 *
 * <p>A sealed value is a fresh 96-bit nonce followed by the ciphertext and its 128-bit tag. The plaintext is the user
 * name and the password together: the user name is an account at a server or proxy, worth as little to a reader of the
 * file as the host names around it are worth much, so it is sealed too. The associated data is the job id, the target
 * and the scheme, so a value copied to another job or another target fails authentication instead of being used
 * there. Neither the key nor a plaintext is ever logged or put in an exception message.
 */
final class CredentialSeal {

    /** The key's file name in the store directory. */
    static final String KEY_FILE = "credentials.key";

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private CredentialSeal(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        Arrays.fill(key, (byte) 0);
    }

    /** The key of the store in {@code directory}, created when the store has none yet. */
    static CredentialSeal loadOrCreate(Path directory) throws IOException {
        Path file = directory.resolve(KEY_FILE);
        if (Files.exists(file)) {
            byte[] key = Files.readAllBytes(file);
            if (key.length != KEY_BYTES) {
                Arrays.fill(key, (byte) 0);
                throw new IOException(file + " is not a key of " + KEY_BYTES + " bytes");
            }
            return new CredentialSeal(key);
        }
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        // Written whole under another name, then renamed: no reader ever sees a partial key.
        Path temporary = Files.createTempFile(directory, KEY_FILE, ".tmp", ownerOnly);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(key));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return new CredentialSeal(key);
    }

    /** The sealed form of {@code credentials} of job {@code jobId}. */
    byte[] seal(UUID jobId, BgAuthCredentials credentials) {
        byte[] plain = plaintext(credentials.basic());
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(jobId, new HttpOptions.CredentialKey(credentials.target(), credentials.scheme())));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * The credentials of job {@code jobId} for the target and scheme of {@code key}, from their sealed form.
     *
     * @throws GeneralSecurityException when the value fails authentication: another key, another job or target, or
     *         altered bytes
     */
    BgAuthCredentials open(UUID jobId, HttpOptions.CredentialKey key, byte[] sealed) throws GeneralSecurityException {
        if (sealed.length < NONCE_BYTES) {
            throw new javax.crypto.AEADBadTagException("shorter than a nonce");
        }
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
        cipher.updateAAD(associatedData(jobId, key));
        byte[] plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        try {
            return credentials(key, plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static byte[] associatedData(UUID jobId, HttpOptions.CredentialKey key) {
        return ("bgcopy-credentials-1/" + jobId + "/" + key.target().nativeValue() + "/" + key.scheme().nativeValue())
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A presence byte and the UTF-8 user name behind its length, then a presence byte and the UTF-8 password. */
    private static byte[] plaintext(BgBasicCredentials basic) {
        byte[] user = basic.userName() == null ? new byte[0] : basic.userName().getBytes(StandardCharsets.UTF_8);
        char[] password = basic.password();
        ByteBuffer encoded = password == null ? ByteBuffer.allocate(0) : StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        try {
            ByteBuffer plain = ByteBuffer.allocate(1 + Integer.BYTES + user.length + 1 + encoded.remaining());
            plain.put((byte) (basic.userName() == null ? 0 : 1)).putInt(user.length).put(user);
            plain.put((byte) (password == null ? 0 : 1)).put(encoded);
            return plain.array();
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }

    private static BgAuthCredentials credentials(HttpOptions.CredentialKey key, byte[] plain) {
        ByteBuffer in = ByteBuffer.wrap(plain);
        boolean hasUser = in.get() != 0;
        byte[] user = new byte[in.getInt()];
        in.get(user);
        boolean hasPassword = in.get() != 0;
        CharBuffer decoded = StandardCharsets.UTF_8.decode(in);
        char[] password = hasPassword ? Arrays.copyOfRange(decoded.array(), decoded.position(), decoded.limit()) : null;
        Arrays.fill(decoded.array(), '\0');
        try {
            return BgAuthCredentials.of(key.target(), key.scheme(), hasUser ? new String(user, StandardCharsets.UTF_8) : null,
                    password);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }
}
