/**
 * libtorch through DJL's PyTorch engine as a peer of the engine ({@link io.gradguard.bench.djl.DjlPeer}): the
 * MLP, Conv2d and LSTM steps, and the MLP through DJL's {@code Trainer} (where the guard's DJL listener goes).
 */
package io.gradguard.bench.djl;
