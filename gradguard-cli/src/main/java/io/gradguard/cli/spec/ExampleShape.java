package io.gradguard.cli.spec;

import java.util.List;

/**
 * The shape of one example as it flows through a model, without the batch dimension: a vector {@code [F]},
 * a sequence {@code [T, F]} (batch-first, PyTorch's {@code batch_first=True}) or an image {@code [C, H, W]}
 * (NCHW). The kind follows from the rank.
 */
public record ExampleShape(List<Integer> dims) {
    /** What a shape holds, by rank: 1 vector, 2 sequence, 3 image. */
    public enum Kind {
        VECTOR("a vector [F]"), SEQUENCE("a sequence [T, F]"), IMAGE("an image [C, H, W]");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        /** {@code a vector [F]}, as errors say it. */
        public String text() {
            return text;
        }
    }

    public ExampleShape {
        if (dims == null || dims.isEmpty() || dims.size() > 3) {
            throw new IllegalArgumentException("ExampleShape needs 1 (vector), 2 (sequence [T, F]) or 3 (image "
                    + "[C, H, W]) dimensions, got " + dims);
        }
        for (Integer d : dims) {
            if (d == null || d <= 0) {
                throw new IllegalArgumentException("ExampleShape dimensions must be > 0, got " + dims);
            }
        }
        dims = List.copyOf(dims);
    }

    public static ExampleShape of(int... dims) {
        return new ExampleShape(java.util.Arrays.stream(dims).boxed().toList());
    }

    public Kind kind() {
        return Kind.values()[dims.size() - 1];
    }

    public int dim(int i) {
        return dims.get(i);
    }

    /** The last dimension: a vector's features, a sequence's features per step, an image's width. */
    public int last() {
        return dims.get(dims.size() - 1);
    }

    /** The number of values per example (the product of the dimensions). */
    public int numel() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /** The dimensions with the batch dimension in front ({@code [batch, C, H, W]}), for engine tensors. */
    public int[] withBatch(int batch) {
        int[] out = new int[dims.size() + 1];
        out[0] = batch;
        for (int i = 0; i < dims.size(); i++) {
            out[i + 1] = dims.get(i);
        }
        return out;
    }

    /** {@code [16, 8, 8]}. */
    @Override
    public String toString() {
        return dims.toString();
    }
}
