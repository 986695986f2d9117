package io.gradguard.cli.report;

import io.gradguard.cli.Version;
import io.gradguard.cli.plot.Figure;
import io.gradguard.cli.plot.HeatmapPlot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * The HTML report of one run directory: summary, loss and gradient-norm curves, the per-layer heatmap,
 * update ratios, weight norms, incidents with the diagnosis, the pre-flight inspection, the resolved spec
 * and the manifest, in that order.
 */
final class RunReport {
    static final List<String[]> SECTIONS = List.of(new String[] {"summary", "Summary"},
            new String[] {"loss", "Loss"}, new String[] {"gradients", "Gradient norms"},
            new String[] {"updates", "Update ratios"}, new String[] {"weights", "Weight norms"},
            new String[] {"incidents", "Incidents and diagnosis"}, new String[] {"inspection", "Inspection"},
            new String[] {"spec", "Spec"}, new String[] {"manifest", "Manifest"});

    private RunReport() {
    }

    static String render(RunData d) {
        Html h = new Html("GradGuard run " + d.name());
        h.h1("GradGuard run report: " + d.name()).nav(SECTIONS);
        summary(h, d);
        h.h2("loss", "Loss");
        chart(h, RunFigures.loss(d), "loss curves", "Training loss of every logged step and the epoch means; "
                + "validation loss at the end of each epoch. Non-finite losses are not drawn; a red line marks the "
                + "first.",
                "No steps or epochs were logged.");
        h.h2("gradients", "Gradient norms");
        chart(h, RunFigures.gradNorm(d), "gradient norm", "Global L2 norm of all gradients before any clipping "
                + "(a red line marks the first non-finite one)"
                + (d.guarded() ? "; " + d.clippedSteps() + " of " + d.steps().size() + " logged steps were clipped."
                        : "."), "No steps were logged.");
        HeatmapPlot heat = RunFigures.heatmap(d.layers("grad_norm"));
        if (heat == null) {
            h.note(unguarded(d, "per-layer gradient norms"));
        } else {
            h.figure(heat.png(), "per-layer gradient norm heatmap", "log10 of each layer's gradient norm per logged "
                    + "step, input side at the bottom; blank cells are NaN, Inf or zero. Wide runs keep the "
                    + "largest value of each block of steps, so a one-step spike stays visible.");
        }
        RunData.LayerMatrix ratios = d.layers("update_ratio");
        h.h2("updates", "Update ratios");
        chart(h, RunFigures.updateRatios(ratios), "update ratios", "log10(||W_t - W_t-1|| / ||W_t-1||) per layer on "
                + "the steps with costly statistics (guard.monitor.costly_every); near -3 is healthy, far above "
                + "means the learning rate is too high for that layer, far below that it barely learns."
                + shownNote(ratios), unguarded(d, "update ratios"));
        RunData.LayerMatrix weights = d.layers("weight_norm");
        h.h2("weights", "Weight norms");
        chart(h, RunFigures.weightNorms(weights), "weight norms", "L2 norm of each layer's parameters."
                + shownNote(weights), unguarded(d, "weight norms"));
        IncidentSection.render(h, d);
        InspectionSection.render(h, d.inspection());
        h.h2("spec", "Resolved spec (spec.yaml)").pre(d.specYaml());
        h.h2("manifest", "Manifest (manifest.json)");
        if (d.manifest().isEmpty()) {
            h.note("No manifest.json.");
        } else {
            List<List<?>> rows = new ArrayList<>();
            flatten("", d.manifest(), new LinkedHashMap<>()).forEach((k, v) -> rows.add(List.of(k, v)));
            h.table(List.of("key", "value"), rows);
        }
        return h.finish("Written by gradguard " + Version.projectVersion() + " from " + d.root()
                + " (self-contained: figures are inline PNG, no external resources).");
    }

    private static void summary(Html h, RunData d) {
        h.h2("summary", "Summary");
        double[] loss = d.stepValues("loss");
        long firstBad = -1;
        for (int i = 0; i < loss.length; i++) {
            if (!Double.isFinite(loss[i])) {
                firstBad = (long) Fmt.dbl(d.steps().get(i).get("step"));
                break;
            }
        }
        List<List<?>> rows = new ArrayList<>();
        rows.add(List.of("directory", d.root().toString()));
        rows.add(List.of("guard", d.guarded() ? "watching (per-layer statistics logged)" : "none"));
        rows.add(List.of("logged steps", d.steps().size()));
        rows.add(List.of("epochs", d.epochs().size()));
        if (loss.length > 0) {
            boolean endBad = !Double.isFinite(loss[loss.length - 1]);
            rows.add(List.of("loss", firstBad < 0 ? Html.span("ok", "finite at every logged step")
                    : Html.span("failed", (endBad ? "non-finite at the end; first at step " : "non-finite at some "
                            + "steps, finite at the end; first at step ") + firstBad)));
        }
        if (!d.epochs().isEmpty()) {
            Map<String, Object> last = d.epochs().get(d.epochs().size() - 1);
            rows.add(List.of("last epoch train loss", Fmt.dbl(last.get("train_loss"))));
            rows.add(List.of("last epoch train accuracy", Fmt.pct(Fmt.dbl(last.get("train_accuracy")))));
            rows.add(List.of("last epoch validation loss", Fmt.dbl(last.get("val_loss"))));
            rows.add(List.of("last epoch validation accuracy", Fmt.pct(Fmt.dbl(last.get("val_accuracy")))));
        }
        if (d.guarded()) {
            rows.add(List.of("clipped steps", d.clippedSteps()));
            rows.add(List.of("skipped steps", d.steps().stream().filter(s -> "skip_step".equals(s.get("action"))).count()));
            rows.add(List.of("incidents", IncidentSection.countsByKind(d.incidents())));
        }
        h.table(List.of("run", d.name()), rows);
    }

    private static void chart(Html h, XYChart c, String alt, String caption, String missing) {
        if (c == null) {
            h.note(missing);
        } else {
            h.figure(Figure.of(c).png(), alt, caption);
        }
    }

    private static String unguarded(RunData d, String what) {
        return d.guarded() ? "The guard logged no " + what + " in this run."
                : "No " + what + ": the run was not guarded (train with --guard or a guard: section to log them).";
    }

    private static String shownNote(RunData.LayerMatrix m) {
        int n = m.layers().size();
        return n > RunFigures.MAX_LINES ? " " + RunFigures.MAX_LINES + " of " + n + " layers shown, evenly spaced from "
                + "input to output: " + String.join(", ", RunFigures.names(m)) + "." : "";
    }

    /** Nested maps as dotted keys ({@code jvm.version}); other values compact. */
    static Map<String, String> flatten(String prefix, Map<?, ?> m, Map<String, String> out) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
            if (e.getValue() instanceof Map<?, ?> sub) {
                flatten(k, sub, out);
            } else {
                out.put(k, Fmt.compact(e.getValue(), 20));
            }
        }
        return out;
    }
}
