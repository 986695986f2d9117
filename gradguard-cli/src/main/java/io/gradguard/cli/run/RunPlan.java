package io.gradguard.cli.run;

import io.gradguard.cli.spec.RunSpec;
import io.gradguard.data.Dataset;
import io.gradguard.nn.Loss;
import io.gradguard.nn.Network;
import io.gradguard.optim.LrSchedule;
import io.gradguard.optim.Optimizer;
import io.gradguard.optim.Penalty;
import io.gradguard.tensor.Rng;
import io.gradguard.train.TrainConfig;
import io.gradguard.train.Trainer;

/** Everything a run spec resolves to, ready to train. */
public record RunPlan(RunSpec spec, Network model, Loss loss, Optimizer optimizer, LrSchedule schedule,
                      Penalty penalty, Dataset train, Dataset validation, TrainConfig config, Rng rng) {
    /** A trainer over this plan (hooks, listeners and checkpoints are added by the caller). */
    public Trainer trainer() {
        return new Trainer(model, loss, optimizer, schedule, penalty, train,
                validation.size() == 0 ? null : validation, config, rng);
    }
}
