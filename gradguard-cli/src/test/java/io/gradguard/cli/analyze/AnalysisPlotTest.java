package io.gradguard.cli.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradguard.analysis.ChainRule;
import io.gradguard.analysis.MeanField;
import io.gradguard.analysis.Phi;
import io.gradguard.analysis.SigmoidWindow;
import io.gradguard.autograd.Activation;
import io.gradguard.cli.plot.Figure;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class AnalysisPlotTest {
    @TempDir
    Path tmp;

    @Test
    void sigmoidWindowPlotIsWrittenBesideTheTableAndHoldsTheWidths() throws IOException {
        Path png = tmp.resolve("figs/window.png");
        Cli r = Cli.run("analyze", "sigmoid-window", "--w-max", "12", "--plot", png.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("widest window:", "plot: " + png);
        assertSize(png, Figures.WIDTH, Figures.HEIGHT);

        SigmoidWindow.Peak peak = SigmoidWindow.peak();
        double[] ws = {4, 5, 6.9, 8, 12};
        double[] numeric = new double[ws.length];
        for (int i = 0; i < ws.length; i++) {
            SigmoidWindow.Interval n = SigmoidWindow.numerical(ws[i], 0);
            numeric[i] = n == null ? 0 : n.width();
        }
        XYChart c = chart(Figures.sigmoidWindow(ws, numeric, 12, peak), 0);
        XYSeries closed = c.getSeriesMap().get(Figures.CLOSED);
        assertThat(closed.getXData()).hasSize(Figures.SAMPLES);
        assertThat(closed.getXData()[0]).isEqualTo(4.0);
        assertThat(closed.getXData()[Figures.SAMPLES - 1]).isEqualTo(12.0);
        for (int i = 0; i < Figures.SAMPLES; i += 40) {
            assertThat(closed.getYData()[i]).isEqualTo(SigmoidWindow.width(closed.getXData()[i]));
        }
        // The bisection points lie on the closed-form curve (they agree to 1e-9 in SigmoidWindowTest).
        XYSeries num = c.getSeriesMap().get(Figures.NUMERICAL);
        assertThat(num.getYData()).hasSize(5);
        for (int i = 0; i < ws.length; i++) {
            assertThat(num.getYData()[i]).isCloseTo(SigmoidWindow.width(ws[i]), within(1e-9));
        }
        // The widest window, 0.4477 at |w| = 6.894 (README; the seeds say about 0.45 at 6.9), is marked.
        XYSeries widest = c.getSeriesMap().get("widest: 0.4477 at |w| = 6.894");
        assertThat(widest).isNotNull();
        assertThat(widest.getXData()[1]).isCloseTo(6.894, within(1e-3));
        assertThat(widest.getYData()[1]).isCloseTo(0.4477, within(1e-4));
    }

    @Test
    void chainPlotHoldsEachFactorAndTheRunningProduct() throws IOException {
        Path png = tmp.resolve("chain.png");
        Cli r = Cli.run("analyze", "chain", "--depth", "6", "--weights", "6", "--x", "0", "--json", "--plot",
                png.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("plot:");
        JsonNode layers = new ObjectMapper().readTree(r.out()).get("layers");
        assertThat(layers).hasSize(6);
        assertSize(png, Figures.WIDTH, Figures.HEIGHT);

        float[] w = {6, 6, 6, 6, 6, 6};
        ChainRule.Result result = ChainRule.analyze(new ChainRule.Chain(new Activation.Sigmoid(), w, new float[6], 0, 1));
        XYChart c = chart(Figures.chain(result, "sigmoid"), 0);
        double[] f = c.getSeriesMap().get(Figures.FACTOR).getYData();
        double[] p = c.getSeriesMap().get(Figures.PRODUCT).getYData();
        for (int j = 0; j < 6; j++) {
            assertThat(f[j]).isEqualTo(Math.abs(layers.get(j).get("factor").asDouble()));
            assertThat(p[j]).isEqualTo(Math.abs(layers.get(j).get("running_product").asDouble()));
        }
        // Layer 1's factor is sigma'(0) = 1/4 (x = 0, b = 0).
        assertThat(f[0]).isEqualTo(0.25);
        assertThat(c.getSeriesMap()).containsKey("1 (break-even)");
    }

    @Test
    void activationsPlotDrawsEveryDerivative() throws IOException {
        Path png = tmp.resolve("act.png");
        Cli r = Cli.run("analyze", "activations", "--plot", png.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertSize(png, Figures.WIDTH, Figures.HEIGHT);

        XYChart c = chart(Figures.activations(Phi.ALL), 0);
        for (Activation a : Phi.ALL) {
            XYSeries s = c.getSeriesMap().get(a.name());
            assertThat(s).as(a.name()).isNotNull();
            for (int i = 0; i < Figures.SAMPLES; i += 25) {
                assertThat(s.getYData()[i]).isEqualTo(Phi.derivative(a, s.getXData()[i]));
            }
        }
        // The grid's middle point is x = 0, where sigmoid' = 1/4 and tanh' = 1: their maxima.
        int mid = Figures.SAMPLES / 2;
        assertThat(c.getSeriesMap().get("sigmoid").getXData()[mid]).isEqualTo(0.0);
        assertThat(max(c.getSeriesMap().get("sigmoid").getYData())).isEqualTo(0.25);
        assertThat(max(c.getSeriesMap().get("tanh").getYData())).isEqualTo(1.0);
    }

    @Test
    void meanFieldPlotDrawsTheCriticalLineAndChiCurves() throws IOException {
        // Sigmoid: its phase diagram takes about a second (tanh about 8 s, ReLU's near-critical fixed points 15 s).
        Path png = tmp.resolve("mf.png");
        Cli r = Cli.run("analyze", "mean-field", "--activation", "sigmoid", "--critical", "--plot", png.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertSize(png, 2 * MeanFieldFigure.PANEL_WIDTH, MeanFieldFigure.PANEL_HEIGHT);

        MeanField theory = new MeanField(new Activation.Sigmoid());
        PhaseDiagram d = PhaseDiagram.compute(theory);
        Figure fig = MeanFieldFigure.of(d, List.of(new MeanFieldFigure.Mark("critical", d.critical()[1], 0.05)));
        XYSeries line = chart(fig, 0).getSeriesMap().get(MeanFieldFigure.CRITICAL);
        assertThat(line.getXData()).hasSize(PhaseDiagram.ROWS + PhaseDiagram.FINE_B2.length);
        assertThat(line.getYData()[0]).isEqualTo(0.0);
        assertThat(line.getYData()[line.getYData().length - 1]).isCloseTo(0.5, within(1e-12));
        for (int i = 0; i < line.getXData().length; i++) {
            // Every point of the line is critical: chi_1 = 1 there (Schoenholz et al. 2017, eq. 5).
            assertThat(theory.at(line.getXData()[i], line.getYData()[i]).chi1()).isCloseTo(1.0, within(1e-6));
        }
        // The grid rows' points are the table's critical column.
        assertThat(line.getXData()).contains(d.critical()[0], d.critical()[10]);
        // Sigmoid needs sigma_w^2 near 103 (its phi' <= 1/4 must be made up by the weights).
        assertThat(d.critical()[0]).isBetween(100.0, 106.0);
        assertThat(chart(fig, 0).getSeriesMap()).containsKey("critical");
        XYChart curves = chart(fig, 1);
        for (int row : MeanFieldFigure.CURVE_ROWS) {
            XYSeries s = curves.getSeriesMap().get(MeanFieldFigure.curveName(d.sigmaB2()[row]));
            for (int i = 0; i < s.getXData().length; i++) {
                assertThat(s.getXData()[i]).isEqualTo(d.sigmaW2()[i]);
                assertThat(s.getYData()[i]).isEqualTo(d.chi1()[row][i])
                        .isEqualTo(theory.at(d.sigmaW2()[i], d.sigmaB2()[row]).chi1());
            }
        }
    }

    static XYChart chart(Figure f, int panel) {
        return (XYChart) f.panels().get(panel);
    }

    static void assertSize(Path png, int width, int height) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as("decodable PNG " + png).isNotNull();
        assertThat(img.getWidth()).isEqualTo(width);
        assertThat(img.getHeight()).isEqualTo(height);
    }

    private static double max(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
