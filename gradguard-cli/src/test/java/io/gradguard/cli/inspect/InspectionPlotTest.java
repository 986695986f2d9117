package io.gradguard.cli.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradguard.cli.Main;
import io.gradguard.cli.plot.Figure;
import io.gradguard.cli.run.RunFactory;
import io.gradguard.cli.run.RunPlan;
import io.gradguard.cli.spec.RunSpec;
import io.gradguard.cli.spec.SpecParser;
import io.gradguard.nn.Parameter;
import io.gradguard.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class InspectionPlotTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    /** A small net with batch norm (running statistics) and dropout (masks), on two-class spirals. */
    static final String BN_SPEC = """
            name: bn
            seed: 3
            model:
              input: 2
              layers:
                - dense: 16
                - batchnorm
                - relu
                - dropout: 0.2
                - dense: 2
            data: {name: spirals, samples: 200, classes: 2, noise: 0.1}
            loss: cross_entropy
            optimizer: {name: sgd, lr: 0.1}
            training: {epochs: 1, batch_size: 32}
            """;

    @Test
    void plotOptionWritesBothPanelsAtTheirSize(@TempDir Path tmp) throws IOException {
        Path png = tmp.resolve("profile.png");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new PrintWriter(o, true), new PrintWriter(e, true), "inspect",
                EXAMPLES.resolve("deep-relu-bad-init.yaml").toString(), "--batches", "1", "--strict", "--plot",
                png.toString());
        assertThat(code).as(e.toString()).isEqualTo(1); // --strict: predicted to explode, the plot still written
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(2 * InspectionPlot.PANEL_WIDTH);
        assertThat(img.getHeight()).isEqualTo(InspectionPlot.PANEL_HEIGHT);
    }

    @Test
    void seriesHoldTheInspectedNormsAndSpreadsByDepth() {
        RunSpec spec = SpecParser.parse(EXAMPLES.resolve("deep-relu-bad-init.yaml"), List.of());
        RunPlan plan = RunFactory.build(spec, EXAMPLES);
        Inspection in = PlanInspection.of(spec, plan, 1);
        Figure f = InspectionPlot.of(in);
        XYChart grads = (XYChart) f.panels().get(0);
        XYChart spread = (XYChart) f.panels().get(1);
        List<LayerRow> dense = in.layers().stream().filter(LayerRow::hasParams).toList();
        List<LayerRow> relu = in.layers().stream().filter(r -> !r.hasParams()).toList();
        assertThat(dense).hasSize(21);
        XYSeries w = grads.getSeriesMap().get(InspectionPlot.WEIGHT);
        XYSeries b = grads.getSeriesMap().get(InspectionPlot.BIAS);
        XYSeries z = grads.getSeriesMap().get(InspectionPlot.OUTPUT);
        XYSeries layerStd = spread.getSeriesMap().get(InspectionPlot.LAYER_STD);
        XYSeries actStd = spread.getSeriesMap().get(InspectionPlot.ACTIVATION_STD);
        for (int k = 0; k < 21; k++) {
            assertThat(w.getXData()[k]).isEqualTo(k + 1.0);
            assertThat(w.getYData()[k]).isEqualTo(dense.get(k).weightGradNorm());
            assertThat(b.getYData()[k]).isEqualTo(dense.get(k).biasGradNorm());
            assertThat(z.getYData()[k]).isEqualTo(dense.get(k).outGradNorm());
            assertThat(layerStd.getYData()[k]).isEqualTo(dense.get(k).actStd());
        }
        // ReLU k follows dense layer k: same depth.
        for (int k = 0; k < 20; k++) {
            assertThat(actStd.getXData()[k]).isEqualTo(k + 1.0);
            assertThat(actStd.getYData()[k]).isEqualTo(relu.get(k).actStd());
        }
        // normal(std=1), fan_in 64: the output spread grows by about sqrt(64/2) = 5.7 per layer, so a log axis.
        assertThat(spread.getStyler().isYAxisLogarithmic()).isTrue();
        assertThat(layerStd.getYData()[20] / layerStd.getYData()[0]).isGreaterThan(1e10);
    }

    @Test
    void inspectingAPlanLeavesItsWeightsAndRunningStatisticsAsTheyWere(@TempDir Path tmp) throws IOException {
        Path specFile = tmp.resolve("bn.yaml");
        java.nio.file.Files.writeString(specFile, BN_SPEC);
        RunSpec spec = SpecParser.parse(specFile, List.of());
        // The bare Inspector runs batch norm in training mode, which moves its running statistics ...
        RunPlan bare = RunFactory.build(spec, tmp);
        Map<String, float[]> before = state(bare);
        Inspector.inspect("bn", bare.model(), bare.loss(), List.of(firstBatch(bare)), null, bare.rng());
        assertThat(changed(before, state(bare))).contains("layers.1.running_mean");
        // ... PlanInspection puts them back and leaves no gradient behind.
        RunPlan plan = RunFactory.build(spec, tmp);
        Map<String, float[]> initial = state(plan);
        PlanInspection.of(spec, plan, 3);
        assertThat(changed(initial, state(plan))).isEmpty();
        for (Parameter p : plan.model().parameters()) {
            assertThat(p.grad() == null || isZero(p.grad())).as(p.name()).isTrue();
        }
    }

    private static io.gradguard.data.DataLoader.Batch firstBatch(RunPlan p) {
        return new io.gradguard.data.DataLoader(p.train(), 32, false, false, p.rng().fork("shuffle")).epoch(0).next();
    }

    private static Map<String, float[]> state(RunPlan p) {
        Map<String, float[]> m = new LinkedHashMap<>();
        p.model().namedParameters().forEach((k, v) -> m.put(k, v.value().data().clone()));
        p.model().namedBuffers().forEach((k, v) -> m.put(k, v.data().clone()));
        return m;
    }

    private static List<String> changed(Map<String, float[]> a, Map<String, float[]> b) {
        List<String> out = new ArrayList<>();
        a.forEach((k, v) -> {
            if (!java.util.Arrays.equals(v, b.get(k))) {
                out.add(k);
            }
        });
        return out;
    }

    private static boolean isZero(Tensor t) {
        for (float v : t.data()) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }
}
