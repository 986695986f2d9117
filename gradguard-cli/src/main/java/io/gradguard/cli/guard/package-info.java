/**
 * The gradient guard hosted in the engine's trainer: {@link io.gradguard.cli.guard.GuardHook} (a step hook
 * that injects faults and runs the guard), the engine as a {@code GuardHost} (snapshots, rollbacks from
 * memory or disk, learning-rate scaling, anomaly tracing), and the incident recorder and printer.
 */
package io.gradguard.cli.guard;
