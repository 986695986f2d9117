package io.gradguard.guard;

import java.nio.ByteBuffer;

/**
 * One named parameter as the guard sees it, whatever framework hosts it: name, shape, values and gradient
 * as float arrays (row-major). The arrays are live: a clipper writes into {@link #grad()} in place and the
 * host applies the changed gradient (the DJL host copies it back into its NDArray). A host that keeps the
 * gradient off the Java heap may also offer it where it is ({@link #gradMemory()}), so that the monitor reads
 * it once and an ordinary step copies nothing; {@link #grad()} then copies on first use.
 */
public interface ParamView {
    /** Dotted name, e.g. {@code layers.0.weight} or {@code lstm.weight_hh_l0}. */
    String name();

    int[] shape();

    float[] values();

    /** The gradient, or {@code null} when this parameter received none this step. */
    float[] grad();

    /**
     * The gradient in the host's own memory, read-only: float32 in native byte order, row-major, element
     * {@code k} at byte {@code 4k}, as many elements as the shape says. Null when the host keeps the gradient
     * on the Java heap (then read {@link #grad()}), when there is no gradient, or once {@link #grad()} has
     * copied it this step: that copy is then the gradient, and a fault or a clipper may have changed it.
     */
    default ByteBuffer gradMemory() {
        return null;
    }

    /** Whether this parameter received a gradient this step, asked without copying it. */
    default boolean hasGrad() {
        return grad() != null;
    }

    /**
     * The layer this parameter belongs to: the name without its last component
     * ({@code layers.0.weight} -> {@code layers.0}); a name without a dot is its own layer.
     */
    default String layer() {
        String n = name();
        int i = n.lastIndexOf('.');
        return i < 0 ? n : n.substring(0, i);
    }

    /** The parameter's own name within its layer ({@code weight}, {@code bias}, {@code weight_hh_l0}). */
    default String localName() {
        String n = name();
        int i = n.lastIndexOf('.');
        return i < 0 ? n : n.substring(i + 1);
    }

    /** A simple array-backed view. */
    static ParamView of(String name, int[] shape, float[] values, float[] grad) {
        return new Simple(name, shape.clone(), values, grad);
    }

    /** Array-backed {@link ParamView}. */
    record Simple(String name, int[] shape, float[] values, float[] grad) implements ParamView {
        public Simple {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            if (values.length != n || (grad != null && grad.length != n)) {
                throw new IllegalArgumentException("parameter '" + name + "' has shape " + java.util.Arrays.toString(shape)
                        + " (" + n + " values) but values has " + values.length
                        + (grad == null ? "" : " and grad has " + grad.length));
            }
        }
    }
}
