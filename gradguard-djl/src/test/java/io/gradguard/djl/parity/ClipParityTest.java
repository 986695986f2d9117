package io.gradguard.djl.parity;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.gradguard.djl.DjlParameters;
import io.gradguard.guard.ParamView;
import io.gradguard.guard.clip.ClipPolicy;
import io.gradguard.guard.clip.ClipResult;
import io.gradguard.guard.clip.Clipper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard's global-norm clipping against libtorch's {@code clip_grad_norm_} on gradients libtorch computed.
 * DJL exposes no {@code clip_grad_norm_}, so its algorithm runs here in DJL's NDArray ops, as
 * {@code torch/nn/utils/clip_grad.py} writes it: {@code total = vector_norm(stack([vector_norm(g, p) for g in
 * grads]), p)}, {@code coef = clamp(max_norm / (total + 1e-6), max=1)}, {@code g *= coef}.
 */
class ClipParityTest {
    private static final float MAX_NORM = 0.05f;

    /** libtorch gradients of a 4-8-8-3 tanh MLP on one batch, with their PyTorch-style names. */
    private static List<ParamView> gradients(Model model, List<NDArray> libtorchGrads) {
        SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(8).build()).add(Activation.tanhBlock())
                .add(Linear.builder().setUnits(8).build()).add(Activation.tanhBlock())
                .add(Linear.builder().setUnits(3).build());
        model.setBlock(net);
        Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()));
        trainer.initialize(new Shape(5, 4));
        NDManager m = trainer.getManager();
        NDArray x = m.randomNormal(0, 3, new Shape(5, 4), ai.djl.ndarray.types.DataType.FLOAT32);
        NDArray y = m.create(new float[] {0, 1, 2, 1, 0});
        try (GradientCollector c = trainer.newGradientCollector()) {
            c.backward(trainer.getLoss().evaluate(new NDList(y), trainer.forward(new NDList(x), new NDList(y))));
        }
        List<ParamView> views = new ArrayList<>();
        for (DjlParameters.Named p : DjlParameters.of(net)) {
            NDArray g = p.parameter().getArray().getGradient();
            libtorchGrads.add(g);
            long[] s = g.getShape().getShape();
            views.add(ParamView.of(p.name(), java.util.Arrays.stream(s).mapToInt(Math::toIntExact).toArray(),
                    p.parameter().getArray().toFloatArray(), g.toFloatArray()));
        }
        return views;
    }

    @ParameterizedTest
    @ValueSource(doubles = {2.0, 1.0, Double.POSITIVE_INFINITY})
    void totalNormAndClippedGradientsMatchClipGradNorm(double normType) {
        ai.djl.engine.Engine.getInstance().setRandomSeed(7);
        try (Model model = Model.newInstance("clip")) {
            List<NDArray> torch = new ArrayList<>();
            List<ParamView> views = gradients(model, torch);
            Function<NDArray, NDArray> norm = normType == 2.0 ? NDArray::norm
                    : normType == 1.0 ? g -> g.abs().sum() : g -> g.abs().max();
            NDList norms = new NDList();
            torch.forEach(g -> norms.add(norm.apply(g)));
            NDArray total = norm.apply(NDArrays.stack(norms));
            float coef = Math.min(MAX_NORM / (total.getFloat() + 1e-6f), 1f);
            torch.forEach(g -> g.muli(coef));

            ClipResult guard = new Clipper(new ClipPolicy.GlobalNorm(MAX_NORM, normType, false)).clip(views);

            System.out.println("clip_grad_norm_ parity (norm_type " + normType + "): total norm error "
                    + Rel.error(guard.totalNorm(), total.getFloat()));
            assertThat(guard.clipped()).as("the batch's gradients exceed max_norm").isTrue();
            assertThat(Rel.error(guard.totalNorm(), total.getFloat())).isLessThan(Rel.TOLERANCE);
            for (int i = 0; i < views.size(); i++) {
                assertThat(Rel.error(views.get(i).grad(), torch.get(i).toFloatArray())).as(views.get(i).name())
                        .isLessThan(Rel.TOLERANCE);
            }
        }
    }

    @Test
    void squaresThatOverflowFloat32StayFiniteInTheGuardOnly() {
        // 100 gradients of 1e20: the sum of squares, 1e42, is beyond float32 (3.4e38). libtorch's float32 norm
        // overflows to Inf (so clip_grad_norm_ would zero every gradient); the guard accumulates squares in
        // double and clips to the true norm 1e21: the deliberate difference ClipPolicy.GlobalNorm documents.
        float[] g = new float[100];
        java.util.Arrays.fill(g, 1e20f);
        try (NDManager m = NDManager.newBaseManager(); NDArray t = m.create(g)) {
            double torch = t.norm().getFloat();
            ClipResult guard = new Clipper(new ClipPolicy.GlobalNorm(1.0))
                    .clip(List.of(ParamView.of("w", new int[] {100}, new float[100], g.clone())));
            System.out.println("norm of 100 x 1e20: libtorch " + torch + ", guard " + guard.totalNorm());
            assertThat(torch).isInfinite();
            assertThat(Rel.error(guard.totalNorm(), 1e21)).isLessThan(1e-6);
        }
    }
}
