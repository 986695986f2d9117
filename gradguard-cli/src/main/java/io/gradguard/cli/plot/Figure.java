package io.gradguard.cli.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One PNG made of one or more charts side by side (panels), for figures that show two views of one
 * analysis: a phase diagram beside its chi_1 curves, gradient norms beside activation spreads. The charts
 * stay reachable ({@link #panels()}) so tests can check the plotted numbers.
 */
public final class Figure {
    static {
        System.setProperty("java.awt.headless", "true"); // as Png: never reach for a display
    }

    private final List<Chart<?, ?>> panels;

    private Figure(List<Chart<?, ?>> panels) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one panel, got none");
        }
        this.panels = List.copyOf(panels);
    }

    /** The charts, left to right. */
    public static Figure of(Chart<?, ?>... panels) {
        return new Figure(List.of(panels));
    }

    public List<Chart<?, ?>> panels() {
        return panels;
    }

    /** The sum of the panels' widths, in pixels. */
    public int width() {
        return panels.stream().mapToInt(Chart::getWidth).sum();
    }

    /** The tallest panel's height, in pixels. */
    public int height() {
        return panels.stream().mapToInt(Chart::getHeight).max().orElse(0);
    }

    /** The figure as PNG bytes: the panels drawn left to right on white. */
    public byte[] png() {
        if (panels.size() == 1) {
            return Png.encode(panels.get(0));
        }
        BufferedImage out = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            int x = 0;
            for (Chart<?, ?> c : panels) {
                g.drawImage(BitmapEncoder.getBufferedImage(c), x, 0, null);
                x += c.getWidth();
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(out, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode figure '" + panels.get(0).getTitle() + "' as PNG", e);
        }
        return bytes.toByteArray();
    }

    /** Writes the PNG to {@code file} atomically, creating its directory if needed. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        Png.write(file, png());
    }
}
