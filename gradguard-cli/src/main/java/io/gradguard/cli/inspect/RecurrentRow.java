package io.gradguard.cli.inspect;

/**
 * One gate block {@code W_h<gate>} of a recurrent layer's {@code weight_hh_l{layer}}.
 *
 * @param module        module path ({@code layers.0})
 * @param type          {@code rnn}, {@code lstm} or {@code gru}
 * @param layer         the stacked layer index {@code k}
 * @param gate          the gate name ({@code h}, {@code i f g o}, {@code r z n})
 * @param radius        spectral radius {@code max |lambda|}: the long-run growth of the gradient per step
 * @param sigmaMax      largest singular value {@code ||W||_2}
 * @param steps         the sequence length the layer sees (the number of factors through time)
 */
public record RecurrentRow(String module, String type, int layer, String gate, double radius, double sigmaMax,
                           int steps) {
}
