package io.gradguard.optim;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON form of {@link OptimizerState}: float buffers as base64 of little-endian float32. */
final class OptimizerStateJson {
    static final String FORMAT = "gradguard.optimizer_state";
    static final int VERSION = 1;
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private OptimizerStateJson() {
    }

    static String write(OptimizerState s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("optimizer", s.optimizer());
        root.put("step", s.step());
        root.put("lr", s.lr());
        ObjectNode scalars = root.putObject("scalars");
        s.scalars().forEach(scalars::put);
        ObjectNode buffers = root.putObject("buffers");
        for (Map.Entry<String, Map<String, float[]>> e : s.buffers().entrySet()) {
            ObjectNode p = buffers.putObject(e.getKey());
            e.getValue().forEach((k, v) -> p.put(k, encode(v)));
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write optimizer state as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static OptimizerState read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new IllegalArgumentException("optimizer state JSON is malformed or truncated" + at + ": "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("optimizer state JSON must be an object, got "
                    + (root == null ? "nothing" : root.getNodeType()));
        }
        String format = field(root, "format").asText();
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("optimizer state JSON has format '" + format + "', expected '"
                    + FORMAT + "'");
        }
        JsonNode version = field(root, "version");
        if (!version.isInt() || version.intValue() != VERSION) {
            throw new IllegalArgumentException("optimizer state JSON has version " + version + ", expected " + VERSION);
        }
        JsonNode optimizer = field(root, "optimizer");
        if (!optimizer.isTextual()) {
            throw new IllegalArgumentException("optimizer state JSON field 'optimizer' must be a string, got "
                    + optimizer);
        }
        JsonNode step = field(root, "step");
        if (!step.isIntegralNumber() || !step.canConvertToLong()) {
            throw new IllegalArgumentException("optimizer state JSON field 'step' must be a whole number, got " + step);
        }
        double lr = number(field(root, "lr"), "lr");
        Map<String, Double> scalars = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object(root, "scalars").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            scalars.put(e.getKey(), number(e.getValue(), "scalars." + e.getKey()));
        }
        Map<String, Map<String, float[]>> buffers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object(root, "buffers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = "buffers." + e.getKey();
            if (!e.getValue().isObject()) {
                throw new IllegalArgumentException("optimizer state JSON field '" + where + "' must be an object, got "
                        + e.getValue().getNodeType());
            }
            Map<String, float[]> inner = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> bi = e.getValue().fields(); bi.hasNext(); ) {
                Map.Entry<String, JsonNode> b = bi.next();
                inner.put(b.getKey(), decode(b.getValue(), where + "." + b.getKey()));
            }
            buffers.put(e.getKey(), inner);
        }
        return new OptimizerState(optimizer.asText(), step.longValue(), lr, scalars, buffers);
    }

    private static JsonNode field(JsonNode root, String name) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("optimizer state JSON lacks field '" + name + "'");
        }
        return n;
    }

    private static JsonNode object(JsonNode root, String name) {
        JsonNode n = field(root, name);
        if (!n.isObject()) {
            throw new IllegalArgumentException("optimizer state JSON field '" + name + "' must be an object, got "
                    + n.getNodeType());
        }
        return n;
    }

    private static double number(JsonNode n, String where) {
        if (!n.isNumber()) {
            throw new IllegalArgumentException("optimizer state JSON field '" + where + "' must be a number, got " + n);
        }
        return n.doubleValue();
    }

    static String encode(float[] v) {
        ByteBuffer bb = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(v);
        return Base64.getEncoder().encodeToString(bb.array());
    }

    static float[] decode(JsonNode n, String where) {
        if (!n.isTextual()) {
            throw new IllegalArgumentException("optimizer state JSON field '" + where
                    + "' must be a base64 string of float32 values, got " + n.getNodeType());
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(n.textValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("optimizer state JSON field '" + where + "' is not valid base64: "
                    + e.getMessage(), e);
        }
        if (bytes.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("optimizer state JSON field '" + where + "' holds " + bytes.length
                    + " bytes, not a whole number of float32 values (4 bytes each)");
        }
        float[] out = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
