package io.gradguard.cli.inspect;

import io.gradguard.cli.guard.ModelFactsFactory;
import io.gradguard.cli.run.RunPlan;
import io.gradguard.cli.spec.RunSpec;
import io.gradguard.data.DataLoader;
import io.gradguard.io.AtomicFiles;
import io.gradguard.runs.RunDirectory;
import java.io.IOException;
import io.gradguard.guard.diagnose.ModelFacts;
import io.gradguard.tensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inspects a resolved run plan on its first training batches, as {@code gradguard inspect} does, and leaves
 * the model as it found it, so {@code gradguard train} can inspect a run before training it: the weights are
 * never updated, gradients are zeroed, and buffers a training-mode forward changes (batch norm's running
 * statistics) are restored. The batches come from a loader over the stream
 * {@code rng.fork("shuffle")}, which leaves the run's own streams untouched ({@code Rng.fork} depends on
 * the seed and the name only).
 */
public final class PlanInspection {
    private PlanInspection() {
    }

    /** The batches {@code gradguard train} inspects before training (as {@code gradguard inspect}'s default). */
    public static final int TRAIN_BATCHES = 3;

    /**
     * Inspects {@code plan} on {@link #TRAIN_BATCHES} batches and writes {@code inspection.json} (the JSON of
     * {@code gradguard inspect --json}) into {@code dir}, atomically.
     */
    public static Inspection writeTo(RunDirectory dir, RunSpec spec, RunPlan plan) throws IOException {
        Inspection in = of(spec, plan, TRAIN_BATCHES);
        AtomicFiles.writeString(dir.inspection(), InspectionJson.render(in) + "\n");
        return in;
    }

    /** One line for the terminal: the verdict and the gain per layer. */
    public static String line(Inspection in) {
        return "pre-flight inspection: " + in.overall().word() + (in.gainCount() > 0 ? " (gradient gain "
                + Fmt.num(in.gainPerLayer()) + " per layer over " + in.gainCount() + " layers)" : "")
                + " -> " + RunDirectory.INSPECTION;
    }

    /** Inspects {@code plan} on its first {@code batches} training batches (at least 1). */
    public static Inspection of(RunSpec spec, RunPlan plan, int batches) {
        if (batches < 1) {
            throw new IllegalArgumentException("inspection batches must be >= 1, got " + batches);
        }
        ModelFacts facts;
        try {
            facts = ModelFactsFactory.of(spec);
        } catch (RuntimeException e) {
            facts = null; // no theory column for models the facts cannot describe
        }
        DataLoader loader = new DataLoader(plan.train(), plan.config().batchSize(), plan.config().shuffle(), false,
                plan.rng().fork("shuffle"));
        List<DataLoader.Batch> list = new ArrayList<>();
        for (Iterator<DataLoader.Batch> it = loader.epoch(0); it.hasNext() && list.size() < batches; ) {
            list.add(it.next());
        }
        Map<String, float[]> saved = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> b : plan.model().namedBuffers().entrySet()) {
            saved.put(b.getKey(), b.getValue().data().clone());
        }
        try {
            return Inspector.inspect(spec.name(), plan.model(), plan.loss(), list, facts, plan.rng());
        } finally {
            for (Map.Entry<String, Tensor> b : plan.model().namedBuffers().entrySet()) {
                float[] before = saved.get(b.getKey());
                System.arraycopy(before, 0, b.getValue().data(), 0, before.length);
            }
            plan.model().zeroGrad();
        }
    }
}
