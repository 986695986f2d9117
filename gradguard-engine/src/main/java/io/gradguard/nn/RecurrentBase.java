package io.gradguard.nn;

import io.gradguard.autograd.RecurrentCell;
import io.gradguard.autograd.RecurrentOps;
import io.gradguard.autograd.Var;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link RNN}, {@link LSTM} and {@link GRU} share, as PyTorch's {@code torch.nn.RNNBase}: a stack of
 * {@code num_layers} recurrent layers over batch-first input {@code [batch, T, input_size]} (PyTorch's
 * {@code batch_first=True}), a zero initial state, and the full top-layer sequence
 * {@code [batch, T, hidden_size]} as output; layer {@code k > 0} reads the hidden sequence of layer
 * {@code k - 1}.
 *
 * <p>Parameters of layer {@code k}, named and shaped as in PyTorch's {@code state_dict}:
 * {@code weight_ih_l{k} [G*hidden, in_k]}, {@code weight_hh_l{k} [G*hidden, hidden]}, {@code bias_ih_l{k}}
 * and {@code bias_hh_l{k} [G*hidden]}, where {@code in_0 = input_size}, {@code in_k = hidden_size} above,
 * and the {@code G} gate blocks are stacked in the order of {@link RecurrentCell#gateNames()}. Every
 * parameter is initialised {@code U(-1/sqrt(hidden), 1/sqrt(hidden))}, drawn in that order (PyTorch's
 * {@code reset_parameters}).
 *
 * <p>Whether gradients can explode through time depends on the recurrent blocks {@code W_hh}: with an
 * activation whose derivative is at most 1 (tanh), the largest singular value of {@code W_hh} exceeding 1
 * is necessary for explosion, and below 1 gradients vanish geometrically (Pascanu, Mikolov and Bengio
 * 2013, "On the difficulty of training recurrent neural networks"). {@link #recurrentLargestSingularValue}
 * and {@link #recurrentSpectralRadius} report both quantities per layer and gate.
 */
public abstract sealed class RecurrentBase extends Module permits RNN, LSTM, GRU {
    private final RecurrentCell cell;
    private final int inputSize;
    private final int hiddenSize;
    private final int numLayers;
    private final boolean bias;
    private final List<Parameter[]> layers = new ArrayList<>();

    RecurrentBase(RecurrentCell cell, int inputSize, int hiddenSize, int numLayers, boolean bias, Rng rng) {
        String type = typeName(cell);
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException(type + " needs input_size > 0 and hidden_size > 0, got input_size="
                    + inputSize + ", hidden_size=" + hiddenSize);
        }
        if (numLayers < 1) {
            throw new IllegalArgumentException(type + " num_layers must be >= 1, got " + numLayers);
        }
        this.cell = cell;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.numLayers = numLayers;
        this.bias = bias;
        int gh = cell.gates() * hiddenSize;
        double bound = 1.0 / Math.sqrt(hiddenSize);
        for (int k = 0; k < numLayers; k++) {
            int in = k == 0 ? inputSize : hiddenSize;
            Parameter[] p = new Parameter[4];
            p[0] = parameter("weight_ih_l" + k, uniform(rng, bound, gh, in));
            p[1] = parameter("weight_hh_l" + k, uniform(rng, bound, gh, hiddenSize));
            if (bias) {
                p[2] = parameter("bias_ih_l" + k, uniform(rng, bound, gh));
                p[3] = parameter("bias_hh_l" + k, uniform(rng, bound, gh));
            }
            layers.add(p);
        }
    }

    private static Tensor uniform(Rng rng, double bound, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.uniform(-bound, bound);
        }
        return t;
    }

    private static String typeName(RecurrentCell cell) {
        return switch (cell) {
            case RNN_TANH, RNN_RELU -> "RNN";
            case LSTM -> "LSTM";
            case GRU -> "GRU";
        };
    }

    @Override
    protected Var compute(Var x) {
        Var h = x;
        for (Parameter[] p : layers) {
            h = RecurrentOps.layer(h, p[0], p[1], p[2], p[3], cell);
        }
        return h;
    }

    public RecurrentCell cell() {
        return cell;
    }

    public int inputSize() {
        return inputSize;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    public int numLayers() {
        return numLayers;
    }

    public boolean bias() {
        return bias;
    }

    /** {@code weight_ih_l{layer}}. */
    public Parameter weightIh(int layer) {
        return layer(layer)[0];
    }

    /** {@code weight_hh_l{layer}}. */
    public Parameter weightHh(int layer) {
        return layer(layer)[1];
    }

    /** {@code bias_ih_l{layer}}, or {@code null} when built with {@code bias=false}. */
    public Parameter biasIh(int layer) {
        return layer(layer)[2];
    }

    /** {@code bias_hh_l{layer}}, or {@code null} when built with {@code bias=false}. */
    public Parameter biasHh(int layer) {
        return layer(layer)[3];
    }

    /** The gate names in weight order: {@code [h]}, {@code [i, f, g, o]} or {@code [r, z, n]}. */
    public List<String> gateNames() {
        return cell.gateNames();
    }

    /**
     * A copy of the recurrent block {@code W_h<gate>} of layer {@code layer}: rows
     * {@code [gate * hidden, (gate + 1) * hidden)} of {@code weight_hh_l{layer}}, a square
     * {@code [hidden, hidden]} matrix.
     */
    public Tensor recurrentBlock(int layer, int gate) {
        if (gate < 0 || gate >= cell.gates()) {
            throw new IndexOutOfBoundsException(this + ": gate " + gate + " is out of range; gates are "
                    + cell.gateNames() + " (0.." + (cell.gates() - 1) + ")");
        }
        float[] w = weightHh(layer).value().data();
        int n = hiddenSize;
        float[] block = new float[n * n];
        System.arraycopy(w, gate * n * n, block, 0, n * n);
        return Tensor.of(block, n, n);
    }

    /** The spectral radius (largest |eigenvalue|) of {@link #recurrentBlock(int, int)}. */
    public double recurrentSpectralRadius(int layer, int gate) {
        return Spectral.spectralRadius(recurrentBlock(layer, gate));
    }

    /** The largest singular value (spectral norm) of {@link #recurrentBlock(int, int)}. */
    public double recurrentLargestSingularValue(int layer, int gate) {
        return Spectral.largestSingularValue(recurrentBlock(layer, gate));
    }

    private Parameter[] layer(int k) {
        if (k < 0 || k >= numLayers) {
            throw new IndexOutOfBoundsException(this + ": layer " + k + " is out of range for num_layers="
                    + numLayers);
        }
        return layers.get(k);
    }

    /** PyTorch's repr: {@code LSTM(2, 32, num_layers=2, bias=false)}, defaults omitted. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(typeName(cell)).append('(').append(inputSize).append(", ")
                .append(hiddenSize);
        if (numLayers != 1) {
            sb.append(", num_layers=").append(numLayers);
        }
        if (cell == RecurrentCell.RNN_RELU) {
            sb.append(", nonlinearity=relu");
        }
        if (!bias) {
            sb.append(", bias=false");
        }
        return sb.append(')').toString();
    }
}
