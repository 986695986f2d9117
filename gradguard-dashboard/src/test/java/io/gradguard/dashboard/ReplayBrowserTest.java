package io.gradguard.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradguard.dashboard.data.RunStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A replayed run in headless Chromium: charts, heatmap, incidents with their diagnosis, inspection, spec. */
@Tag("slow")
class ReplayBrowserTest {
    /** Coloured (not grey) pixels of a canvas: drawn data, not axes, grid or background. */
    static final String COLOURED_PIXELS = "const c = arguments[0]; const d = c.getContext('2d')"
            + ".getImageData(0, 0, c.width, c.height).data; let n = 0;"
            + "for (let i = 0; i < d.length; i += 4) { const r = d[i], g = d[i + 1], b = d[i + 2];"
            + "  if (d[i + 3] > 0 && (Math.abs(r - g) > 40 || Math.abs(g - b) > 40 || Math.abs(r - b) > 40)) n++; }"
            + "return n;";

    @TempDir
    Path tmp;

    static long number(Object o) {
        return Long.parseLong(String.valueOf(o));
    }

    static WebElement panel(HeadlessChromium b, String view) {
        return b.driver().findElement(By.cssSelector(".panel[data-view='" + view + "']"));
    }

    static long colouredPixels(HeadlessChromium b, WebElement canvas) {
        return number(b.js(COLOURED_PIXELS, canvas));
    }

    static void awaitReady(HeadlessChromium b) {
        b.await(Duration.ofSeconds(60), "the page to load its runs",
                () -> "true".equals(b.js("return document.body.dataset.ready || ''")));
    }

    @Test
    void aReplayedRunShowsChartsHeatmapIncidentsAndInspection() throws Exception {
        RunFixture fixture = new RunFixture(tmp.resolve("bad-init"), 3000, 8);
        Path run = fixture.write();
        try (Dashboard d = Dashboard.start(DashboardConfig.local(0), List.of(run), RunStatus.REPLAY);
             HeadlessChromium b = HeadlessChromium.start(1400, 1000)) {
            b.open(d.url().toString());
            awaitReady(b);

            WebElement loss = panel(b, "loss").findElement(By.cssSelector(".chart"));
            // Downsampled to at most two points (a bucket's extremes) per pixel column of the chart.
            assertThat(number(loss.getAttribute("data-points"))).isBetween(300L, 2L * loss.getSize().getWidth());
            assertThat(number(loss.getAttribute("data-series"))).isEqualTo(3);
            assertThat(number(loss.getAttribute("data-nonfinite"))).isEqualTo(1);
            assertThat(colouredPixels(b, loss.findElement(By.cssSelector("canvas")))).isGreaterThan(500);

            WebElement grad = panel(b, "grad").findElement(By.cssSelector(".chart"));
            assertThat(number(grad.getAttribute("data-series"))).isEqualTo(2);
            // The spike (3 x 1e6 at one step of 3000) survives downsampling to about 2,000 points.
            assertThat(Double.parseDouble(grad.getAttribute("data-ymax"))).isEqualTo(3e6);

            WebElement heat = panel(b, "heatmap").findElement(By.cssSelector(".body"));
            assertThat(heat.getAttribute("data-layers")).isEqualTo("8");
            assertThat(number(heat.getAttribute("data-cells"))).isGreaterThan(8L * 500);
            assertThat(number(heat.getAttribute("data-nonfinite"))).isEqualTo(8);
            assertThat(colouredPixels(b, heat.findElement(By.cssSelector("canvas.heatmap")))).isGreaterThan(50_000);

            for (String view : List.of("update", "weights", "dead")) {
                WebElement c = panel(b, view).findElement(By.cssSelector(".chart"));
                assertThat(number(c.getAttribute("data-series"))).as(view).isEqualTo(8);
                assertThat(colouredPixels(b, c.findElement(By.cssSelector("canvas")))).as(view).isGreaterThan(500);
            }

            List<WebElement> incidents = panel(b, "incidents").findElements(By.cssSelector("li.incident"));
            assertThat(incidents).extracting(e -> e.getAttribute("data-kind"))
                    .containsExactly("depth_explosion", "non_finite");
            incidents.get(1).click();
            String detail = panel(b, "incidents").findElement(By.cssSelector(".detail")).getText();
            assertThat(detail).contains("non_finite at step " + fixture.nanStep, "skip_step", "step skipped",
                    "bad_init_scale", "set model.init: he_normal", "<script>alert(1)</script>");
            assertThat(b.js("return document.querySelectorAll('main script').length")).isEqualTo(0L);

            WebElement inspection = panel(b, "inspection");
            assertThat(inspection.findElements(By.cssSelector("table tr"))).hasSize(9);
            assertThat(inspection.getText()).contains("exploding");
            assertThat(panel(b, "spec").getText()).contains("name: fixture");
            assertThat(panel(b, "manifest").getText()).contains("\"seed\": 1");

            assertThat(b.console()).noneMatch(l -> l.contains("SEVERE"));
            b.screenshot("replay.png");
        }
    }

    @Test
    void aHundredThousandStepRunIsDrawnDownsampledWithItsSpike() throws Exception {
        Path run = RunFixture.writeLong(tmp.resolve("long"), 100_000, 61_234);
        try (Dashboard d = Dashboard.start(DashboardConfig.local(0), List.of(run), RunStatus.REPLAY);
             HeadlessChromium b = HeadlessChromium.start(1400, 1000)) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpRequest runs = java.net.http.HttpRequest.newBuilder(d.url().resolve("/api/runs/long"))
                    .build();
            b.await(Duration.ofSeconds(60), "the server to read 100,000 steps", () -> {
                try {
                    return http.send(runs, java.net.http.HttpResponse.BodyHandlers.ofString()).body()
                            .contains("\"steps\":100000,");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            b.open(d.url().toString());
            awaitReady(b);
            WebElement grad = panel(b, "grad").findElement(By.cssSelector(".chart"));
            assertThat(number(grad.getAttribute("data-points"))).isBetween(300L, 2L * grad.getSize().getWidth());
            assertThat(Double.parseDouble(grad.getAttribute("data-ymax"))).isEqualTo(2e6);
            WebElement heat = panel(b, "heatmap").findElement(By.cssSelector(".body"));
            assertThat(number(heat.getAttribute("data-columns"))).isBetween(500L, 1024L);
            assertThat(panel(b, "incidents").findElements(By.cssSelector("li.incident[data-kind='norm_spike']")))
                    .hasSize(1);
            assertThat(b.console()).noneMatch(l -> l.contains("SEVERE"));
        }
    }
}
