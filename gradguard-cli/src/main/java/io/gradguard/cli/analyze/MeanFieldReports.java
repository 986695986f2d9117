package io.gradguard.cli.analyze;

import io.gradguard.analysis.MeanField;
import io.gradguard.analysis.MeanFieldCheck;
import io.gradguard.cli.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The four reports of {@code analyze mean-field}, one method each. */
final class MeanFieldReports {
    /** Bracket searched for the critical {@code sigma_w^2} (sigmoid needs more than 100). */
    static final double LO = 0.01;
    static final double HI = 1000;
    /** {@code |chi_1 - 1|} below this is reported as critical. */
    static final double CRITICAL_TOL = 1e-3;

    private final MeanField theory;
    private final String phi;
    private final double sigmaB2;

    MeanFieldReports(MeanField theory, double sigmaB2) {
        this.theory = theory;
        this.phi = theory.activation().name();
        this.sigmaB2 = sigmaB2;
    }

    /** The length map layer by layer at one point, and the phase it settles in. */
    Report point(double sigmaW2, int depth) {
        Table t = new Table("length_map", "layer", "q", "chi_1(q)");
        double q = 1;
        for (int l = 0; l <= depth && l <= 60; l++) {
            t.row(l, q, theory.chi1(Math.max(q, Double.MIN_NORMAL), sigmaW2));
            q = theory.lengthMap(q, sigmaW2, sigmaB2);
        }
        MeanField.Point p = theory.at(sigmaW2, sigmaB2);
        return new Report("mean-field", "Mean field, " + phi + ", sigma_w^2 = " + sigmaW2 + ", sigma_b^2 = " + sigmaB2
                + " (q^0 = 1" + (depth > 60 ? ", first 60 layers" : "") + ")")
                .table(t)
                .put("q*", p.qStar())
                .put("chi_1", p.chi1())
                .put("phase", phase(p.chi1()))
                .put("gradient factor per layer sqrt(chi_1)", p.growthPerLayer())
                .put("gradient factor over " + depth + " layers", Math.pow(p.chi1(), depth / 2.0))
                .figure(() -> MeanFieldFigure.of(PhaseDiagram.compute(theory), List.of(new MeanFieldFigure.Mark(
                        String.format(Locale.ROOT, "this point: chi_1 = %.3g", p.chi1()), sigmaW2, sigmaB2))));
    }

    Report critical() {
        double c = criticalOrExplain();
        MeanField.Point p = theory.at(c, sigmaB2);
        Table t = new Table("critical", "sigma_b2", "critical_sigma_w2", "q*", "chi_1");
        t.row(sigmaB2, c, p.qStar(), p.chi1());
        return new Report("mean-field", "Edge of chaos for " + phi + " (chi_1 = 1, bisection on sigma_w^2 in ["
                + LO + ", " + HI + "])").table(t).put("critical sigma_w^2", c)
                .figure(() -> MeanFieldFigure.of(PhaseDiagram.compute(theory), List.of(new MeanFieldFigure.Mark(
                        String.format(Locale.ROOT, "critical: sigma_w^2 = %.4g", c), c, sigmaB2))));
    }

    Report phaseDiagram() {
        PhaseDiagram d = PhaseDiagram.compute(theory);
        String[] cols = new String[2 + d.sigmaW2().length];
        cols[0] = "sigma_b2";
        for (int i = 0; i < d.sigmaW2().length; i++) {
            cols[1 + i] = String.format(Locale.ROOT, "sw2=%.2f", d.sigmaW2()[i]);
        }
        cols[cols.length - 1] = "critical_sw2";
        Table t = new Table("chi_1", cols);
        for (int j = 0; j < d.sigmaB2().length; j++) {
            Object[] row = new Object[cols.length];
            row[0] = d.sigmaB2()[j];
            for (int i = 0; i < d.sigmaW2().length; i++) {
                row[1 + i] = d.chi1()[j][i];
            }
            row[cols.length - 1] = Double.isNaN(d.critical()[j]) ? "none" : d.critical()[j];
            t.row(row);
        }
        return new Report("mean-field", "chi_1 for " + phi + " over sigma_w^2 (columns) x sigma_b^2 (rows); < 1"
                + " ordered (vanishing), > 1 chaotic (exploding); last column the critical line").table(t)
                .figure(() -> MeanFieldFigure.of(d, List.of()));
    }

    Report check(int depth, int width, int batch, long seed) {
        double c = criticalOrExplain();
        double[] points = {c / 2, c, 2 * c};
        String[] names = {"ordered", "critical", "chaotic"};
        MeanFieldCheck.Setup setup = new MeanFieldCheck.Setup(theory.activation(), depth, width, batch, seed);
        Table fit = new Table("check", "point", "sigma_w2", "chi_1", "predicted_factor", "measured_factor", "agrees");
        Table norms = new Table("grad_norms", "layer", "ordered", "critical", "chaotic");
        double[][] g = new double[3][];
        boolean all = true;
        for (int i = 0; i < 3; i++) {
            MeanFieldCheck.Measurement m = MeanFieldCheck.measure(setup, theory, points[i], sigmaB2);
            g[i] = m.gradNorms();
            all &= m.agrees();
            fit.row(names[i], points[i], m.predicted().chi1(), m.predicted().growthPerLayer(), m.measuredGrowth(),
                    m.agrees() ? "yes" : "NO");
        }
        for (int l = 0; l < depth; l++) {
            norms.row(l + 1, g[0][l], g[1][l], g[2][l]);
        }
        return new Report("mean-field", "Mean field vs the engine: " + depth + " x Dense(" + width + ") + " + phi
                + ", sigma_b^2 = " + sigmaB2 + ", batch " + batch + ", seed " + seed + "; factor = change of"
                + " ||dL/da_l|| per layer toward the input (ln-linear fit)")
                .table(fit).table(norms)
                .put("signs agree at all three points", all ? "yes" : "no")
                .figure(() -> {
                    List<MeanFieldFigure.Mark> marks = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        marks.add(new MeanFieldFigure.Mark("checked: " + names[i], points[i], sigmaB2));
                    }
                    return MeanFieldFigure.of(PhaseDiagram.compute(theory), marks);
                })
                .note("Growth within " + MeanFieldCheck.FLAT + " of 0 in log terms counts as flat (critical).");
    }

    private double criticalOrExplain() {
        try {
            return theory.criticalSigmaW2(sigmaB2, LO, HI);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    static String phase(double chi1) {
        return switch (MeanField.Phase.of(chi1, CRITICAL_TOL)) {
            case ORDERED -> "ordered (chi_1 < 1: gradients vanish with depth)";
            case CRITICAL -> "critical (chi_1 = 1: edge of chaos)";
            case CHAOTIC -> "chaotic (chi_1 > 1: gradients explode with depth)";
        };
    }
}
