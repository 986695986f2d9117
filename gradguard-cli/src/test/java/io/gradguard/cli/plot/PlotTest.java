package io.gradguard.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotTest {
    @TempDir
    Path tmp;

    @Test
    void linePlotDrawsCurvesAndSkipsNonFinitePoints() throws IOException {
        double[] loss = {2.0, 1.0, 0.5, Double.NaN, 0.2, Double.POSITIVE_INFINITY, 0.1};
        LinePlot plot = new LinePlot("loss", "step", "loss").logY().add(Series.of("train", loss))
                .add(Series.of("val", new double[] {2.2, 1.3, 0.7, 0.5, 0.4, 0.35, 0.3})).hline("target", 0.25);
        assertThat(plot.chart().getSeriesMap()).containsKeys("train", "val", "target");
        assertThat(plot.chart().getSeriesMap().get("train").getXData()).hasSize(5);
        BufferedImage img = decode(plot.size(640, 400).png());
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(400);
        assertThat(colours(img)).as("a drawn chart has many colours, a blank one has one").isGreaterThan(20);
    }

    @Test
    void aSeriesWithNoDrawablePointSaysSoInItsTitle() {
        LinePlot plot = new LinePlot("norm", "step", "||g||").logY().add(Series.of("g", new double[] {0, Double.NaN}));
        assertThat(plot.chart().getTitle()).isEqualTo("norm (no finite data)");
        assertThat(plot.png()).isNotEmpty();
    }

    @Test
    void heatmapKeepsASpikeWhenItReducesColumns() throws IOException {
        int steps = 1000;
        double[][] v = new double[3][steps];
        long[] s = new long[steps];
        for (int c = 0; c < steps; c++) {
            s[c] = c;
            for (int r = 0; r < 3; r++) {
                v[r][c] = Math.pow(10, r);
            }
        }
        v[1][501] = 1e6;
        HeatmapPlot plot = new HeatmapPlot("grad norm", List.of("layers.0", "layers.1", "layers.2"), s, v).maxColumns(100);
        var chart = plot.chart();
        var series = chart.getSeriesMap().values().iterator().next();
        assertThat(series.getXData()).hasSize(100);
        // block 50 holds steps 500..509: its cell for layer 1 is the spike, log10(1e6) = 6
        List<Number[]> cells = List.copyOf(series.getHeatData());
        assertThat(cells).anySatisfy(cell -> {
            assertThat(cell[0].intValue()).isEqualTo(50);
            assertThat(cell[1].intValue()).isEqualTo(1);
            assertThat(cell[2].doubleValue()).isEqualTo(6.0);
        });
        assertThat(colours(decode(plot.png()))).isGreaterThan(5);
    }

    @Test
    void shapesThatDoNotMatchAreNamed() {
        assertThatThrownBy(() -> new HeatmapPlot("g", List.of("a"), new long[] {0, 1}, new double[][] {{1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0 ('a') has 1 values")
                .hasMessageContaining("2 steps");
        assertThatThrownBy(() -> new Series("s", new double[2], new double[3]))
                .hasMessageContaining("series 's' has 2 x values but 3 y values");
    }

    @Test
    void writesAtomicallyAndAsDataUri() throws IOException {
        byte[] png = new LinePlot("t", "x", "y").add(Series.of("a", new double[] {1, 2})).png();
        Path f = tmp.resolve("a.png");
        Png.write(f, png);
        assertThat(Files.readAllBytes(f)).isEqualTo(png);
        assertThat(Png.dataUri(png)).startsWith("data:image/png;base64,iVBORw0KGgo");
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private static int colours(BufferedImage img) {
        Set<Integer> c = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                c.add(img.getRGB(x, y));
            }
        }
        return c.size();
    }
}
