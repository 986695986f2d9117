package io.gradguard.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import io.gradguard.guard.ParamView;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A DJL parameter as the guard sees it, one per trainable parameter for the whole run. Every step the
 * gradient is copied out of libtorch into the view's own array, allocated once (the guard
 * reads it several times and the clipper writes into it), straight from the tensor's memory
 * ({@code toByteBuffer(true)}: a direct buffer over a contiguous tensor, no intermediate copy); the values
 * are copied only when the guard asks for them (the monitor's costly steps, AGC), also into an array kept for
 * the next time. Nothing is allocated per step on the Java heap: a 670k-parameter MLP would otherwise
 * allocate 2.7 MB a step, and the collector's work would land on the training thread.
 * {@link #writeGradient()} copies a changed gradient back into the parameter's gradient tensor in place.
 */
final class DjlParamView implements ParamView {
    /** Selects a whole array for an in-place copy ({@code tensor[...] = src}, libtorch's {@code index_put_}). */
    static final NDIndex ALL = new NDIndex("...");

    private final DjlParameters.Named parameter;
    private NDArray array;
    private int[] shape;
    private float[] grad;
    private float[] gradBuffer;
    private float[] values;
    private boolean valuesCurrent;

    private DjlParamView(DjlParameters.Named parameter) {
        this.parameter = parameter;
    }

    /** A view of {@code p}; call {@link #refresh()} before each step's use. */
    static DjlParamView of(DjlParameters.Named p) {
        return new DjlParamView(p);
    }

    /**
     * Copies this step's gradient out of libtorch into the view's array (the view has no gradient when
     * libtorch holds none) and forgets the values copied on an earlier step.
     */
    void refresh() {
        NDArray current = parameter.parameter().getArray();
        if (current != array) {
            array = current;
            shape = shapeOf(current);
        }
        valuesCurrent = false;
        grad = null;
        if (array.hasGradient()) {
            try (NDArray g = array.getGradient()) {
                gradBuffer = copyOut(g, gradBuffer);
                grad = gradBuffer;
            }
        }
    }

    /** A float view of {@code a}'s memory (float32 only), direct when the tensor is contiguous. */
    private static FloatBuffer floats(NDArray a) {
        if (a.getDataType() != DataType.FLOAT32) {
            throw new IllegalStateException("the guard reads float32 tensors, but a " + a.getDataType() + " tensor of shape "
                    + a.getShape() + " was given");
        }
        return a.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** {@code a}'s float32 contents in {@code reuse} when it has the right length, else in a new array. */
    static float[] copyOut(NDArray a, float[] reuse) {
        FloatBuffer src = floats(a);
        int n = src.remaining();
        float[] dst = reuse != null && reuse.length == n ? reuse : new float[n];
        src.get(0, dst, 0, n);
        return dst;
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
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public String name() {
        return parameter.name();
    }

    @Override
    public float[] values() {
        if (!valuesCurrent) {
            values = copyOut(array, values);
            valuesCurrent = true;
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
