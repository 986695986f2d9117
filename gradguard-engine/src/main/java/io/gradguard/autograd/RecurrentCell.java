package io.gradguard.autograd;

import java.util.List;

/**
 * The recurrent cell a {@link RecurrentOps#layer layer} runs, named as the {@code mode} of PyTorch's
 * {@code torch.nn.RNNBase} ({@code RNN_TANH}, {@code RNN_RELU}, {@code LSTM}, {@code GRU}). Each has
 * {@link #gates()} blocks of {@code hidden} rows stacked in {@code weight_ih} and {@code weight_hh}, in
 * PyTorch's order (see {@link #gateNames()}).
 */
public enum RecurrentCell {
    /** Elman RNN, {@code h' = tanh(W_ih x + b_ih + W_hh h + b_hh)}. */
    RNN_TANH(List.of("h")),
    /** Elman RNN with ReLU, {@code h' = relu(W_ih x + b_ih + W_hh h + b_hh)}. */
    RNN_RELU(List.of("h")),
    /** LSTM (Hochreiter and Schmidhuber 1997, with the forget gate of Gers et al. 2000): gates i, f, g, o. */
    LSTM(List.of("i", "f", "g", "o")),
    /** GRU (Cho et al. 2014): reset r, update z, new n. */
    GRU(List.of("r", "z", "n"));

    private final List<String> gateNames;

    RecurrentCell(List<String> gateNames) {
        this.gateNames = gateNames;
    }

    /** The number of gate blocks {@code G}: 1, 4 or 3. */
    public int gates() {
        return gateNames.size();
    }

    /** Gate names in the order of their row blocks in the weights, as in the PyTorch docs. */
    public List<String> gateNames() {
        return gateNames;
    }

    /** The op label ({@code rnn_tanh}, {@code rnn_relu}, {@code lstm}, {@code gru}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
