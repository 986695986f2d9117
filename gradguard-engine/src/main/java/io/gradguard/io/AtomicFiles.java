package io.gradguard.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers (and a crash) see either the old content or the new, never a mix: the
 * bytes go to a temporary file in the target's directory, are forced to disk ({@code fsync}), and the temp
 * file is renamed over the target with an atomic move; finally the directory itself is fsynced, where the
 * OS allows opening a directory, so the rename survives a power loss (POSIX {@code rename(2)} replaces the
 * target atomically; {@code fsync(2)} on the directory makes the new entry durable).
 *
 * <p>The temp file, {@code .NAME.RANDOM.tmp}, is created with the default permissions (not the owner-only
 * ones of {@link Files#createTempFile}), so the result is readable like any other file the process writes.
 * On failure it is removed and the target is left as it was.
 */
public final class AtomicFiles {
    /** Produces the file's content into a stream (which the caller must not close). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Atomically replaces (or creates) {@code target} with {@code bytes}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Atomically replaces (or creates) {@code target} with {@code text} as UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Atomically replaces (or creates) {@code target} with what {@code content} writes. The stream is
     * buffered; the parent directory must exist.
     */
    public static void write(Path target, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = dir.resolve("." + abs.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof AtomicMoveNotSupportedException) {
                throw new IOException("cannot replace " + target + " atomically: the file system of " + dir
                        + " does not support an atomic rename", e);
            }
            throw e;
        }
        fsyncDirectory(dir);
    }

    /** Forces a directory's entries to disk; silently skipped where directories cannot be opened (Windows). */
    static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not all platforms let a directory be opened or synced; the rename itself is still atomic.
        }
    }
}
