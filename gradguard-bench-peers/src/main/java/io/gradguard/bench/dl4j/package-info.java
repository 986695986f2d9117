/**
 * DL4J on ND4J's native CPU backend (OpenBLAS) as a peer of the engine ({@link io.gradguard.bench.dl4j.Dl4jPeer}):
 * the MLP step through {@code MultiLayerNetwork.fit}, the Conv2d and LSTM steps through DL4J's external-errors
 * backpropagation.
 */
package io.gradguard.bench.dl4j;
