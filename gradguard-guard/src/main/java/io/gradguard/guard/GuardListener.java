package io.gradguard.guard;

/** Receives the guard's account of every step (recorders, the dashboard). */
@FunctionalInterface
public interface GuardListener {
    void onGuardStep(GuardStep step);
}
