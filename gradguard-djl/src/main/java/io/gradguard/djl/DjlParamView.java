package io.gradguard.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import io.gradguard.guard.ParamView;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A DJL parameter as the guard sees it, one per trainable parameter for the whole run. Every step
 * {@link #refresh()} takes hold of the gradient tensor and its memory ({@code toByteBuffer(true)}: a direct
 * buffer over a contiguous tensor), and the guard's monitor reads it there ({@link #gradMemory()}): an
 * ordinary step copies nothing. {@link #grad()} copies the gradient into the view's own array, allocated once,
 * the first time it is asked for in a step (a clipper that scales element by element, AGC, an injected
 * fault); from then on that array is the gradient, and {@link #writeGradient()} copies it back into the
 * tensor in place. The values are copied likewise only when the guard asks (the monitor's costly steps,
 * AGC). Nothing is allocated per step on the Java heap. {@link #release()} lets go of the tensor's handle
 * once the step is over.
 */
final class DjlParamView implements ParamView {
    /** Selects a whole array for an in-place copy ({@code tensor[...] = src}, libtorch's {@code index_put_}). */
    static final NDIndex ALL = new NDIndex("...");

    private final DjlParameters.Named parameter;
    private NDArray array;
    private int[] shape;
    private NDArray gradient;
    private ByteBuffer memory;
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
     * Takes hold of this step's gradient tensor and its memory (the view has no gradient when libtorch holds
     * none) and forgets the copies made on an earlier step.
     */
    void refresh() {
        release();
        NDArray current = parameter.parameter().getArray();
        if (current != array) {
            array = current;
            shape = shapeOf(current);
        }
        valuesCurrent = false;
        grad = null;
        if (array.hasGradient()) {
            gradient = array.getGradient();
            memory = bytes(gradient);
        }
    }

    /** Closes this step's handle on the gradient tensor (the tensor itself stays with its parameter). */
    void release() {
        memory = null;
        grad = null;
        if (gradient != null) {
            gradient.close();
            gradient = null;
        }
    }

    /** {@code a}'s memory as float32 in native order (float32 only), direct when the tensor is contiguous. */
    private static ByteBuffer bytes(NDArray a) {
        if (a.getDataType() != DataType.FLOAT32) {
            throw new IllegalStateException("the guard reads float32 tensors, but a " + a.getDataType() + " tensor of shape "
                    + a.getShape() + " was given");
        }
        return a.toByteBuffer(true).order(ByteOrder.nativeOrder());
    }

    /** {@code a}'s float32 contents in {@code reuse} when it has the right length, else in a new array. */
    static float[] copyOut(NDArray a, float[] reuse) {
        return copyOut(bytes(a), reuse);
    }

    private static float[] copyOut(ByteBuffer bytes, float[] reuse) {
        FloatBuffer src = bytes.asFloatBuffer();
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
        if (grad == null && memory != null) {
            gradBuffer = copyOut(memory, gradBuffer);
            grad = gradBuffer;
        }
        return grad;
    }

    @Override
    public ByteBuffer gradMemory() {
        return grad == null ? memory : null;
    }

    @Override
    public boolean hasGrad() {
        return memory != null;
    }

    /**
     * Copies the gradient as the guard left it into the parameter's gradient tensor, when {@link #grad()}
     * copied it out this step (else the tensor is still the gradient and nothing is copied).
     */
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
        if (memory != null) {
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
