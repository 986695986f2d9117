package io.gradguard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.io.FileFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxLoaderTest {
    @TempDir
    Path dir;

    /** An IDX file: magic {@code 00 00 type rank}, big-endian sizes, then {@code data}. */
    private static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length); // big-endian by default
        b.putInt(type << 8 | dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    /** Three 2x3 images with pixels 0, 51, ..., 255 (k * 51 / 255 = k / 5), labels 7, 0, 3. */
    private static final byte[] PIXELS = new byte[18];
    private static final byte[] LABELS = {7, 0, 3};

    static {
        for (int i = 0; i < PIXELS.length; i++) {
            PIXELS[i] = (byte) (51 * (i % 6)); // 0, 51, 102, 153, 204, 255 in each image
        }
    }

    private void assertLoaded(Dataset ds) {
        assertThat(ds.features().shape()).containsExactly(3, 1, 2, 3);
        assertThat(ds.targets().data()).containsExactly(7, 0, 3);
        assertThat(ds.numClasses()).isEqualTo(8); // max label 7 + 1
        // byte 255 read unsigned -> 1.0; 153 / 255 = 0.6
        assertThat(ds.features().get(2, 0, 1, 2)).isEqualTo(1f);
        assertThat(ds.features().get(1, 0, 1, 0)).isEqualTo(153 / 255f);
        assertThat(ds.features().get(0, 0, 0, 0)).isZero();
    }

    @Test
    void loadsPlainFiles() throws IOException {
        Dataset ds = IdxLoader.load(write("train-images-idx3-ubyte", idx(8, new int[] {3, 2, 3}, PIXELS)),
                write("train-labels-idx1-ubyte", idx(8, new int[] {3}, LABELS)));
        assertLoaded(ds);
        assertThat(ds.name()).isEqualTo("train-images-idx3-ubyte");
    }

    @Test
    void loadsGzipFilesWhateverTheirName() throws IOException {
        Dataset ds = IdxLoader.load(write("t10k-images-idx3-ubyte.gz", gzip(idx(8, new int[] {3, 2, 3}, PIXELS))),
                write("labels.bin", gzip(idx(8, new int[] {3}, LABELS))));
        assertLoaded(ds);
        assertThat(ds.name()).isEqualTo("t10k-images-idx3-ubyte");
    }

    @Test
    void tenDigitClassesForMnistLabels() throws IOException {
        byte[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        Dataset ds = IdxLoader.load(write("i", idx(8, new int[] {10, 1, 1}, new byte[10])),
                write("l", idx(8, new int[] {10}, labels)));
        assertThat(ds.numClasses()).isEqualTo(10);
    }

    @Test
    void truncatedImagesNameTheFileAndTheSizes() throws IOException {
        Path images = write("train-images-idx3-ubyte", idx(8, new int[] {60000, 28, 28}, new byte[1000]));
        Path labels = write("train-labels-idx1-ubyte", idx(8, new int[] {3}, LABELS));
        // 60000 * 28 * 28 = 47040000
        assertThatThrownBy(() -> IdxLoader.load(images, labels)).isInstanceOf(FileFormatException.class)
                .hasMessage(images + ": truncated: header says 60000 images of 28x28 (47040000 bytes) but the file has"
                        + " 1000 after its 16-byte header");
        Path gz = write("train-images-idx3-ubyte.gz", gzip(idx(8, new int[] {60000, 28, 28}, new byte[1000])));
        assertThatThrownBy(() -> IdxLoader.load(gz, labels))
                .hasMessageContaining("but the decompressed file has 1000 after its 16-byte header");
        Path header = write("short", new byte[] {0, 0, 8, 3, 0, 0});
        assertThatThrownBy(() -> IdxLoader.load(header, labels))
                .hasMessage(header + ": truncated: the header of a rank-3 IDX file needs 16 bytes but the file has 6");
    }

    @Test
    void trailingBytesAreAnError() throws IOException {
        Path labels = write("labels", idx(8, new int[] {2}, LABELS));
        Path images = write("images", idx(8, new int[] {2, 1, 1}, new byte[2]));
        assertThatThrownBy(() -> IdxLoader.load(images, labels)).isInstanceOf(FileFormatException.class)
                .hasMessage(labels + ": trailing data: header says 2 labels (2 bytes) but the file has 3 after its "
                        + "8-byte header");
    }

    @Test
    void badMagicNamesTheExpectedOne() throws IOException {
        Path png = write("digits.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0});
        Path labels = write("labels", idx(8, new int[] {3}, LABELS));
        assertThatThrownBy(() -> IdxLoader.load(png, labels)).isInstanceOf(FileFormatException.class)
                .hasMessage(png + ": bad magic 0x89504E47: expected 0x00000803 (unsigned-byte images of rank 3); is it"
                        + " an IDX file (or compressed other than by gzip)?");
        Path images = write("images", idx(8, new int[] {3, 2, 3}, PIXELS));
        assertThatThrownBy(() -> IdxLoader.load(labels, images))
                .hasMessage(labels + ": bad magic 0x00000801 (rank 1): expected 0x00000803 (unsigned-byte images of "
                        + "rank 3); are the images and labels files swapped?");
    }

    @Test
    void unsupportedTypeCode() throws IOException {
        Path floats = write("floats", idx(0x0D, new int[] {1, 1, 1}, new byte[4]));
        Path labels = write("labels", idx(8, new int[] {1}, new byte[1]));
        assertThatThrownBy(() -> IdxLoader.load(floats, labels)).isInstanceOf(FileFormatException.class)
                .hasMessage(floats + ": unsupported IDX type code 0x0D (float32): only 0x08 (unsigned byte) is "
                        + "supported");
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        Path images = write("images", idx(8, new int[] {3, 2, 3}, PIXELS));
        Path labels = write("labels", idx(8, new int[] {2}, new byte[] {1, 2}));
        assertThatThrownBy(() -> IdxLoader.load(images, labels)).isInstanceOf(FileFormatException.class)
                .hasMessage("images file " + images + " has 3 images but labels file " + labels + " has 2 labels");
    }

    @Test
    void corruptGzipAndEmptySets() throws IOException {
        byte[] gz = gzip(idx(8, new int[] {3, 2, 3}, PIXELS));
        Path cut = write("cut.gz", java.util.Arrays.copyOf(gz, gz.length / 2));
        Path labels = write("labels", idx(8, new int[] {3}, LABELS));
        assertThatThrownBy(() -> IdxLoader.load(cut, labels)).isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith(cut + ": corrupt gzip data: ");
        Path none = write("none", idx(8, new int[] {0, 28, 28}, new byte[0]));
        Path noLabels = write("nolabels", idx(8, new int[] {0}, new byte[0]));
        assertThatThrownBy(() -> IdxLoader.load(none, noLabels)).hasMessage(none + ": holds no images");
        Path huge = write("huge", idx(8, new int[] {60000, 60000, 28}, new byte[0]));
        assertThatThrownBy(() -> IdxLoader.load(huge, labels))
                .hasMessage(huge + ": header says images of shape [60000, 60000, 28] hold more values than a Java"
                        + " array can");
    }
}
