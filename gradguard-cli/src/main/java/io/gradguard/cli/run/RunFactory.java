package io.gradguard.cli.run;

import io.gradguard.cli.spec.DataSpec;
import io.gradguard.cli.spec.ExampleShape;
import io.gradguard.cli.spec.LayerSpec;
import io.gradguard.cli.spec.ModelSpec;
import io.gradguard.cli.spec.RunSpec;
import io.gradguard.data.Dataset;
import io.gradguard.nn.Loss;
import io.gradguard.optim.Optimizer;
import io.gradguard.tensor.Rng;
import io.gradguard.train.TrainConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Resolves a {@link RunSpec} into engine objects, checking that its parts fit together (the data's example
 * shape against {@code model.input}, the model's output against the loss and the data). Every RNG comes from the spec's one seed: {@code data},
 * {@code split}, {@code init} and {@code shuffle} streams.
 */
public final class RunFactory {
    private RunFactory() {
    }

    /** @param specDir folder of the spec file, for relative CSV paths (may be null) */
    public static RunPlan build(RunSpec spec, Path specDir) {
        Rng rng = new Rng(spec.seed());
        Dataset all = DataFactory.load(spec, specDir, rng);
        Loss loss = loss(spec);
        all = checkData(spec, all, loss);
        ModelFactory.Built built = ModelFactory.build(spec, rng.fork("init"));
        checkOutputs(spec, built.output(), all, loss);
        Dataset.Split split = DataFactory.split(spec, all, rng);
        Optimizer optimizer;
        try {
            optimizer = OptimFactory.optimizer(spec.optimizer()).build(built.network().parameters());
        } catch (IllegalArgumentException e) {
            throw spec.errorAt("optimizer", e.getMessage());
        }
        TrainConfig config;
        try {
            config = new TrainConfig(spec.training().epochs(), spec.training().batchSize(), spec.training().shuffle(),
                    spec.training().logEvery(), spec.training().checkpointEvery(),
                    OptimFactory.interval(spec.optimizer().schedule()), spec.training().terminateOnNan());
        } catch (IllegalArgumentException e) {
            throw spec.errorAt("training", e.getMessage());
        }
        if (split.train().size() == 0) {
            throw spec.errorAt("training.validation_split", "leaves no training examples out of " + all.size());
        }
        return new RunPlan(spec, built.network(), loss, optimizer, OptimFactory.schedule(spec.optimizer().schedule()),
                OptimFactory.penalty(spec.optimizer()), split.train(), split.validation(), config, rng);
    }

    static Loss loss(RunSpec spec) {
        return switch (spec.loss().name()) {
            case "mse" -> new Loss.Mse();
            case "bce_with_logits" -> new Loss.BceWithLogits();
            case "cross_entropy" -> new Loss.CrossEntropy();
            default -> throw spec.errorAt("loss", "unknown loss '" + spec.loss().name() + "'");
        };
    }

    /** The data must suit the loss and the model's input; binary losses get {@code [n, 1]} targets. */
    private static Dataset checkData(RunSpec spec, Dataset data, Loss loss) {
        ExampleShape input = spec.model().inputShape();
        List<Integer> example = Arrays.stream(data.featureShape()).boxed().toList();
        if (!input.dims().equals(example)) {
            String has = example.size() == 1 ? example.get(0) + " features per example"
                    : kind(example.size()) + " " + example + " per example";
            String write = example.size() == 1 ? example.get(0).toString() : example.toString();
            throw spec.errorAt("model.input", "is " + (input.kind() == ExampleShape.Kind.VECTOR ? input.dim(0)
                    : input) + " but the data '" + data.name() + "' has " + has + "; set input: " + write);
        }
        boolean classes = data.numClasses() > 0;
        switch (spec.loss().name()) {
            case "cross_entropy" -> {
                if (!classes) {
                    throw spec.errorAt("loss", "cross_entropy needs class labels but the data '" + data.name()
                            + "' is a regression target; use mse");
                }
            }
            case "bce_with_logits" -> {
                if (data.numClasses() != 2) {
                    throw spec.errorAt("loss", "bce_with_logits needs two classes but the data '" + data.name()
                            + "' has " + (classes ? data.numClasses() + " classes; use cross_entropy"
                            : "a regression target; use mse"));
                }
                return data.targets().rank() == 1 ? data.binaryTargets() : data;
            }
            default -> {
                if (classes) {
                    throw spec.errorAt("loss", "mse needs a regression target but the data '" + data.name()
                            + "' has " + data.numClasses() + " classes; use cross_entropy");
                }
            }
        }
        return data;
    }

    private static void checkOutputs(RunSpec spec, ExampleShape output, Dataset data, Loss loss) {
        int expected = loss instanceof Loss.CrossEntropy ? data.numClasses()
                : data.targets().rank() == 1 ? 1 : data.targets().dim(1);
        String why = loss instanceof Loss.CrossEntropy ? "one logit per class: " + data.numClasses() + " classes"
                : expected + " target value" + (expected == 1 ? "" : "s") + " per example";
        if (output.kind() != ExampleShape.Kind.VECTOR) {
            String end = output.kind() == ExampleShape.Kind.IMAGE ? "flatten (or global_avgpool)" : "last_step";
            throw spec.errorAt(lastLayerPath(spec.model()), "the model ends with " + kind(output.dims().size())
                    + " " + output + " per example but " + loss.name() + " on '" + data.name() + "' needs a vector, "
                    + why + "; end with " + end + " and a dense layer of " + expected);
        }
        if (output.dim(0) != expected) {
            throw spec.errorAt(lastLayerPath(spec.model()), "the model ends with " + output.dim(0) + " outputs but "
                    + loss.name() + " on '" + data.name() + "' needs " + why);
        }
    }

    private static String kind(int rank) {
        return rank == 2 ? "a sequence" : rank == 3 ? "an image" : "a vector";
    }

    private static String lastLayerPath(ModelSpec m) {
        List<ModelSpec.PlacedLayer> layers = m.unrolled();
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i).layer() instanceof LayerSpec.Dense) {
                return layers.get(i).path();
            }
        }
        return layers.isEmpty() ? "model.layers" : layers.get(layers.size() - 1).path();
    }

    /**
     * The spec as recorded in a run directory: relative CSV and IDX paths are made absolute, so the run can be
     * resumed from anywhere.
     */
    public static RunSpec resolvedForRecord(RunSpec spec, Path specDir) {
        if (spec.data() instanceof DataSpec.Csv c) {
            return spec.withData(new DataSpec.Csv(DataFactory.resolveCsv(c.path(), specDir).toString(), c.target(),
                    c.header(), c.delimiter(), c.standardize(), c.task()));
        }
        if (spec.data() instanceof DataSpec.Idx x) {
            return spec.withData(new DataSpec.Idx(DataFactory.resolveCsv(x.images(), specDir).toString(),
                    DataFactory.resolveCsv(x.labels(), specDir).toString()));
        }
        return spec;
    }
}
