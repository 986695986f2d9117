package io.gradguard.cli.run;

import io.gradguard.cli.guard.GuardReport;
import io.gradguard.guard.GuardSummary;
import io.gradguard.guard.IncidentRecord;
import io.gradguard.guard.clip.ClipPolicy;
import io.gradguard.guard.detect.IncidentKind;
import io.gradguard.nn.Parameter;
import io.gradguard.train.EpochMetrics;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The demo's side-by-side account of an unguarded and a guarded run. */
public final class DemoReport {
    private static final String ROW = "%-26s %-30s %s%n";

    private DemoReport() {
    }

    public static String render(RunSession.Outcome unguarded, RunSession.Outcome guarded, ClipPolicy clip) {
        StringBuilder sb = new StringBuilder();
        String clipText = clip instanceof ClipPolicy.GlobalNorm g
                ? "global-norm clip " + fmt(g.maxNorm()) : clip.getClass().getSimpleName();
        sb.append(String.format(Locale.ROOT, "%n" + ROW, "", "UNGUARDED", "GUARDED (" + clipText + ")"));
        int n = Math.max(unguarded.epochs().size(), guarded.epochs().size());
        for (int i = 0; i < n; i++) {
            sb.append(String.format(Locale.ROOT, ROW, "epoch " + (i + 1) + " train loss",
                    loss(unguarded.epochs(), i), loss(guarded.epochs(), i)));
        }
        sb.append(String.format(Locale.ROOT, ROW, "outcome", outcome(unguarded), outcome(guarded)));
        sb.append(String.format(Locale.ROOT, ROW, "validation accuracy", accuracy(unguarded), accuracy(guarded)));
        sb.append(String.format(Locale.ROOT, ROW, "weights", weights(unguarded), weights(guarded)));
        GuardSummary s = guarded.guard().summary();
        sb.append(String.format(Locale.ROOT, ROW, "incidents", "(no guard watching)", kinds(s)));
        sb.append(String.format(Locale.ROOT, ROW, "steps clipped / skipped", "-", s.clipped() + " / " + s.skipped()));
        sb.append(System.lineSeparator()).append("What the guard saw (first incident of each kind):").append(System.lineSeparator());
        Map<IncidentKind, IncidentRecord> first = new EnumMap<>(IncidentKind.class);
        for (IncidentRecord r : guarded.incidents()) {
            first.putIfAbsent(r.incident().kind(), r);
        }
        if (first.isEmpty()) {
            sb.append("  nothing: the run was healthy").append(System.lineSeparator());
        }
        for (IncidentRecord r : first.values()) {
            sb.append(GuardReport.line(r)).append(System.lineSeparator());
        }
        List<io.gradguard.guard.diagnose.Diagnosis> diagnoses = guarded.diagnoses();
        sb.append(System.lineSeparator()).append("Diagnosis (why, and what to change):").append(System.lineSeparator());
        sb.append(diagnoses.isEmpty() ? "  no cause found" : io.gradguard.guard.diagnose.DiagnosisReport.render(diagnoses))
                .append(System.lineSeparator());
        sb.append(System.lineSeparator()).append("Run directories: ").append(unguarded.dir().root()).append(" and ")
                .append(guarded.dir().root()).append(" (metrics.jsonl, incidents.jsonl, checkpoints/)");
        return sb.toString();
    }

    private static String loss(List<EpochMetrics> epochs, int i) {
        return i < epochs.size() ? fmt(epochs.get(i).trainLoss()) : "(stopped)";
    }

    static String outcome(RunSession.Outcome o) {
        if (o.result().diverged()) {
            return o.firstNonFiniteStep() >= 0 ? "DIVERGED: loss non-finite at step " + o.firstNonFiniteStep()
                    : "DIVERGED: weights non-finite";
        }
        if (o.result().stopped()) {
            return "halted by the guard at step " + o.result().steps();
        }
        List<EpochMetrics> e = o.epochs();
        if (e.size() >= 2 && e.get(e.size() - 1).trainLoss() < e.get(0).trainLoss()) {
            return "converging: loss x" + fmt(e.get(e.size() - 1).trainLoss() / e.get(0).trainLoss());
        }
        return "completed";
    }

    private static String accuracy(RunSession.Outcome o) {
        EpochMetrics last = o.result().last();
        return last == null || Double.isNaN(last.valAccuracy()) ? "-"
                : String.format(Locale.ROOT, "%.1f%%", 100 * last.valAccuracy());
    }

    private static String weights(RunSession.Outcome o) {
        long bad = 0;
        long total = 0;
        for (Parameter p : o.plan().model().parameters()) {
            for (float v : p.value().data()) {
                total++;
                if (!Float.isFinite(v)) {
                    bad++;
                }
            }
        }
        return bad == 0 ? "all finite" : String.format(Locale.ROOT, "%,d of %,d NaN/Inf", bad, total);
    }

    private static String kinds(GuardSummary s) {
        if (s.incidents() == 0) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        s.byKind().forEach((k, v) -> parts.add(v + " " + k.id()));
        return String.join(", ", parts);
    }

    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        return a != 0 && (a >= 1e5 || a < 1e-3) ? String.format(Locale.ROOT, "%.3g", v)
                : String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
