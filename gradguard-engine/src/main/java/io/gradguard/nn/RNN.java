package io.gradguard.nn;

import io.gradguard.autograd.RecurrentCell;
import io.gradguard.tensor.Rng;

/**
 * A multi-layer Elman RNN, as {@code torch.nn.RNN(input_size, hidden_size, num_layers, nonlinearity, bias,
 * batch_first=True)}: each layer computes
 * {@code h_t = act(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)} with {@code act} tanh (default) or ReLU.
 * Input {@code [batch, T, input_size]}, output the top layer's {@code h} for every step
 * {@code [batch, T, hidden_size]}; see {@link RecurrentBase} for parameters and initialisation.
 *
 * <p>The gradient through {@code k} steps is a product of {@code k} Jacobians
 * {@code diag(act'(a_t)) W_hh}, which is why a plain RNN is prone to vanishing and exploding gradients
 * (Bengio, Simard and Frasconi 1994; Pascanu et al. 2013).
 */
public final class RNN extends RecurrentBase {
    /**
     * @param nonlinearity {@code "tanh"} or {@code "relu"}, as PyTorch's {@code nonlinearity} argument
     */
    public RNN(int inputSize, int hiddenSize, int numLayers, String nonlinearity, boolean bias, Rng rng) {
        super(cell(nonlinearity), inputSize, hiddenSize, numLayers, bias, rng);
    }

    /** One tanh layer with biases (PyTorch's defaults). */
    public RNN(int inputSize, int hiddenSize, Rng rng) {
        this(inputSize, hiddenSize, 1, "tanh", true, rng);
    }

    private static RecurrentCell cell(String nonlinearity) {
        if ("tanh".equals(nonlinearity)) {
            return RecurrentCell.RNN_TANH;
        }
        if ("relu".equals(nonlinearity)) {
            return RecurrentCell.RNN_RELU;
        }
        throw new IllegalArgumentException("RNN nonlinearity must be 'tanh' or 'relu', got '" + nonlinearity + "'");
    }

    /** {@code "tanh"} or {@code "relu"}. */
    public String nonlinearity() {
        return cell() == RecurrentCell.RNN_RELU ? "relu" : "tanh";
    }

    /** The spectral radius of {@code weight_hh_l{layer}}. */
    public double recurrentSpectralRadius(int layer) {
        return recurrentSpectralRadius(layer, 0);
    }

    /** The largest singular value of {@code weight_hh_l{layer}}. */
    public double recurrentLargestSingularValue(int layer) {
        return recurrentLargestSingularValue(layer, 0);
    }
}
