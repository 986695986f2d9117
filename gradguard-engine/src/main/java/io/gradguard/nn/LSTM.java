package io.gradguard.nn;

import io.gradguard.autograd.RecurrentCell;
import io.gradguard.tensor.Rng;

/**
 * A multi-layer LSTM, as {@code torch.nn.LSTM(input_size, hidden_size, num_layers, bias, batch_first=True)}
 * (no projections): each layer computes
 * <pre>
 *   i_t = sigmoid(W_ii x_t + b_ii + W_hi h_{t-1} + b_hi)
 *   f_t = sigmoid(W_if x_t + b_if + W_hf h_{t-1} + b_hf)
 *   g_t = tanh(W_ig x_t + b_ig + W_hg h_{t-1} + b_hg)
 *   o_t = sigmoid(W_io x_t + b_io + W_ho h_{t-1} + b_ho)
 *   c_t = f_t * c_{t-1} + i_t * g_t        h_t = o_t * tanh(c_t)
 * </pre>
 * with {@code weight_ih_l{k} = [W_ii | W_if | W_ig | W_io]} stacked by rows ({@code [4*hidden, in]}), and
 * likewise {@code weight_hh_l{k}} and the biases. The additive cell path {@code c_t = f_t c_{t-1} + ...} is
 * what lets gradients survive long delays (Hochreiter and Schmidhuber 1997). See {@link RecurrentBase}.
 */
public final class LSTM extends RecurrentBase {
    /** The gate blocks of the weights, in PyTorch's order. */
    public enum Gate {
        INPUT, FORGET, CELL, OUTPUT
    }

    public LSTM(int inputSize, int hiddenSize, int numLayers, boolean bias, Rng rng) {
        super(RecurrentCell.LSTM, inputSize, hiddenSize, numLayers, bias, rng);
    }

    /** One layer with biases (PyTorch's defaults). */
    public LSTM(int inputSize, int hiddenSize, Rng rng) {
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
