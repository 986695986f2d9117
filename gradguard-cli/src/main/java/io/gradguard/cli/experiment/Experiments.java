package io.gradguard.cli.experiment;

import io.gradguard.cli.UserError;
import java.util.List;

/** The suite, in the order of issue 6, and lookup by name. */
public final class Experiments {
    private Experiments() {
    }

    public static List<Experiment> all() {
        return List.of(new DepthExperiment(), new InitExperiment(), new ActivationsExperiment(),
                new LearningRateExperiment(), new BatchNormExperiment(), new ResidualExperiment(),
                new RegularizationExperiment(), new RecurrentExperiment(), new ClippingExperiment(),
                new TheoryExperiment());
    }

    public static List<String> names() {
        return all().stream().map(Experiment::name).toList();
    }

    /** {@code all}, or the one experiment called {@code name}; otherwise an error listing the known names. */
    public static List<Experiment> select(String name) {
        if (name.equals("all")) {
            return all();
        }
        for (Experiment e : all()) {
            if (e.name().equals(name)) {
                return List.of(e);
            }
        }
        throw new UserError("unknown experiment '" + name + "'; known: " + String.join(", ", names()) + ", or all");
    }
}
