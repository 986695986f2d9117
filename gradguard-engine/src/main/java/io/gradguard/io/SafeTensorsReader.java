package io.gradguard.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradguard.tensor.Shapes;
import io.gradguard.tensor.Tensor;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses and validates a safetensors file (see {@link SafeTensors} for the format). */
final class SafeTensorsReader {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> DTYPES = Set.of("BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16",
            "BF16", "I32", "U32", "F32", "F64", "I64", "U64");

    /** One header entry. */
    private record Entry(String name, int[] shape, long begin, long end) {
    }

    private SafeTensorsReader() {
    }

    static SafeTensors.Read read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new FileFormatException(file + " is truncated: it has " + size
                        + " bytes, fewer than the 8-byte header length");
            }
            long n = readFully(ch, 0, 8, file).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n < 0 || n > SafeTensors.MAX_HEADER) {
                throw new FileFormatException(file + " is not a safetensors file or is corrupt: its header length "
                        + Long.toUnsignedString(n) + " exceeds the " + SafeTensors.MAX_HEADER + "-byte limit");
            }
            if (8 + n > size) {
                throw new FileFormatException(file + " is truncated: the header needs " + n + " bytes but the file has "
                        + (size - 8) + " after its 8-byte length (" + size + " in all)");
            }
            JsonNode header = parseHeader(file, readFully(ch, 8, (int) n, file));
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().equals(SafeTensors.METADATA_KEY)) {
                    metadata(file, f.getValue(), metadata);
                } else {
                    entries.add(entry(file, f.getKey(), f.getValue()));
                }
            }
            entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
            checkLayout(file, entries, size - 8 - n);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : entries) {
                int count = (int) ((e.end - e.begin) / 4);
                float[] data = new float[count];
                readFully(ch, 8 + n + e.begin, count * 4, file).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                        .get(data);
                tensors.put(e.name, Tensor.of(data, e.shape));
            }
            return new SafeTensors.Read(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
        }
    }

    private static JsonNode parseHeader(Path file, ByteBuffer bytes) throws FileFormatException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new FileFormatException(file + " is corrupt: its header is not UTF-8 text", e);
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new FileFormatException(file + " is corrupt: its header is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new FileFormatException(file + " is corrupt: its header must be a JSON object, got "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase()));
        }
        return node;
    }

    private static void metadata(Path file, JsonNode node, Map<String, String> out) throws FileFormatException {
        if (!node.isObject()) {
            throw new FileFormatException(file + ": __metadata__ must be an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> m = it.next();
            if (!m.getValue().isTextual()) {
                throw new FileFormatException(file + ": __metadata__ value for '" + m.getKey()
                        + "' must be a string, got " + m.getValue());
            }
            out.put(m.getKey(), m.getValue().textValue());
        }
    }

    private static Entry entry(Path file, String name, JsonNode node) throws FileFormatException {
        String at = file + ": tensor '" + name + "' ";
        if (!node.isObject()) {
            throw new FileFormatException(at + "must be described by an object, got " + node);
        }
        JsonNode dtype = node.get("dtype");
        if (dtype == null || !dtype.isTextual()) {
            throw new FileFormatException(at + "has no dtype");
        }
        if (!dtype.textValue().equals("F32")) {
            String kind = DTYPES.contains(dtype.textValue()) ? "has dtype " : "has unknown dtype ";
            throw new FileFormatException(at + kind + dtype.textValue() + "; only F32 tensors can be read");
        }
        JsonNode shapeNode = node.get("shape");
        if (shapeNode == null || !shapeNode.isArray()) {
            throw new FileFormatException(at + "has no shape array");
        }
        int[] shape = new int[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.canConvertToInt() || !d.isIntegralNumber() || d.intValue() < 0) {
                throw new FileFormatException(at + "has an invalid shape " + shapeNode);
            }
            shape[i] = d.intValue();
        }
        JsonNode off = node.get("data_offsets");
        if (off == null || !off.isArray() || off.size() != 2 || !off.get(0).canConvertToLong()
                || !off.get(1).canConvertToLong() || !off.get(0).isIntegralNumber() || !off.get(1).isIntegralNumber()) {
            throw new FileFormatException(at + "has invalid data_offsets " + off + "; expected [begin, end]");
        }
        long begin = off.get(0).longValue();
        long end = off.get(1).longValue();
        if (begin < 0 || end < begin) {
            throw new FileFormatException(at + "has invalid data_offsets [" + begin + ", " + end + "]");
        }
        long numel = Shapes.numel(shape);
        if (numel > Integer.MAX_VALUE - 8 || end - begin != 4 * numel) {
            throw new FileFormatException(at + "has data_offsets [" + begin + ", " + end + "] but shape "
                    + Shapes.str(shape) + " needs " + 4 * numel + " bytes");
        }
        return new Entry(name, shape, begin, end);
    }

    /** The tensors must tile the data section exactly: contiguous from 0 to its end (as {@code validate}). */
    private static void checkLayout(Path file, List<Entry> entries, long dataBytes) throws FileFormatException {
        long expected = 0;
        String previous = null;
        for (Entry e : entries) {
            if (e.begin != expected) {
                throw new FileFormatException(file + " is corrupt: tensor '" + e.name + "' has data_offsets ["
                        + e.begin + ", " + e.end + "] but " + (previous == null ? "the first tensor must start at 0"
                        : "the previous tensor '" + previous + "' ends at " + expected));
            }
            expected = e.end;
            previous = e.name;
        }
        if (expected > dataBytes) {
            throw new FileFormatException(file + " is truncated: tensor '" + previous + "' ends at byte " + expected
                    + " of the data but the file holds only " + dataBytes + " data bytes");
        }
        if (expected < dataBytes) {
            throw new FileFormatException(file + " is corrupt: it has " + (dataBytes - expected)
                    + " bytes after the last tensor's data, which the header does not describe");
        }
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length, Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new EOFException(file + " ended while reading " + length + " bytes at offset " + position);
            }
        }
        return buf.flip();
    }
}
