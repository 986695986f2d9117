package io.gradguard.data;

import io.gradguard.io.FileFormatException;
import io.gradguard.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Loads MNIST-style data (MNIST, Fashion-MNIST, KMNIST) from IDX files, plain or gzip-compressed (told apart
 * by the gzip magic bytes {@code 1f 8b}, not by the file name).
 *
 * <p>The IDX format (LeCun et al., http://yann.lecun.com/exdb/mnist/): a magic number of two zero bytes, a
 * type code ({@code 0x08} = unsigned byte) and the rank, then one big-endian 32-bit size per dimension,
 * then the values in row-major order. Images are {@code 0x00000803} ({@code [n, rows, cols]}), labels
 * {@code 0x00000801} ({@code [n]}). Pixels are scaled to {@code [0, 1]} by {@code / 255} (as torchvision's
 * {@code ToTensor}); features come out {@code [n, 1, rows, cols]}, labels {@code [n]} with
 * {@code numClasses = max label + 1}. Every problem is a {@link FileFormatException} naming the file.
 */
public final class IdxLoader {
    private static final int UNSIGNED_BYTE = 0x08;

    private IdxLoader() {
    }

    /**
     * Reads an images file and its labels file into a data set named after the images file (without
     * {@code .gz}).
     *
     * @throws FileFormatException on a bad magic number, an unsupported type code, a truncated or overlong
     *                             file, a corrupt gzip stream, no images, or image and label counts that differ
     */
    public static Dataset load(Path images, Path labels) throws IOException {
        Idx img = read(images, 3, "images");
        Idx lab = read(labels, 1, "labels");
        int n = img.dims[0];
        if (lab.dims[0] != n) {
            throw new FileFormatException("images file " + images + " has " + n + " images but labels file "
                    + labels + " has " + lab.dims[0] + " labels");
        }
        if (n == 0) {
            throw new FileFormatException(images + ": holds no images");
        }
        int h = img.dims[1];
        int w = img.dims[2];
        float[] x = new float[Math.toIntExact((long) n * h * w)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (img.bytes[img.offset + i] & 0xFF) / 255f;
        }
        float[] y = new float[n];
        int max = 0;
        for (int i = 0; i < n; i++) {
            int v = lab.bytes[lab.offset + i] & 0xFF;
            y[i] = v;
            max = Math.max(max, v);
        }
        String name = images.getFileName().toString().replaceFirst("\\.gz$", "");
        return new Dataset(name, Tensor.of(x, n, 1, h, w), Tensor.of(y, n), max + 1);
    }

    /** A parsed IDX file: its dimensions and where its values start in {@code bytes}. */
    private record Idx(byte[] bytes, int offset, int[] dims) {
    }

    private static Idx read(Path file, int rank, String what) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        boolean gzip = bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B;
        if (gzip) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            } catch (ZipException | EOFException e) {
                throw new FileFormatException(file + ": corrupt gzip data: " + e.getMessage(), e);
            }
        }
        String has = gzip ? " the decompressed file has " : " the file has ";
        int expected = (UNSIGNED_BYTE << 8) | rank;
        String kind = String.format("0x%08X (unsigned-byte %s of rank %d)", expected, what, rank);
        if (bytes.length < 4) {
            throw new FileFormatException(file + ": truncated: an IDX header starts with a 4-byte magic number but"
                    + has + bytes.length + " bytes");
        }
        int magic = readInt(bytes, 0);
        if ((magic >>> 16) != 0) {
            throw new FileFormatException(String.format("%s: bad magic 0x%08X: expected %s; is it an IDX file%s?",
                    file, magic, kind, gzip ? "" : " (or compressed other than by gzip)"));
        }
        int type = (magic >>> 8) & 0xFF;
        if (type != UNSIGNED_BYTE) {
            throw new FileFormatException(String.format("%s: unsupported IDX type code 0x%02X (%s): only 0x08 "
                    + "(unsigned byte) is supported", file, type, typeName(type)));
        }
        int fileRank = magic & 0xFF;
        if (fileRank != rank) {
            throw new FileFormatException(String.format("%s: bad magic 0x%08X (rank %d): expected %s%s", file, magic,
                    fileRank, kind, fileRank == 4 - rank ? "; are the images and labels files swapped?" : ""));
        }
        int header = 4 + 4 * rank;
        if (bytes.length < header) {
            throw new FileFormatException(file + ": truncated: the header of a rank-" + rank + " IDX file needs "
                    + header + " bytes but" + has + bytes.length);
        }
        int[] dims = new int[rank];
        long count = 1;
        StringBuilder shape = new StringBuilder();
        for (int d = 0; d < rank; d++) {
            dims[d] = readInt(bytes, 4 + 4 * d);
            // count <= 2^31 so far and a size < 2^32: the product fits in a long
            count = Math.min(count * Integer.toUnsignedLong(dims[d]), 1L << 31);
            shape.append(d == 0 ? "[" : ", ").append(Integer.toUnsignedString(dims[d]));
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new FileFormatException(file + ": header says " + what + " of shape " + shape + "] hold more "
                    + "values than a Java array can");
        }
        long data = bytes.length - header;
        if (data != count) {
            String says = rank == 3 ? dims[0] + " images of " + dims[1] + "x" + dims[2] : dims[0] + " labels";
            throw new FileFormatException(file + ": " + (data < count ? "truncated" : "trailing data")
                    + ": header says " + says + " (" + count + " bytes) but" + has + data + " after its " + header
                    + "-byte header");
        }
        return new Idx(bytes, header, dims);
    }

    private static int readInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    private static String typeName(int code) {
        switch (code) {
            case 0x09:
                return "signed byte";
            case 0x0B:
                return "int16";
            case 0x0C:
                return "int32";
            case 0x0D:
                return "float32";
            case 0x0E:
                return "float64";
            default:
                return "not an IDX type";
        }
    }
}
