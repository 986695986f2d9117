package io.gradguard.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path dir;

    private static Tensor range(int n, int... shape) {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        return Tensor.of(d, shape);
    }

    private static int[] bytes(byte[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xFF;
        }
        return out;
    }

    /** A file made of a header (padded to 8 bytes here) and {@code dataBytes} zero bytes. */
    private Path handMade(String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        int pad = (8 - h.length % 8) % 8;
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + pad + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length + pad).put(h);
        for (int i = 0; i < pad; i++) {
            b.put((byte) ' ');
        }
        Path p = dir.resolve("weights.safetensors");
        Files.write(p, b.array());
        return p;
    }

    @Test
    void matchesTheReferenceImplementationsBytes() {
        // Expected bytes from huggingface/safetensors, safetensors/src/tensor.rs,
        // test_serialization_forced_alignement: one F32 tensor "attn0" of shape [1, 1, 2, 3] holding 0..5.
        // The 65-byte JSON is padded with 7 spaces to N = 72, so the data starts 8-byte aligned at 80.
        int[] expected = {72, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 48, 34, 58, 123, 34, 100, 116,
            121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34, 58,
            91, 49, 44, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102,
            115, 101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 32, 32, 32, 32, 32,
            32, 32, 0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0,
            160, 64};
        byte[] out = SafeTensors.toBytes(Map.of("attn0", range(6, 1, 1, 2, 3)), Map.of());
        assertThat(bytes(out)).containsExactly(expected);
        assertThat(new String(out, 8, 72, StandardCharsets.UTF_8))
                .isEqualTo("{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}       ");
    }

    @Test
    void emptyFilesMatchTheReference() {
        // test_empty in the same file: "{}" padded to 8; with metadata {"framework": "pt"} padded to 40.
        assertThat(bytes(SafeTensors.toBytes(Map.of(), Map.of())))
                .containsExactly(8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32);
        byte[] meta = SafeTensors.toBytes(Map.of(), Map.of("framework", "pt"));
        assertThat(meta[0]).isEqualTo((byte) 40);
        assertThat(new String(meta, 8, 40, StandardCharsets.UTF_8))
                .isEqualTo("{\"__metadata__\":{\"framework\":\"pt\"}}     ");
    }

    @Test
    void tensorsAreLaidOutInUtf8ByteOrderOfTheirNames() throws IOException {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("b", Tensor.of(new float[] {2}, 1));
        in.put("\uD83D\uDE00", Tensor.of(new float[] {4}, 1)); // UTF-8 F0 9F 98 80
        in.put("a", Tensor.of(new float[] {1}, 1));
        in.put("\uFF21", Tensor.of(new float[] {3}, 1)); // UTF-8 EF BC A1: before F0, though UTF-16 puts it after
        in.put("B", Tensor.of(new float[] {0}, 1));
        Path p = dir.resolve("order.safetensors");
        SafeTensors.write(p, in, Map.of());
        byte[] file = Files.readAllBytes(p);
        int n = (int) ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        FloatOrder data = new FloatOrder(ByteBuffer.wrap(file, 8 + n, file.length - 8 - n));
        assertThat(data.values()).containsExactly(0f, 1f, 2f, 3f, 4f);
        assertThat(SafeTensors.read(p).tensors().keySet())
                .containsExactly("B", "a", "b", "\uFF21", "\uD83D\uDE00");
    }

    private record FloatOrder(ByteBuffer buf) {
        float[] values() {
            float[] v = new float[buf.remaining() / 4];
            buf.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return v;
        }
    }

    @Test
    void roundTripIsBitwise() throws IOException {
        float[] special = {Float.intBitsToFloat(0x7fc00001), -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, Float.MAX_VALUE, 1e-30f, -3.25f};
        Tensor big = Tensor.zeros(100, 300); // 120 000 bytes: more than one write chunk
        for (int i = 0; i < big.numel(); i++) {
            big.data()[i] = (float) Math.sin(i);
        }
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("layers.0.weight", Tensor.of(special, 2, 4));
        in.put("layers.0.bias", big);
        in.put("scalar", Tensor.scalar(7f));
        in.put("empty", Tensor.zeros(0, 3));
        Path p = dir.resolve("model.safetensors");
        SafeTensors.write(p, in, Map.of("format", "pt", "step", "1200"));
        SafeTensors.Read read = SafeTensors.read(p);
        assertThat(read.metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("format", "pt", "step", "1200"));
        assertThat(read.tensors().keySet()).containsExactly("empty", "layers.0.bias", "layers.0.weight", "scalar");
        for (Map.Entry<String, Tensor> e : in.entrySet()) {
            Tensor t = read.require(e.getKey());
            assertThat(t.shape()).containsExactly(e.getValue().shape());
            int[] want = new int[t.numel()];
            int[] got = new int[t.numel()];
            for (int i = 0; i < want.length; i++) {
                want[i] = Float.floatToRawIntBits(e.getValue().data()[i]);
                got[i] = Float.floatToRawIntBits(t.data()[i]);
            }
            assertThat(got).as(e.getKey()).containsExactly(want);
        }
        assertThatThrownBy(() -> read.require("nope"))
                .hasMessage("no tensor 'nope' in the file; it holds empty, layers.0.bias, layers.0.weight, scalar");
        // the data section starts 8-byte aligned
        long n = ByteBuffer.wrap(Files.readAllBytes(p), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(n % 8).isZero();
    }

    @Test
    void readsTensorsListedInAnyHeaderOrderSortedByOffset() throws IOException {
        Path p = handMade("{\"second\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},"
                + "\"first\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8);
        assertThat(SafeTensors.read(p).tensors().keySet()).containsExactly("first", "second");
    }

    @Test
    void truncatedFilesSayWhatIsMissing() throws IOException {
        Path p = dir.resolve("weights.safetensors");
        SafeTensors.write(p, Map.of("w", range(12, 3, 4)), Map.of());
        byte[] whole = Files.readAllBytes(p);
        int n = (int) ByteBuffer.wrap(whole, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();

        Files.write(p, Arrays.copyOf(whole, 5));
        assertThatThrownBy(() -> SafeTensors.read(p)).isInstanceOf(FileFormatException.class)
                .hasMessage(p + " is truncated: it has 5 bytes, fewer than the 8-byte header length");

        Files.write(p, Arrays.copyOf(whole, 20));
        assertThatThrownBy(() -> SafeTensors.read(p))
                .hasMessage(p + " is truncated: the header needs " + n + " bytes but the file has 12 after its "
                        + "8-byte length (20 in all)");

        Files.write(p, Arrays.copyOf(whole, 8 + n + 40));
        assertThatThrownBy(() -> SafeTensors.read(p))
                .hasMessage(p + " is truncated: tensor 'w' ends at byte 48 of the data but the file holds only 40 "
                        + "data bytes");
    }

    @Test
    void offsetsThatDisagreeWithTheShapeNameTheTensor() throws IOException {
        Path p = handMade("{\"layers.0.weight\":{\"dtype\":\"F32\",\"shape\":[3,4],\"data_offsets\":[0,40]}}", 40);
        assertThatThrownBy(() -> SafeTensors.read(p)).isInstanceOf(FileFormatException.class)
                .hasMessage(p + ": tensor 'layers.0.weight' has data_offsets [0, 40] but shape [3, 4] needs 48 bytes");
    }

    @Test
    void gapsBetweenTensorsAndTrailingBytesAreCorruption() throws IOException {
        Path gap = handMade("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", 12);
        assertThatThrownBy(() -> SafeTensors.read(gap))
                .hasMessage(gap + " is corrupt: tensor 'b' has data_offsets [8, 12] but the previous tensor 'a' "
                        + "ends at 4");
        Path extra = handMade("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 10);
        assertThatThrownBy(() -> SafeTensors.read(extra))
                .hasMessage(extra + " is corrupt: it has 6 bytes after the last tensor's data, which the header "
                        + "does not describe");
    }

    @Test
    void otherDtypesAreRejectedClearly() throws IOException {
        Path p = handMade("{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4);
        assertThatThrownBy(() -> SafeTensors.read(p))
                .hasMessage(p + ": tensor 'h' has dtype F16; only F32 tensors can be read");
        Path q = handMade("{\"h\":{\"dtype\":\"Q4\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4);
        assertThatThrownBy(() -> SafeTensors.read(q))
                .hasMessage(q + ": tensor 'h' has unknown dtype Q4; only F32 tensors can be read");
    }

    @Test
    void badHeadersAreReported() throws IOException {
        for (String bad : List.of("{\"a\": [", "[1, 2]",
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F32\"}}")) {
            Path p = handMade(bad, 0);
            assertThatThrownBy(() -> SafeTensors.read(p)).as(bad).isInstanceOf(FileFormatException.class)
                    .hasMessageStartingWith(p + " is corrupt: its header");
        }
        Path meta = handMade("{\"__metadata__\":{\"epoch\":3}}", 0);
        assertThatThrownBy(() -> SafeTensors.read(meta))
                .hasMessage(meta + ": __metadata__ value for 'epoch' must be a string, got 3");
        Path huge = dir.resolve("huge.safetensors");
        Files.write(huge, new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) 0x80, '{', '}'});
        assertThatThrownBy(() -> SafeTensors.read(huge))
                .hasMessage(huge + " is not a safetensors file or is corrupt: its header length 9223372036854775808 "
                        + "exceeds the 100000000-byte limit");
    }

    @Test
    void rejectsReservedOrEmptyNames() {
        assertThatThrownBy(() -> SafeTensors.toBytes(Map.of("__metadata__", Tensor.zeros(1)), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("safetensors: invalid tensor name '__metadata__'");
    }
}
