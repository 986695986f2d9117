/**
 * The module tree, as {@code torch.nn}: {@link io.gradguard.nn.Module} (named parameters and children,
 * train/eval mode), {@link io.gradguard.nn.Parameter} (a leaf with a stable dotted name such as
 * {@code layers.0.weight}), the layers {@link io.gradguard.nn.Dense} and {@link io.gradguard.nn.ActivationLayer},
 * the containers {@link io.gradguard.nn.Sequential} and {@link io.gradguard.nn.Network}, and the
 * {@link io.gradguard.nn.Loss} variants. Layers never update their own weights; optimisers do. Initialisers
 * are in {@code io.gradguard.nn.init}.
 */
package io.gradguard.nn;
