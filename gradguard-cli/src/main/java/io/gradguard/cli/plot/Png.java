package io.gradguard.cli.plot;

import io.gradguard.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** PNG output of a chart: bytes, an atomically written file, or a {@code data:} URI for self-contained HTML. */
public final class Png {
    static {
        // Charts are drawn off-screen; never try to reach a display.
        System.setProperty("java.awt.headless", "true");
    }

    private Png() {
    }

    static byte[] encode(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot encode chart '" + chart.getTitle() + "' as PNG", e);
        }
    }

    /** Writes {@code png} to {@code file} atomically (temp file, fsync, rename). */
    public static void write(Path file, byte[] png) throws IOException {
        AtomicFiles.write(file, png);
    }

    /** {@code data:image/png;base64,...}, for an {@code <img src>} that needs no other file. */
    public static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }
}
