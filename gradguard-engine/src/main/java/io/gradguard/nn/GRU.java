package io.gradguard.nn;

import io.gradguard.autograd.RecurrentCell;
import io.gradguard.tensor.Rng;

/**
 * A multi-layer GRU, as {@code torch.nn.GRU(input_size, hidden_size, num_layers, bias, batch_first=True)}:
 * each layer computes
 * <pre>
 *   r_t = sigmoid(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)
 *   z_t = sigmoid(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)
 *   n_t = tanh(W_in x_t + b_in + r_t * (W_hn h_{t-1} + b_hn))
 *   h_t = (1 - z_t) * n_t + z_t * h_{t-1}
 * </pre>
 * with {@code weight_ih_l{k} = [W_ir | W_iz | W_in]} stacked by rows ({@code [3*hidden, in]}), and likewise
 * {@code weight_hh_l{k}} and the biases (Cho et al. 2014, in PyTorch's form, where {@code r} multiplies
 * {@code W_hn h + b_hn}). See {@link RecurrentBase}.
 */
public final class GRU extends RecurrentBase {
    /** The gate blocks of the weights, in PyTorch's order. */
    public enum Gate {
        RESET, UPDATE, NEW
    }

    public GRU(int inputSize, int hiddenSize, int numLayers, boolean bias, Rng rng) {
        super(RecurrentCell.GRU, inputSize, hiddenSize, numLayers, bias, rng);
    }

    /** One layer with biases (PyTorch's defaults). */
    public GRU(int inputSize, int hiddenSize, Rng rng) {
        this(inputSize, hiddenSize, 1, true, rng);
    }

    /** The spectral radius of {@code W_h<gate>} in layer {@code layer}. */
    public double recurrentSpectralRadius(int layer, Gate gate) {
        return recurrentSpectralRadius(layer, gate.ordinal());
    }

    /** The largest singular value of {@code W_h<gate>} in layer {@code layer}. */
    public double recurrentLargestSingularValue(int layer, Gate gate) {
        return recurrentLargestSingularValue(layer, gate.ordinal());
    }
}
