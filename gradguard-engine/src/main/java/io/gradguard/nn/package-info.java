/**
 * The module tree, as {@code torch.nn}: {@link io.gradguard.nn.Module} (named parameters, buffers and
 * children, train/eval mode), {@link io.gradguard.nn.Parameter} (a leaf with a stable dotted name such as
 * {@code layers.0.weight}), and the layers: {@link io.gradguard.nn.Dense}, {@link io.gradguard.nn.ActivationLayer},
 * {@link io.gradguard.nn.Conv2d}, {@link io.gradguard.nn.MaxPool2d}, {@link io.gradguard.nn.AvgPool2d},
 * {@link io.gradguard.nn.GlobalAvgPool2d}, {@link io.gradguard.nn.Flatten}, {@link io.gradguard.nn.BatchNorm1d},
 * {@link io.gradguard.nn.BatchNorm2d} (running statistics as buffers), {@link io.gradguard.nn.LayerNorm},
 * {@link io.gradguard.nn.Residual}, {@link io.gradguard.nn.Dropout} (a {@link io.gradguard.nn.Stochastic}
 * module the trainer reseeds every step), the recurrent {@link io.gradguard.nn.RNN}, {@link io.gradguard.nn.LSTM}
 * and {@link io.gradguard.nn.GRU} with {@link io.gradguard.nn.LastStep}, and {@link io.gradguard.nn.Spectral}
 * (eigenvalues and singular values that decide whether gradients explode through time). Containers:
 * {@link io.gradguard.nn.Sequential}, {@link io.gradguard.nn.Network}; objectives: {@link io.gradguard.nn.Loss}.
 * Layers never update their own weights; optimisers do. Initialisers are in {@code io.gradguard.nn.init}.
 */
package io.gradguard.nn;
