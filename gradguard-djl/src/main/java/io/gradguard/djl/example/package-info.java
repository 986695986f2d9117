/**
 * A runnable example of the guard in DJL training: {@link io.gradguard.djl.example.BadLearningRate} trains the
 * same network with too large a learning rate twice, unguarded and guarded, and prints both outcomes.
 */
package io.gradguard.djl.example;
