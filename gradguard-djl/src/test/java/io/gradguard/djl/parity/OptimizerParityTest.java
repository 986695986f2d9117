package io.gradguard.djl.parity;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.gradguard.nn.Dense;
import io.gradguard.nn.Parameter;
import io.gradguard.optim.AdamConfig;
import io.gradguard.optim.AdamWConfig;
import io.gradguard.optim.SgdConfig;
import io.gradguard.tensor.Rng;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One optimiser step (or a few) of the engine's SGD, momentum, Adam and AdamW against DJL's optimisers on
 * the PyTorch engine, from the same weights and gradients. DJL's update rules are its own, run by DJL's JNI
 * kernels ({@code ai_djl_pytorch_jni_PyTorchLibrary_optim.cc}), not {@code torch.optim}:
 * <ul>
 *   <li>SGD {@code w -= lr (g + wd w)}: PyTorch's rule.
 *   <li>Momentum {@code s = m s + lr (g + wd w); w -= s}: the learning rate is folded into the buffer. While
 *       lr is constant this is PyTorch's {@code b = m b + g; w -= lr b} (s = lr b, and the first step agrees
 *       since PyTorch's first buffer is g); when lr changes, old gradients keep their old lr. No dampening,
 *       no Nesterov.
 *   <li>Adam and AdamW {@code w -= lr sqrt(1 - b2^t) / (1 - b1^t) m / (sqrt(v) + eps)}: Kingma and Ba's
 *       "efficient version" (2015, end of section 2), where eps is added to the raw {@code sqrt(v)}; PyTorch
 *       adds it to the bias-corrected {@code sqrt(v) / sqrt(1 - b2^t)}. DJL's eps is therefore PyTorch's
 *       eps times {@code sqrt(1 - b2^t)}, about 31.6x smaller at t = 1: steps on gradients near eps are
 *       larger in PyTorch. With PyTorch's eps set to {@code eps / sqrt(1 - b2)} the first steps agree.
 *       AdamW's decoupled decay {@code w -= lr wd w} is PyTorch's. DJL's t is the largest update count of any
 *       parameter so far ({@link DjlConventionsTest}); here every parameter is updated each step, so it is each
 *       parameter's own.
 * </ul>
 * Gradients span 1e-7 to 1 in magnitude so the epsilon terms matter.
 */
class OptimizerParityTest {
    private final NDManager manager = NDManager.newBaseManager();
    private final Rng rng = new Rng(17);
    private final Dense layer = new Dense(16, 16, true, rng);
    private final List<Parameter> params = layer.parameters();

    @AfterEach
    void close() {
        manager.close();
    }

    /** A fresh gradient for every parameter, log-uniform in magnitude over [1e-7, 1], random signs. */
    private void newGradients() {
        for (Parameter p : params) {
            float[] g = p.gradBuffer().data();
            for (int i = 0; i < g.length; i++) {
                double mag = Math.pow(10, rng.uniform(-7, 0));
                g[i] = (float) (rng.nextDouble() < 0.5 ? -mag : mag);
            }
        }
    }

    /** DJL's copies of the engine's weights. */
    private NDArray[] djlWeights() {
        NDArray[] w = new NDArray[params.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = manager.create(params.get(i).value().data().clone(), shape(params.get(i)));
        }
        return w;
    }

    private void djlStep(Optimizer opt, NDArray[] w) {
        for (int i = 0; i < w.length; i++) {
            try (NDArray g = manager.create(params.get(i).grad().data().clone(), shape(params.get(i)))) {
                opt.update(params.get(i).name(), w[i], g);
            }
        }
    }

    private double weightError(NDArray[] w) {
        double worst = 0;
        for (int i = 0; i < w.length; i++) {
            worst = Math.max(worst, Rel.error(params.get(i).value().data(), w[i].toFloatArray()));
        }
        return worst;
    }

    private void report(String what, NDArray[] w) {
        System.out.println(what + " parity: weight error " + weightError(w));
    }

    private static Shape shape(Parameter p) {
        return new Shape(java.util.Arrays.stream(p.shape()).asLongStream().toArray());
    }

