package io.gradguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradguard.dashboard.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * {@code gradguard train --dashboard} in headless Chromium: the page opened mid-run loads the history, then
 * updates without a reload as training goes on; the injected NaN appears in the incident timeline; the run
 * ends as finished with its diagnosis linked.
 */
@Tag("slow")
class LiveDashboardBrowserTest {
    static final String COLOURED_PIXELS = "const c = arguments[0]; const d = c.getContext('2d')"
            + ".getImageData(0, 0, c.width, c.height).data; let n = 0;"
            + "for (let i = 0; i < d.length; i += 4) { const r = d[i], g = d[i + 1], b = d[i + 2];"
            + "  if (d[i + 3] > 0 && (Math.abs(r - g) > 40 || Math.abs(g - b) > 40 || Math.abs(r - b) > 40)) n++; }"
            + "return n;";

    @TempDir
    Path tmp;

    static long lastStep(HeadlessChromium b) {
        Object v = b.js("const e = document.querySelector(\".panel[data-view='summary'] .body\");"
                + "return e && e.dataset.lastStep ? Number(e.dataset.lastStep) : -1;");
        return ((Number) v).longValue();
    }

    static String status(HeadlessChromium b) {
        return String.valueOf(b.js("const e = document.querySelector(\".panel[data-view='summary'] .body\");"
                + "return e ? (e.dataset.status || '') : '';"));
    }

    @Test
    void aLiveRunUpdatesThePageAndShowsTheInjectedIncident() throws Exception {
        try (HeadlessChromium b = HeadlessChromium.start(1400, 1000);
             BackgroundCli cli = BackgroundCli.start("train", TrainCommandTest.EXAMPLES.resolve("spirals.yaml")
                     .toString(), "--out", tmp.resolve("live").toString(), "-q", "--guard", "--inject", "nan@300",
                     "--set", "training.epochs=400", "--dashboard", "--port", "0")) {
            String url = cli.await("dashboard: (http://127\\.0\\.0\\.1:\\d+/)", Duration.ofSeconds(60));
            b.open(url);
            b.await(Duration.ofSeconds(60), "the page to load", () -> "true".equals(b.js(
                    "return document.body.dataset.ready || ''")));
            assertThat(status(b)).as("the run is still training when the page has loaded").isEqualTo("live");

            long first = lastStep(b);
            b.await(Duration.ofSeconds(60), "a live update after step " + first, () -> lastStep(b) > first);
            long second = lastStep(b);
            b.await(Duration.ofSeconds(60), "another live update after step " + second,
                    () -> lastStep(b) > second || "finished".equals(status(b)));
            assertThat(((Number) b.js("return Number(document.body.dataset.updates || 0)")).longValue())
                    .isGreaterThanOrEqualTo(2);

            b.await(Duration.ofSeconds(60), "the injected NaN in the timeline", () -> !b.driver().findElements(
                    By.cssSelector(".panel[data-view='incidents'] li.incident[data-kind='non_finite']")).isEmpty());
            b.await(Duration.ofSeconds(180), "the run to finish", () -> "finished".equals(status(b)));
            cli.await("training finished; still serving", Duration.ofSeconds(30));

            b.await(Duration.ofSeconds(30), "the page to load the finished run", () -> Boolean.TRUE.equals(b.js(
                    "const p = document.querySelector(\".panel[data-view='summary']\");"
                    + "return p.dataset.loadedVersion === p.querySelector('.body').dataset.version;")));
            WebElement loss = b.driver().findElement(By.cssSelector(".panel[data-view='loss'] .chart"));
            assertThat(Long.parseLong(loss.getAttribute("data-points"))).isGreaterThan(300);
            b.await(Duration.ofSeconds(30), "the loss curve drawn", () -> ((Number) b.js(COLOURED_PIXELS,
                    loss.findElement(By.cssSelector("canvas")))).longValue() > 500);
            WebElement heat = b.driver().findElement(By.cssSelector(".panel[data-view='heatmap'] .body"));
            assertThat(heat.getAttribute("data-layers")).isEqualTo("3");
            b.await(Duration.ofSeconds(30), "the heatmap drawn", () -> ((Number) b.js(COLOURED_PIXELS,
                    heat.findElement(By.cssSelector("canvas")))).longValue() > 10_000);

            WebElement incident = b.driver().findElement(
                    By.cssSelector("li.incident[data-kind='non_finite'][data-step='300']"));
            incident.click();
            String detail = b.driver().findElement(By.cssSelector(".panel[data-view='incidents'] .detail")).getText();
            assertThat(detail).contains("non_finite at step 300", "skip_step", "transient_fault");
            assertThat(b.console()).noneMatch(l -> l.contains("SEVERE"));
            b.screenshot("live.png");
            assertThat(cli.stop()).isZero();
            assertThat(cli.out()).containsPattern("spirals: (done|stopped early) after");
            List<String> lines = cli.out().lines().filter(l -> l.startsWith("dashboard:")).toList();
            assertThat(lines).hasSize(2);
        }
    }
}
