package io.gradguard.tensor;

import java.util.Arrays;

/**
 * A dense float32 array with an explicit shape, stored row-major (the last index varies fastest).
 *
 * <p>A tensor is plain storage: it knows nothing of gradients (see {@code io.gradguard.autograd.Var}).
 * {@link #data()} exposes the backing array so kernels can write into it without copying; a
 * {@link #reshape reshaped} tensor shares that array.
 */
public final class Tensor {
    private final float[] data;
    private final int[] shape;

    private Tensor(float[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    /** Wraps {@code data} (not copied) with the given shape; the element counts must agree. */
    public static Tensor of(float[] data, int... shape) {
        int[] s = Shapes.checked(shape);
        long n = Shapes.numel(s);
        if (n != data.length) {
            throw new IllegalArgumentException("Tensor.of: shape " + Shapes.str(s) + " holds " + n
                    + " elements but the data has " + data.length);
        }
        return new Tensor(data, s);
    }

    public static Tensor zeros(int... shape) {
        int[] s = Shapes.checked(shape);
        return new Tensor(new float[Math.toIntExact(Shapes.numel(s))], s);
    }

    public static Tensor full(float value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, new int[0]);
    }

    /** A 2-D tensor from rows of equal length (handy in tests). */
    public static Tensor matrix(float[][] rows) {
        int r = rows.length;
        int c = r == 0 ? 0 : rows[0].length;
        float[] d = new float[r * c];
        for (int i = 0; i < r; i++) {
            if (rows[i].length != c) {
                throw new IllegalArgumentException("Tensor.matrix: row " + i + " has " + rows[i].length
                        + " columns, expected " + c);
            }
            System.arraycopy(rows[i], 0, d, i * c, c);
        }
        return new Tensor(d, new int[] {r, c});
    }

    /** Same shape, all zeros. */
    public static Tensor zerosLike(Tensor t) {
        return new Tensor(new float[t.data.length], t.shape.clone());
    }

    /** The backing array: mutable, shared with reshaped views. */
    public float[] data() {
        return data;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return shape[Shapes.axis(axis, shape.length, "Tensor.dim")];
    }

    public int numel() {
        return data.length;
    }

    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    public boolean sameShape(int... other) {
        return Arrays.equals(shape, other);
    }

    /** A view with a new shape over the same data; one dimension may be -1 (inferred). */
    public Tensor reshape(int... newShape) {
        return new Tensor(data, Shapes.inferReshape(shape, newShape, data.length));
    }

    public Tensor copy() {
        return new Tensor(data.clone(), shape.clone());
    }

    /** Copies {@code src}'s values into this tensor; shapes must match. */
    public void copyFrom(Tensor src) {
        if (!Arrays.equals(shape, src.shape)) {
            throw new IllegalArgumentException("Tensor.copyFrom: expected " + Shapes.str(shape) + " but got "
                    + Shapes.str(src.shape));
        }
        System.arraycopy(src.data, 0, data, 0, data.length);
    }

    public void fill(float v) {
        Arrays.fill(data, v);
    }

    public float get(int... index) {
        return data[offset(index)];
    }

    public void set(float value, int... index) {
        data[offset(index)] = value;
    }

    /** The single value of a one-element tensor. */
    public float item() {
        if (data.length != 1) {
            throw new IllegalStateException("item() needs a one-element tensor, got shape " + Shapes.str(shape));
        }
        return data[0];
    }

    private int offset(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has " + index.length
                    + " dimensions but the tensor has shape " + Shapes.str(shape));
        }
        int off = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " out of bounds for shape "
                        + Shapes.str(shape));
            }
            off = off * shape[i] + index[i];
        }
        return off;
    }

    @Override
    public String toString() {
        int n = Math.min(data.length, 8);
        StringBuilder sb = new StringBuilder("Tensor").append(Shapes.str(shape)).append(" [");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(data[i]);
        }
        return sb.append(data.length > n ? ", ...]" : "]").toString();
    }
}
