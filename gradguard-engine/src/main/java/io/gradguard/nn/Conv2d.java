package io.gradguard.nn;

import io.gradguard.autograd.ConvOps;
import io.gradguard.autograd.Var;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;

/**
 * A 2-D convolution over NCHW input ({@code torch.nn.Conv2d}, without dilation or groups):
 * {@code weight [out, in, kh, kw]}, {@code bias [out]}; input {@code [N, in, H, W]}, output
 * {@code [N, out, OH, OW]} with {@code OH = floor((H + 2 padding - kh) / stride) + 1}. Computed by
 * {@link ConvOps#conv2d}, reusing one im2col buffer across steps.
 *
 * <p>Default initialisation is PyTorch's: {@code kaiming_uniform_(a=sqrt(5))} for the weight, which is
 * {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))} with {@code fan_in = in * kh * kw}, and the same bound for the
 * bias. The weight is drawn first, then the bias, each in row-major order.
 */
public final class Conv2d extends Module {
    private final int in;
    private final int out;
    private final ConvOps.Window window;
    private final Parameter weight;
    private final Parameter bias;
    private final ConvOps.Workspace workspace = new ConvOps.Workspace();

    /** {@code Conv2d(in, out, kernel_size)}: stride 1, no padding, with bias. */
    public Conv2d(int in, int out, int kernelSize, Rng rng) {
        this(in, out, ConvOps.Window.of(kernelSize, 1, 0), true, rng);
    }

    /** A square kernel with the same stride and padding on both axes. */
    public Conv2d(int in, int out, int kernelSize, int stride, int padding, boolean bias, Rng rng) {
        this(in, out, ConvOps.Window.of(kernelSize, stride, padding), bias, rng);
    }

    /** A {@code kh x kw} kernel ({@code kernel_size=(kh, kw)}) with the same stride and padding on both axes. */
    public Conv2d(int in, int out, int kh, int kw, int stride, int padding, boolean bias, Rng rng) {
        this(in, out, new ConvOps.Window(kh, kw, stride, stride, padding, padding), bias, rng);
    }

    /** Any window: kernel, stride and padding per axis. */
    public Conv2d(int in, int out, ConvOps.Window window, boolean bias, Rng rng) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Conv2d needs in_channels > 0 and out_channels > 0, got in_channels="
                    + in + ", out_channels=" + out);
        }
        this.in = in;
        this.out = out;
        this.window = java.util.Objects.requireNonNull(window, "window");
        double bound = 1.0 / Math.sqrt((double) in * window.kh() * window.kw());
        this.weight = parameter("weight", uniform(rng, bound, out, in, window.kh(), window.kw()));
        this.bias = bias ? parameter("bias", uniform(rng, bound, out)) : null;
    }

    private static Tensor uniform(Rng rng, double bound, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.uniform(-bound, bound);
        }
        return t;
    }

    @Override
    protected Var compute(Var x) {
        return ConvOps.conv2d(x, weight, bias, window, workspace);
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or {@code null} when built with {@code bias=false}. */
    public Parameter bias() {
        return bias;
    }

    public int inChannels() {
        return in;
    }

    public int outChannels() {
        return out;
    }

    public ConvOps.Window window() {
        return window;
    }

    /** The buffers this layer reuses across steps (exposed so tests can see that steady training allocates none). */
    public ConvOps.Workspace workspace() {
        return workspace;
    }

    @Override
    public String toString() {
        return "Conv2d(" + in + ", " + out + ", " + window + ", bias=" + (bias != null) + ")";
    }
}
