/**
 * The framework-neutral gradient guard. It sees a training step through {@link io.gradguard.guard.StepView}
 * (named parameters with shape, values and gradient, plus the loss) and imports no engine class, so the
 * built-in trainer and a DJL listener host it alike. Sub-packages: {@code monitor} (per-step statistics),
 * {@code detect} (incident detectors), {@code clip} (clipping policies), {@code recover} (recovery
 * policies), {@code diagnose} (causes and remedies). A host lends the guard threads through
 * {@link io.gradguard.guard.recover.GuardHost#workers()} ({@link io.gradguard.guard.Workers}); the guard starts
 * none of its own.
 */
package io.gradguard.guard;
