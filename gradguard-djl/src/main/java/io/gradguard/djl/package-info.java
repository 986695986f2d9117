/**
 * The gradient guard inside DJL training (the PyTorch engine): {@link io.gradguard.djl.GuardedTraining}
 * acts between backward and the optimiser step ({@code trainBatch} is a drop-in for DJL's
 * {@code EasyTrain.trainBatch} + {@code trainer.step()}), its {@link io.gradguard.djl.RunRecorder} listener
 * writes the same run directory as {@code gradguard train}, {@link io.gradguard.djl.ScalableTracker} lets the
 * guard lower the learning rate, and {@link io.gradguard.djl.DjlParameters} names DJL's parameters as
 * PyTorch's {@code state_dict} does. The engine's classes are not used here; the guard sees DJL's
 * gradients as float arrays through {@link io.gradguard.guard.ParamView}: one view per parameter for the
 * run, its gradient copied each step straight from the tensor's memory into an array allocated once, its
 * values only when the guard asks (costly monitor steps, AGC, snapshots).
 */
package io.gradguard.djl;
