package io.gradguard.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureTest {
    @Test
    void panelsSitSideBySideInOnePng(@TempDir Path tmp) throws IOException {
        var left = new LinePlot("a", "x", "y").size(300, 200).add(Series.of("a", new double[] {1, 3, 2})).chart();
        var right = new LinePlot("b", "x", "y").size(400, 250).add(Series.of("b", new double[] {2, 1, 4})).chart();
        Figure f = Figure.of(left, right);
        assertThat(f.width()).isEqualTo(700);
        assertThat(f.height()).isEqualTo(250);
        Path file = tmp.resolve("sub/dir/f.png");
        f.write(file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img.getWidth()).isEqualTo(700);
        assertThat(img.getHeight()).isEqualTo(250);
        // The right panel starts at x = 300 and is drawn (many colours); below the shorter left panel is white.
        assertThat(colours(img.getSubimage(300, 0, 400, 250))).isGreaterThan(10);
        assertThat(img.getRGB(10, 240) & 0xffffff).isEqualTo(0xffffff);
        BufferedImage one = ImageIO.read(new ByteArrayInputStream(Figure.of(left).png()));
        assertThat(one.getWidth()).isEqualTo(300);
    }

    private static int colours(BufferedImage img) {
        java.util.Set<Integer> c = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                c.add(img.getRGB(x, y));
            }
        }
        return c.size();
    }

    @Test
    void aFigureNeedsAPanel() {
        assertThatThrownBy(Figure::of).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a figure needs at least one panel, got none");
    }
}