    @Test
    void sgdWithWeightDecayMatches() {
        NDArray[] w = djlWeights();
        var engine = new SgdConfig(0.1, 0, 0, 0.01, false).build(params);
        Optimizer djl = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).optWeightDecays(0.01f).build();
        newGradients();
        engine.step();
        djlStep(djl, w);
        report("SGD (weight decay)", w);
        assertThat(weightError(w)).isLessThan(Rel.TOLERANCE);
    }

    @Test
    void momentumMatchesWhileTheLearningRateIsConstant() {
        NDArray[] w = djlWeights();
        var engine = SgdConfig.withMomentum(0.1, 0.9).build(params);
        Optimizer djl = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).optMomentum(0.9f).build();
        for (int t = 0; t < 3; t++) {
            newGradients();
            engine.step();
            djlStep(djl, w);
        }
        report("SGD momentum (3 steps)", w);
        assertThat(weightError(w)).isLessThan(Rel.TOLERANCE);
    }

    @Test
    void momentumKeepsEachGradientsOwnLearningRateWhenItChanges() {
        float[] w0 = params.get(0).value().data().clone();
        NDArray[] w = djlWeights();
        var engine = SgdConfig.withMomentum(0.1, 0.9).build(params);
        Optimizer djl = Optimizer.sgd().setLearningRateTracker((Tracker) n -> n <= 1 ? 0.1f : 0.05f)
                .optMomentum(0.9f).build();
        newGradients();
        float[] g1 = params.get(0).grad().data().clone();
        engine.step();
        djlStep(djl, w);
        newGradients();
        float[] g2 = params.get(0).grad().data().clone();
        engine.setLr(0.05);
        engine.step();
        djlStep(djl, w);
        // DJL: s1 = 0.1 g1, s2 = 0.9 s1 + 0.05 g2, w2 = w0 - s1 - s2.  PyTorch: w2 = w0 - 0.1 g1 - 0.05 (0.9 g1 + g2).
        float[] djlRule = new float[w0.length];
        float[] torchRule = new float[w0.length];
        for (int i = 0; i < w0.length; i++) {
            double s1 = 0.1 * g1[i];
            djlRule[i] = (float) (w0[i] - s1 - (0.9 * s1 + 0.05 * g2[i]));
            torchRule[i] = (float) (w0[i] - 0.1 * g1[i] - 0.05 * (0.9 * g1[i] + g2[i]));
        }
        assertThat(Rel.error(w[0].toFloatArray(), djlRule)).isLessThan(Rel.TOLERANCE);
        assertThat(Rel.error(params.get(0).value().data(), torchRule)).isLessThan(Rel.TOLERANCE);
        assertThat(Rel.error(params.get(0).value().data(), w[0].toFloatArray())).isGreaterThan(1e-3);
    }

    @Test
    void adamFollowsTheEfficientFormWithEpsilonOnTheRawSecondMoment() {
        float[] w0 = params.get(0).value().data().clone();
        NDArray[] w = djlWeights();
        Optimizer djl = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build();
        double[] m = new double[w0.length];
        double[] v = new double[w0.length];
        double[] expected = new double[w0.length];
        for (int i = 0; i < w0.length; i++) {
            expected[i] = w0[i];
        }
        for (int t = 1; t <= 3; t++) {
            newGradients();
            float[] g = params.get(0).grad().data();
            double step = 0.01 * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
            for (int i = 0; i < w0.length; i++) {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * (double) g[i] * g[i];
                expected[i] -= step * m[i] / (Math.sqrt(v[i]) + 1e-8);
            }
            djlStep(djl, w);
        }
        float[] e = new float[w0.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) expected[i];
        }
        assertThat(Rel.error(w[0].toFloatArray(), e)).isLessThan(Rel.TOLERANCE);
    }

    @Test
    void adamStepIsPyTorchsWithEpsilonScaledBySqrtOneMinusBeta2() {
        float[] w0 = params.get(0).value().data().clone();
        NDArray[] w = djlWeights();
        newGradients();
        Optimizer djl = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build();
        djlStep(djl, w);
        // A second engine copy of the weight, stepped with PyTorch's rule and the same eps.
        Parameter sameEps = new Dense(16, 16, true, new Rng(17)).weight();
        assertThat(sameEps.value().data()).containsExactly(w0);
        System.arraycopy(params.get(0).grad().data(), 0, sameEps.gradBuffer().data(), 0, w0.length);
        AdamConfig.of(0.01).build(List.of(sameEps)).step();
        // The engine's PyTorch rule with eps' = 1e-8 / sqrt(1 - 0.999) gives DJL's first step...
        new AdamConfig(0.01, 0.9, 0.999, 1e-8 / Math.sqrt(1 - 0.999), 0, false).build(params).step();
        report("Adam (eps' = eps / sqrt(1 - beta2))", w);
        assertThat(weightError(w)).isLessThan(Rel.TOLERANCE);
        // ...and with the same eps it does not: on gradients near eps PyTorch's steps are larger.
        double updateError = Rel.error(diff(w0, w[0].toFloatArray()), diff(w0, sameEps.value().data()));
        System.out.println("Adam parity: first update with the same eps differs by " + updateError + " (relative)");
        assertThat(updateError).isGreaterThan(0.1);
    }

    @Test
    void adamWDecaysTheWeightsAsPyTorchDoes() {
        NDArray[] w = djlWeights();
        newGradients();
        Optimizer djl = Optimizer.adamW().optLearningRateTracker(Tracker.fixed(0.01f)).optWeightDecays(0.1f).build();
        djlStep(djl, w);
        new AdamWConfig(0.01, 0.9, 0.999, 1e-8 / Math.sqrt(1 - 0.999), 0.1, false).build(params).step();
        report("AdamW (eps' = eps / sqrt(1 - beta2))", w);
        assertThat(weightError(w)).isLessThan(Rel.TOLERANCE);
    }

    @Test
    void djlClipGradClampsOnlyFromAbove() {
        // DJL's PyTorch kernel applies optClipGrad(c) as grad.clamp_max_(c): -2 stays -2 (MXNet clips to [-c, c]).
        try (NDArray w = manager.create(new float[] {0, 0, 0});
             NDArray g = manager.create(new float[] {-2, 2, 0.1f})) {
            Optimizer.sgd().setLearningRateTracker(Tracker.fixed(1f)).optClipGrad(0.5f).build().update("w", w, g);
            assertThat(w.toFloatArray()).containsExactly(2f, -0.5f, -0.1f);
        }
    }

    private static float[] diff(float[] before, float[] after) {
        float[] d = new float[before.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = after[i] - before[i];
        }
        return d;
    }
}
