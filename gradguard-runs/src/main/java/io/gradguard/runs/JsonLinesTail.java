package io.gradguard.runs;

import io.gradguard.io.JsonLines;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the complete lines a JSON Lines file gained after a byte offset. The last line is returned only once
 * its {@code \n} is written: a writer's buffer can reach the disk in the middle of a line, and that half line
 * is read on a later call.
 */
final class JsonLinesTail {
    private JsonLinesTail() {
    }

    static RunReader.Chunk read(Path file, RunReader.Position from, int maxBytes) throws IOException {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be >= 1, got " + maxBytes);
        }
        if (!Files.isRegularFile(file)) {
            return new RunReader.Chunk(List.of(), from);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < from.offset()) {
                throw new IOException(file + " shrank to " + size + " bytes below the " + from.offset()
                        + " already read; was it replaced?");
            }
            byte[] buf = read(ch, from.offset(), (int) Math.min(size - from.offset(), maxBytes));
            int end = lastNewline(buf);
            while (end < 0 && from.offset() + buf.length < size) {
                // One line longer than maxBytes: read on until it ends.
                buf = read(ch, from.offset(), (int) Math.min(size - from.offset(), 2L * buf.length));
                end = lastNewline(buf);
            }
            if (end < 0) {
                return new RunReader.Chunk(List.of(), from);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            long line = from.line();
            int start = 0;
            for (int i = 0; i <= end; i++) {
                if (buf[i] == '\n') {
                    line++;
                    String text = new String(buf, start, i - start, StandardCharsets.UTF_8);
                    if (!text.isBlank()) {
                        rows.add(JsonLines.parseLine(text, file + ":" + line));
                    }
                    start = i + 1;
                }
            }
            return new RunReader.Chunk(rows, new RunReader.Position(from.offset() + end + 1, line));
        }
    }

    private static byte[] read(FileChannel ch, long offset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining() && ch.read(b, offset + b.position()) >= 0) {
            // keep reading until full or at the end of the file
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private static int lastNewline(byte[] buf) {
        for (int i = buf.length - 1; i >= 0; i--) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
