/**
 * Recovery: what to do about an incident (proceed, reduce the learning rate, skip the step, roll back to the
 * last known-good state and skip batches, halt), the rules that map incident kinds to actions with
 * escalation, and the {@link io.gradguard.guard.recover.GuardHost} interface through which a training
 * framework carries them out.
 */
package io.gradguard.guard.recover;
