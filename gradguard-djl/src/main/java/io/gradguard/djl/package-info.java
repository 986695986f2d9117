/**
 * The gradient guard inside DJL training (the PyTorch engine): {@link io.gradguard.djl.GuardedTraining}
 * acts between backward and the optimiser step ({@code trainBatch} is a drop-in for DJL's
 * {@code EasyTrain.trainBatch} + {@code trainer.step()}), its {@link io.gradguard.djl.RunRecorder} listener
 * writes the same run directory as {@code gradguard train}, {@link io.gradguard.djl.ScalableTracker} lets the
 * guard lower the learning rate, and {@link io.gradguard.djl.DjlParameters} names DJL's parameters as
 * PyTorch's {@code state_dict} does. The engine's classes are not used here; the guard sees DJL's
 * parameters through {@link io.gradguard.guard.ParamView}: one view per parameter for the run, whose gradient
 * the monitor reads in the tensor's own memory ({@code ParamView.gradMemory}); it is copied into an array
 * allocated once only when the guard asks for it as an array (an injected fault, element-wise clipping, AGC),
 * and the values likewise (costly monitor steps, AGC, snapshots).
 */
package io.gradguard.djl;
