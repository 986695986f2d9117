package io.gradguard.cli.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns an inspection's measurements into findings. The chain rule multiplies the gradient by one factor
 * per layer, so {@code g} per layer over {@code L} layers gives {@code g^L} (the seeds' product of
 * {@code w_j sigma'(z_j)}):
 * <ul>
 *   <li>gradient chain: exploding when the product of the measured gains exceeds {@value #PRODUCT_HIGH}, or
 *       their geometric mean exceeds {@value #PER_LAYER} over at least {@value #MIN_LAYERS} gains; vanishing
 *       when the product is below {@value #PRODUCT_LOW} or the mean below {@code 1/}{@value #PER_LAYER} over
 *       as many;</li>
 *   <li>Jacobian: exploding when its largest singular value exceeds {@value #PRODUCT_HIGH}, vanishing below
 *       {@value #PRODUCT_LOW};</li>
 *   <li>activations: vanishing when more than {@value #UNIT_FRACTION} of a layer's sigmoid or tanh outputs
 *       are saturated, or of its ReLU units are dead (both pass almost no gradient);</li>
 *   <li>recurrent blocks: exploding when the spectral radius exceeds 1 (the gradient through {@code T}
 *       steps grows about {@code rho^T}; Pascanu et al. 2013); for a plain RNN, vanishing when
 *       {@code rho^T} is below {@value #PRODUCT_LOW}.</li>
 * </ul>
 * The overall verdict is exploding if any finding explodes, else vanishing if any vanishes, else ok.
 */
public final class Verdicts {
    public static final double PRODUCT_HIGH = 1e3;
    public static final double PRODUCT_LOW = 1e-3;
    public static final double PER_LAYER = 1.5;
    public static final int MIN_LAYERS = 4;
    public static final double UNIT_FRACTION = 0.5;

    private Verdicts() {
    }

    static Inspection judge(String name, int batches, int batchSize, List<LayerRow> rows, double[] jacobian,
                            List<RecurrentRow> recurrent) {
        double product = 1;
        double theory = 1;
        int count = 0;
        for (LayerRow r : rows) {
            if (!Double.isNaN(r.gain())) {
                product *= r.gain();
                theory *= r.theoryGain();
                count++;
            }
        }
        if (count == 0) {
            product = Double.NaN;
            theory = Double.NaN;
        }
        List<Finding> findings = new ArrayList<>();
        findings.add(chain(product, theory, count));
        findings.add(jacobian(jacobian));
        findings.addAll(activations(rows));
        for (RecurrentRow r : recurrent) {
            findings.add(recurrent(r));
        }
        Verdict overall = findings.stream().anyMatch(f -> f.verdict() == Verdict.EXPLODING) ? Verdict.EXPLODING
                : findings.stream().anyMatch(f -> f.verdict() == Verdict.VANISHING) ? Verdict.VANISHING : Verdict.OK;
        return new Inspection(name, batches, batchSize, rows, product, count, theory, jacobian, recurrent, findings,
                overall);
    }

    static Finding chain(double product, double theory, int count) {
        String subject = "gradient chain";
        if (count == 0) {
            return new Finding(subject, Verdict.OK, "fewer than two layers with parameters: no chain to multiply");
        }
        if (!Double.isFinite(product) || product == 0) {
            return new Finding(subject, product == 0 ? Verdict.VANISHING : Verdict.EXPLODING,
                    "the backpropagated gradient is " + (product == 0 ? "zero" : "not finite")
                            + " at some layer (product of gains " + Fmt.num(product) + ")");
        }
        double per = Math.pow(product, 1.0 / count);
        String numbers = "product of gains " + Fmt.num(product) + " over " + count + " layer" + (count == 1 ? "" : "s")
                + ", " + Fmt.num(per) + " per layer" + (Double.isNaN(theory) ? ""
                : " (theory " + Fmt.num(Math.pow(theory, 1.0 / count)) + " per layer, product " + Fmt.num(theory) + ")");
        boolean deep = count >= MIN_LAYERS;
        if (product > PRODUCT_HIGH || deep && per > PER_LAYER) {
            return new Finding(subject, Verdict.EXPLODING, numbers + ": the gradient grows about " + Fmt.num(per)
                    + "x per layer toward the input");
        }
        if (product < PRODUCT_LOW || deep && per < 1 / PER_LAYER) {
            return new Finding(subject, Verdict.VANISHING, numbers + ": the gradient shrinks about "
                    + Fmt.num(1 / per) + "x per layer toward the input");
        }
        return new Finding(subject, Verdict.OK, numbers);
    }

    static Finding jacobian(double[] s) {
        String subject = "input-output jacobian";
        if (s.length == 0) {
            return new Finding(subject, Verdict.OK, "empty Jacobian");
        }
        String detail = "largest singular value " + Fmt.num(s[0]) + " at one example";
        if (!(s[0] <= PRODUCT_HIGH)) {
            return new Finding(subject, Verdict.EXPLODING, detail + ": an input change is stretched over "
                    + Fmt.num(PRODUCT_HIGH) + "x");
        }
        if (s[0] < PRODUCT_LOW) {
            return new Finding(subject, Verdict.VANISHING, detail + ": the output barely depends on the input");
        }
        return new Finding(subject, Verdict.OK, detail);
    }

    static List<Finding> activations(List<LayerRow> rows) {
        List<Finding> out = new ArrayList<>();
        double maxSat = Double.NaN;
        double maxDead = Double.NaN;
        for (LayerRow r : rows) {
            if (!Double.isNaN(r.saturated())) {
                maxSat = Double.isNaN(maxSat) ? r.saturated() : Math.max(maxSat, r.saturated());
                if (r.saturated() > UNIT_FRACTION) {
                    out.add(new Finding(r.name() + " " + r.kind(), Verdict.VANISHING, Fmt.pct(r.saturated())
                            + " of outputs saturated: their derivative is near 0, so little gradient passes"));
                }
            }
            if (!Double.isNaN(r.dead())) {
                maxDead = Double.isNaN(maxDead) ? r.dead() : Math.max(maxDead, r.dead());
                if (r.dead() > UNIT_FRACTION) {
                    out.add(new Finding(r.name() + " " + r.kind(), Verdict.VANISHING, Fmt.pct(r.dead())
                            + " of units dead (zero for every example): no gradient passes them"));
                }
            }
        }
        if (out.isEmpty() && !(Double.isNaN(maxSat) && Double.isNaN(maxDead))) {
            out.add(new Finding("activations", Verdict.OK, (Double.isNaN(maxSat) ? "" : "at most "
                    + Fmt.pct(maxSat) + " saturated") + (Double.isNaN(maxSat) || Double.isNaN(maxDead) ? "" : ", ")
                    + (Double.isNaN(maxDead) ? "" : "at most " + Fmt.pct(maxDead) + " dead") + " per layer"));
        }
        return out;
    }

    static Finding recurrent(RecurrentRow r) {
        String subject = r.module() + " " + r.type() + " l" + r.layer() + " gate " + r.gate();
        String detail = String.format(Locale.ROOT, "recurrent spectral radius %s, largest singular value %s",
                Fmt.num(r.radius()), Fmt.num(r.sigmaMax()));
        String growth = r.steps() > 0 ? "; over " + r.steps() + " steps about " + Fmt.num(Math.pow(r.radius(),
                r.steps())) : "";
        if (!(r.radius() <= 1)) {
            return new Finding(subject, Verdict.EXPLODING, detail + " > 1: the gradient through time grows about "
                    + Fmt.num(r.radius()) + "x per step" + growth);
        }
        if (r.type().equals("rnn") && r.steps() > 0 && Math.pow(r.radius(), r.steps()) < PRODUCT_LOW) {
            return new Finding(subject, Verdict.VANISHING, detail + ": the gradient through time shrinks about "
                    + Fmt.num(r.radius()) + "x per step" + growth);
        }
        return new Finding(subject, Verdict.OK, detail + growth);
    }
}
