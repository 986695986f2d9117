/**
 * Parity of the engine with libtorch (through DJL's PyTorch engine): the same networks with the same weights
 * on the same batch give the same loss and gradients, one optimiser step gives the same weights, and global
 * norm clipping the same total norm, to a relative error of 1e-4 ({@link io.gradguard.djl.parity.Rel}).
 */
package io.gradguard.djl.parity;
