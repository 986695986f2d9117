/**
 * The {@code gradguard} command ({@link io.gradguard.cli.Main}, picocli): {@link io.gradguard.cli.TrainCommand}
 * trains a run spec into a run directory, {@link io.gradguard.cli.DemoCommand} trains the exploding example
 * unguarded and guarded side by side. Bad input surfaces as a {@link io.gradguard.cli.UserError}: one line,
 * exit code 2.
 */
package io.gradguard.cli;
