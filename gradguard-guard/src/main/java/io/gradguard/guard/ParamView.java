package io.gradguard.guard;

/**
 * One named parameter as the guard sees it, whatever framework hosts it: name, shape, values and gradient
 * as float arrays (row-major). The arrays are live: a clipper writes into {@link #grad()} in place and the
 * host applies the changed gradient (the DJL host copies it back into its NDArray).
 */
public interface ParamView {
    /** Dotted name, e.g. {@code layers.0.weight} or {@code lstm.weight_hh_l0}. */
    String name();

    int[] shape();

    float[] values();

    /** The gradient, or {@code null} when this parameter received none this step. */
    float[] grad();

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
