package io.gradguard.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import io.gradguard.guard.ParamView;

/**
 * A DJL parameter as the guard sees it. The gradient is copied out of libtorch once per step (the guard reads
 * it several times and the clipper writes into it); the values are copied only when the guard asks for them
 * (the monitor's costly steps, AGC, snapshots). {@link #writeGradient()} copies a changed gradient back into
 * the parameter's gradient tensor in place.
 */
final class DjlParamView implements ParamView {
    /** Selects a whole array for an in-place copy ({@code tensor[...] = src}, libtorch's {@code index_put_}). */
    static final NDIndex ALL = new NDIndex("...");

    private final String name;
    private final NDArray array;
    private final int[] shape;
    private final float[] grad;
    private float[] values;

    private DjlParamView(String name, NDArray array, int[] shape, float[] grad) {
        this.name = name;
        this.array = array;
        this.shape = shape;
        this.grad = grad;
    }

    /** Reads {@code p}'s current gradient; the view has no gradient when libtorch holds none for it. */
    static DjlParamView read(DjlParameters.Named p) {
        NDArray array = p.parameter().getArray();
        float[] g = null;
        if (array.hasGradient()) {
            try (NDArray grad = array.getGradient()) {
                g = grad.toFloatArray();
            }
        }
        return new DjlParamView(p.name(), array, shapeOf(array), g);
    }

    static int[] shapeOf(NDArray array) {
        long[] s = array.getShape().getShape();
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = Math.toIntExact(s[i]);
        }
        return out;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public float[] values() {
        if (values == null) {
            values = array.toFloatArray();
        }
        return values;
    }

    @Override
    public float[] grad() {
        return grad;
    }

    /** Copies {@link #grad()} (as the guard left it) into the parameter's gradient tensor. */
    void writeGradient() {
        if (grad == null) {
            return;
        }
        try (NDArray target = array.getGradient();
             NDArray src = array.getManager().create(grad, array.getShape())) {
            target.set(ALL, src);
        }
    }

    /**
     * Multiplies the parameter's gradient tensor by {@code c} in place: what a global clipper did to
     * {@link #grad()}, without copying the array back.
     */
    void scaleGradient(double c) {
        if (grad != null) {
            try (NDArray target = array.getGradient()) {
                target.muli((float) c);
            }
        }
    }

    /** Sets the parameter's gradient tensor to zero (NaN and infinite entries included). */
    void zeroGradient() {
        if (array.hasGradient()) {
            try (NDArray target = array.getGradient()) {
                target.set(ALL, 0f);
            }
        }
    }
}
