package io.gradguard.cli.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The inspection as a table (one row per module) followed by the Jacobian, recurrent blocks and verdicts. */
public final class InspectionText {
    /** The last line of the table: how to get the figure. */
    static final String PLOT_HINT = "(--plot FILE.png draws these profiles by depth)\n";

    private static final String[] HEAD = {"layer", "kind", "out mean", "out std", "|grad W|", "|grad b|",
        "|dL/dout|", "gain", "theory", "saturated", "dead"};

    private InspectionText() {
    }

    public static String render(Inspection in) {
        StringBuilder sb = new StringBuilder();
        sb.append("gradguard inspect: ").append(in.name()).append(" at initialisation, ").append(in.batches())
                .append(in.batches() == 1 ? " batch" : " batches").append(" of ").append(in.batchSize())
                .append(" (no training step taken)\n\n");
        List<String[]> cells = new ArrayList<>();
        cells.add(HEAD);
        for (LayerRow r : in.layers()) {
            cells.add(new String[] {r.name(), r.kind(), Fmt.num(r.actMean()), Fmt.num(r.actStd()),
                Fmt.num(r.weightGradNorm()), Fmt.num(r.biasGradNorm()), Fmt.num(r.outGradNorm()), Fmt.num(r.gain()),
                Fmt.num(r.theoryGain()), Fmt.pct(r.saturated()), Fmt.pct(r.dead())});
        }
        table(sb, cells);
        sb.append("\ngain = |dL/dout| of a layer / that of the next layer with parameters (backward, toward the input);"
                + " theory = init std * sqrt(fan_in of the next layer) * activation factor (ReLU sqrt(1/2),"
                + " sigmoid 1/4)\n");
        sb.append("gain through the depth: ").append(Fmt.num(in.gainProduct())).append(" over ").append(in.gainCount())
                .append(in.gainCount() == 1 ? " layer (" : " layers (").append(Fmt.num(in.gainPerLayer())).append(" per layer); theory ")
                .append(Fmt.num(in.theoryProduct())).append('\n');
        sb.append("input-output Jacobian at one example: largest singular values");
        for (double s : in.jacobian()) {
            sb.append(' ').append(Fmt.num(s));
        }
        sb.append('\n');
        if (!in.recurrent().isEmpty()) {
            sb.append("recurrent weights (weight_hh gate blocks):\n");
            for (RecurrentRow r : in.recurrent()) {
                sb.append(String.format(Locale.ROOT, "  %s %s l%d gate %s: spectral radius %s, largest singular value"
                        + " %s%n", r.module(), r.type(), r.layer(), r.gate(), Fmt.num(r.radius()),
                        Fmt.num(r.sigmaMax())));
            }
        }
        sb.append("\nverdicts:\n");
        for (Finding f : in.findings()) {
            sb.append(String.format(Locale.ROOT, "  %-9s %s: %s%n", f.verdict().name(), f.subject(), f.detail()));
        }
        sb.append("overall: ").append(in.overall().name()).append('\n');
        sb.append(PLOT_HINT);
        return sb.toString();
    }

    private static void table(StringBuilder sb, List<String[]> cells) {
        int[] width = new int[HEAD.length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String c = row[i];
                if (i < 2) {
                    line.append(c).append(" ".repeat(width[i] - c.length()));
                } else {
                    line.append(" ".repeat(width[i] - c.length())).append(c);
                }
                line.append("  ");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
