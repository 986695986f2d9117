package io.gradguard.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The analyses decide from the measurements: the same grid with other numbers gives the other verdict. */
class AnalysesTest {
    private static final List<Long> SEEDS = List.of(1L, 2L);

    @Test
    void residualHoldsOnlyWhenResidualEndsBelowPlainAtDepth30And50OnEverySeed() {
        ResidualExperiment e = new ResidualExperiment();
        assertThat(e.analyze(residual(e, 0.1)).held()).isTrue();
        Analysis a = e.analyze(residual(e, 1.2)); // seed 2's residual depth-50 loss above plain's 1.1
        assertThat(a.held()).isFalse();
        assertThat(a.table().rows().get(2).get(5)).isEqualTo("no");
        assertThat(a.table().rows().get(1).get(5)).isEqualTo("yes");
    }

    private static Results residual(ResidualExperiment e, double seed2Depth50) {
        List<Outcome> all = new ArrayList<>();
        for (Point p : e.grid(true)) {
            for (long s : SEEDS) {
                boolean res = p.id().startsWith("residual");
                double loss = res ? (p.id().equals("residual-d50") && s == 2 ? seed2Depth50 : 0.1) : 1.1;
                all.add(new Outcome.Builder().put("final_train_loss", loss).put("final_val_accuracy", res ? 0.95 : 0.33)
                        .series("grad_b", new double[] {1, 1, 1}).build(p.id(), s, 0));
            }
        }
        return new Results(true, SEEDS, e.grid(true), all);
    }

    @Test
    void batchNormComparesTheHighestStableRateSeedBySeed() {
        BatchNormExperiment e = new BatchNormExperiment();
        // plain stable up to 0.3, batch norm up to 1 (quick rates 0.1, 0.3, 1, 3, 10)
        assertThat(e.analyze(batchNorm(e, 0.3, 1)).held()).isTrue();
        assertThat(e.analyze(batchNorm(e, 0.3, 0.3)).held()).as("equal is not higher").isFalse();
        Analysis a = e.analyze(batchNorm(e, 1, 0.3));
        assertThat(a.held()).isFalse();
        assertThat(a.outcome()).isEqualTo("highest stable SGD rate 1 without batch norm, 0.3 with it");
    }

    private static Results batchNorm(BatchNormExperiment e, double plainUpTo, double bnUpTo) {
        List<Outcome> all = new ArrayList<>();
        for (Point p : e.grid(true)) {
            boolean bn = p.id().startsWith("bn");
            double lr = Double.parseDouble(p.id().substring(p.id().indexOf("lr") + 2));
            double acc = lr <= (bn ? bnUpTo : plainUpTo) ? 0.97 : 0.33;
            for (long s : SEEDS) {
                all.add(new Outcome.Builder().put("final_train_loss", 0.1).put("final_val_accuracy", acc)
                        .build(p.id(), s, 0));
            }
        }
        return new Results(true, SEEDS, e.grid(true), all);
    }

    @Test
    void divergenceIsTheFirstStepAboveTenTimesTheInitialLossOrNotFinite() {
        assertThat(LearningRateExperiment.divergenceStep(new double[] {1, 2, 9.9, 10.1, 3})).isEqualTo(3);
        assertThat(LearningRateExperiment.divergenceStep(new double[] {1, 0.5, Double.NaN})).isEqualTo(2);
        assertThat(LearningRateExperiment.divergenceStep(new double[] {1, 0.5, 0.2})).isNaN();
    }
}
