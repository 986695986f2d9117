package io.gradguard.djl;

import io.gradguard.guard.Guard;
import io.gradguard.guard.GuardConfig;
import io.gradguard.guard.inject.FaultPlan;
import io.gradguard.runs.RunDirectory;
import java.util.Objects;

/** Configures a {@link GuardedTraining}. */
public final class GuardedTrainingBuilder {
    Guard guard;
    boolean unguarded;
    FaultPlan faults = FaultPlan.none();
    ScalableTracker lr;
    String optimizerName = "unknown";
    RunDirectory runDirectory;
    int logEvery = 1;

    GuardedTrainingBuilder() {
    }

    /** Guards training with a new {@link Guard} of this configuration. */
    public GuardedTrainingBuilder guard(GuardConfig config) {
        return guard(new Guard(config));
    }

    /** Guards training with {@code g} (add your own {@link io.gradguard.guard.GuardListener}s to it). */
    public GuardedTrainingBuilder guard(Guard g) {
        this.guard = Objects.requireNonNull(g, "guard");
        return this;
    }

    /** Trains without a guard, recording the run the same way: the baseline a guard is compared with. */
    public GuardedTrainingBuilder noGuard() {
        this.unguarded = true;
        return this;
    }

    /**
     * The optimiser's learning-rate tracker, which the guard scales when it reduces the learning rate
     * (required with a guard; without one it only labels the recorded steps).
     */
    public GuardedTrainingBuilder learningRate(ScalableTracker tracker) {
        this.lr = Objects.requireNonNull(tracker, "learning-rate tracker");
        return this;
    }

    /** PyTorch's name of the optimiser ({@code sgd}, {@code adam}, {@code adamw}), for the diagnosis. */
    public GuardedTrainingBuilder optimizer(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("optimizer name must not be blank, got '" + name + "'");
        }
        this.optimizerName = name;
        return this;
    }

    /** Faults to inject into chosen steps' gradients or loss ({@code FaultPlan.parse("nan@20")}). */
    public GuardedTrainingBuilder faults(FaultPlan plan) {
        this.faults = Objects.requireNonNull(plan, "faults");
        return this;
    }

    /** Writes the run into {@code dir} through {@link GuardedTraining#listener()}. */
    public GuardedTrainingBuilder runDirectory(RunDirectory dir) {
        this.runDirectory = Objects.requireNonNull(dir, "run directory");
        return this;
    }

    /** Steps between metrics.jsonl step rows (steps not applied are always written), >= 1; default 1. */
    public GuardedTrainingBuilder logEvery(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("log_every must be >= 1, got " + n);
        }
        this.logEvery = n;
        return this;
    }

    public GuardedTraining build() {
        if (guard == null && !unguarded) {
            throw new IllegalStateException("GuardedTraining needs guard(config), or noGuard() for an unguarded baseline");
        }
        if (guard != null && unguarded) {
            throw new IllegalStateException("GuardedTraining was given both a guard and noGuard()");
        }
        if (guard != null && lr == null) {
            throw new IllegalStateException("a guard needs the optimiser's learning rate to reduce it: build the "
                    + "optimiser with a ScalableTracker and pass it to learningRate(...)");
        }
        return new GuardedTraining(this);
    }
}
