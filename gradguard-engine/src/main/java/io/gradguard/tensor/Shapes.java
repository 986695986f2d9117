package io.gradguard.tensor;

import java.util.Arrays;

/** Shape helpers: element counts, axis normalisation, reshape inference and printing. */
public final class Shapes {
    private Shapes() {
    }

    /** Copies and validates a shape: every dimension must be >= 0. */
    public static int[] checked(int[] shape) {
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
            }
        }
        return shape.clone();
    }

    public static long numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Normalises a possibly negative axis against {@code rank}. */
    public static int axis(int axis, int rank, String op) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for rank " + rank);
        }
        return a;
    }

    /** {@code [32, 64]} style, as in PyTorch's messages. */
    public static String str(int[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(']').toString();
    }

    static int[] inferReshape(int[] from, int[] to, int numel) {
        int[] out = to.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape " + str(from) + " -> " + str(to)
                            + ": only one dimension can be -1");
                }
                infer = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException("reshape " + str(from) + " -> " + str(to) + ": negative dimension");
            } else {
                known *= out[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || numel % known != 0) {
                throw new IllegalArgumentException("reshape " + str(from) + " -> " + str(to)
                        + ": cannot infer -1 for " + numel + " elements");
            }
            out[infer] = (int) (numel / known);
        } else if (known != numel) {
            throw new IllegalArgumentException("reshape " + str(from) + " -> " + str(to) + ": " + numel
                    + " elements do not fit " + known);
        }
        return out;
    }
}
