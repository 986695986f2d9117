package io.gradguard.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradguard.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Hugging Face <a href="https://github.com/huggingface/safetensors">safetensors</a> format, which
 * PyTorch, JAX and DJL users can open with {@code safetensors.torch.load_file}:
 * <pre>
 *   8 bytes   N, the header length, unsigned little-endian
 *   N bytes   UTF-8 JSON: {"__metadata__": {"k": "v"}, "name": {"dtype": "F32", "shape": [3, 4],
 *             "data_offsets": [begin, end]}, ...}, padded with spaces to a multiple of 8 bytes
 *   the rest  the tensors' raw little-endian, row-major data; offsets count from the start of this section
 * </pre>
 * Writing follows the reference implementation ({@code safetensors/src/tensor.rs}, {@code prepare}): tensors
 * are sorted by descending dtype alignment, then by name (Rust byte-wise string order), laid out back to
 * back in that order, and the header lists {@code __metadata__} first (omitted when empty; its keys sorted
 * here, so the bytes are reproducible) and then the tensors in data order, in compact JSON.
 *
 * <p>Only {@code F32} is written or read. Reading validates like the reference's {@code read_metadata}:
 * the header fits the file, the offsets of the tensors are contiguous from 0, each tensor's byte range
 * matches its shape, and the last tensor ends exactly at the end of the file. Problems are
 * {@link FileFormatException}s naming the file and the tensor.
 */
public final class SafeTensors {
    /** The reference implementation's limit on the header length. */
    static final long MAX_HEADER = 100_000_000L;
    static final String METADATA_KEY = "__metadata__";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] LENGTH_PAD = {' ', ' ', ' ', ' ', ' ', ' ', ' '};

    private SafeTensors() {
    }

    /** What a file holds: tensors in data order (as stored) and the {@code __metadata__} strings. */
    public record Read(Map<String, Tensor> tensors, Map<String, String> metadata) {
        /** The tensor called {@code name}, or an error listing the names present. */
        public Tensor require(String name) {
            Tensor t = tensors.get(name);
            if (t == null) {
                throw new IllegalArgumentException("no tensor '" + name + "' in the file; it holds "
                        + String.join(", ", tensors.keySet()));
            }
            return t;
        }
    }

    /** Writes {@code tensors} and {@code metadata} (may be empty) to {@code file} atomically ({@link AtomicFiles}). */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        List<Map.Entry<String, Tensor>> order = sorted(tensors);
        byte[] header = header(order, metadata);
        AtomicFiles.write(file, out -> write(out, order, header));
    }

    /** The exact bytes {@link #write(Path, Map, Map)} puts in a file. */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        List<Map.Entry<String, Tensor>> order = sorted(tensors);
        byte[] header = header(order, metadata);
        var out = new ByteArrayOutputStream();
        try {
            write(out, order, header);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /** Reads a whole F32 safetensors file. */
    public static Read read(Path file) throws IOException {
        return SafeTensorsReader.read(file);
    }

    private static List<Map.Entry<String, Tensor>> sorted(Map<String, Tensor> tensors) {
        List<Map.Entry<String, Tensor>> order = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("safetensors: invalid tensor name '" + name + "'");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("safetensors: tensor '" + name + "' is null");
            }
            order.add(Map.entry(name, e.getValue()));
        }
        // All F32, so the reference's (descending dtype, then name) order is name order, compared as bytes.
        order.sort((a, b) -> Arrays.compareUnsigned(utf8(a.getKey()), utf8(b.getKey())));
        return order;
    }

    /** The header JSON padded with spaces to a multiple of 8 bytes. */
    private static byte[] header(List<Map.Entry<String, Tensor>> order, Map<String, String> metadata) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (metadata != null && !metadata.isEmpty()) {
            json.put(METADATA_KEY, new TreeMap<>(metadata));
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : order) {
            long bytes = 4L * e.getValue().numel();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", "F32");
            info.put("shape", e.getValue().shape());
            info.put("data_offsets", new long[] {offset, offset + bytes});
            json.put(e.getKey(), info);
            offset += bytes;
        }
        byte[] text;
        try {
            text = JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("safetensors: cannot encode the header", e);
        }
        int pad = (8 - text.length % 8) % 8;
        byte[] padded = Arrays.copyOf(text, text.length + pad);
        System.arraycopy(LENGTH_PAD, 0, padded, text.length, pad);
        return padded;
    }

    private static void write(OutputStream out, List<Map.Entry<String, Tensor>> order, byte[] header)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(header.length);
        out.write(buf.array(), 0, 8);
        out.write(header);
        for (Map.Entry<String, Tensor> e : order) {
            float[] d = e.getValue().data();
            int perChunk = buf.capacity() / 4;
            for (int from = 0; from < d.length; from += perChunk) {
                int to = Math.min(d.length, from + perChunk);
                buf.clear();
                for (int i = from; i < to; i++) {
                    buf.putInt(Float.floatToRawIntBits(d[i]));
                }
                out.write(buf.array(), 0, buf.position());
            }
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
