package io.gradguard.cli.experiment;

import io.gradguard.cli.plot.BarPlot;
import java.util.ArrayList;
import java.util.List;

/**
 * Experiment 9, clipping policies under injected gradient spikes. The seeds: "when the gradient's norm is
 * greater than a threshold, clip it to a smaller number". A spike (every gradient times {@value #FACTOR},
 * injected by the guard's fault plan at fixed steps) is applied as is without clipping; each policy bounds it
 * in its own way: {@code value} clamps every element ({@code clip_grad_value_}), {@code global_norm} rescales
 * the whole gradient to {@code max_norm} ({@code clip_grad_norm_}), AutoClip to a percentile of the norms seen
 * so far (Seetharaman et al. 2020), AGC each unit relative to its weight norm (Brock et al. 2021), ZClip by the
 * z-score of the norm against its moving statistics (Kumar et al. 2025). The guard runs with no detectors, so
 * clipping is the only intervention.
 *
 * <p>Against a clean run of the same seed (no spikes, no clipping): a run survives when its final loss is
 * finite and its validation accuracy within {@value #SURVIVAL_MARGIN} of the clean run's; steps lost count the
 * steps after the first spike whose loss is non-finite or above twice the clean run's loss at that step. The
 * claim holds when the unclipped run survives on no seed while every clipping policy survives on every seed.
 */
final class ClippingExperiment implements Experiment {
    static final double FACTOR = 1e4;
    static final double SURVIVAL_MARGIN = 0.05;
    /** Policies and their spec, in the order of the issue. */
    static final List<String[]> POLICIES = List.of(
            new String[] {"none", "{name: none}"},
            new String[] {"value", "{name: value, clip_value: 0.1}"},
            new String[] {"global-norm", "{name: global_norm, max_norm: 1.0}"},
            new String[] {"autoclip", "{name: autoclip, percentile: 10}"},
            new String[] {"agc", "{name: agc, clipping: 0.01}"},
            new String[] {"zclip", "{name: zclip}"});

    @Override
    public String name() {
        return "clipping";
    }

    @Override
    public String title() {
        return "Clipping policies under injected gradient spikes";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String claim() {
        return "Gradient spikes (x" + Num.fmt(FACTOR) + ") destroy an unclipped SGD run on every seed, while every"
                + " clipping policy (value, global norm, AutoClip, AGC, ZClip) survives them on every seed"
                + " (validation accuracy within "
                + Num.fmt(100 * SURVIVAL_MARGIN) + " points of a clean run).";
    }

    static int epochs(boolean quick) {
        return quick ? 10 : 30;
    }

    /** Spikes every 50 steps from step 60, before the last 40 steps (25 steps per epoch). */
    static List<Long> spikes(boolean quick) {
        List<Long> s = new ArrayList<>();
        for (long step = 60; step < epochs(quick) * 25L - 40; step += 50) {
            s.add(step);
        }
        return s;
    }

    @Override
    public List<Point> grid(boolean quick) {
        int epochs = epochs(quick);
        StringBuilder inject = new StringBuilder();
        for (long s : spikes(quick)) {
            inject.append(inject.length() == 0 ? "" : ",").append("spike@").append(s).append('x')
                    .append(Specs.num(FACTOR));
        }
        String base = "model:\n  input: 2\n  init: he_normal\n  layers:\n" + Specs.stack(2, 64, "relu")
                + "    - dense: 3\n" + Specs.spirals(1000) + "loss: cross_entropy\n"
                + "optimizer: {name: sgd, lr: 0.05, momentum: 0.9}\n" + Specs.training(epochs, 32, 0.2);
        List<Point> points = new ArrayList<>();
        points.add(Point.train("clean", "clean (no spikes, no clipping)", base, 1, epochs));
        for (String[] p : POLICIES) {
            String yaml = base + "guard:\n  clip: " + p[1] + "\n  detectors: " + Specs.NO_DETECTORS
                    + "\n  trace_limit: 0\n  inject: \"" + inject + "\"\n";
            points.add(Point.train(p[0], p[0] + ": " + p[1], yaml, 1, epochs * 1.3));
        }
        return points;
    }

    private record Verdict(boolean survived, double stepsLost) {
    }

    private static Verdict judge(Outcome run, Outcome clean, long firstSpike) {
        double[] loss = run.series("loss");
        double[] ref = clean.series("loss");
        int lost = 0;
        for (int s = (int) firstSpike + 1; s < loss.length; s++) {
            lost += !Double.isFinite(loss[s]) || s >= ref.length || loss[s] > 2 * ref[s] ? 1 : 0;
        }
        double acc = run.value("final_val_accuracy");
        boolean survived = Double.isFinite(run.value("final_train_loss"))
                && acc >= clean.value("final_val_accuracy") - SURVIVAL_MARGIN;
        return new Verdict(survived, lost);
    }

    @Override
    public Analysis analyze(Results r) {
        long first = spikes(r.quick()).get(0);
        ResultTable t = new ResultTable("policy", "survived", "final train loss", "final validation accuracy",
                "steps lost", "steps clipped");
        t.row("clean (no spikes)", "-", r.spread("clean", "final_train_loss").toString(),
                pct(r.spread("clean", "final_val_accuracy")), "-", "-");
        boolean held = true;
        List<String> names = new ArrayList<>();
        double[] survival = new double[POLICIES.size()];
        double[] lostMean = new double[POLICIES.size()];
        int k = 0;
        for (String[] p : POLICIES) {
            int survivors = 0;
            double[] lost = new double[r.seeds().size()];
            for (int i = 0; i < lost.length; i++) {
                long seed = r.seeds().get(i);
                Verdict v = judge(r.get(p[0], seed), r.get("clean", seed), first);
                survivors += v.survived() ? 1 : 0;
                lost[i] = v.stepsLost();
            }
            held &= p[0].equals("none") ? survivors == 0 : survivors == lost.length;
            t.row(p[0], survivors + " of " + lost.length, r.spread(p[0], "final_train_loss").toString(),
                    pct(r.spread(p[0], "final_val_accuracy")), Spread.of(lost).toString(),
                    r.spread(p[0], "clipped_steps").toString());
            names.add(p[0]);
            survival[k] = (double) survivors / lost.length;
            lostMean[k++] = Spread.of(lost).mean();
        }
        double[] accuracy = new double[names.size()];
        for (int i = 0; i < accuracy.length; i++) {
            accuracy[i] = r.spread(names.get(i), "final_val_accuracy").mean();
        }
        Figure bars = new Figure("clipping-survival.png", "Per clip policy, the share of seeds that survived the "
                + spikes(r.quick()).size() + " injected x" + Num.fmt(FACTOR) + " spikes and the final validation"
                + " accuracy (mean over seeds; the clean run reaches " + Num.pct(r.spread("clean",
                "final_val_accuracy").mean()) + ").", new BarPlot("Survival under injected gradient spikes",
                "clip policy", "share / accuracy").categories(names).add("survived (share of seeds)", survival)
                .add("final validation accuracy", accuracy).size(900, 420).png());
        java.util.Map<String, double[]> curves = new java.util.LinkedHashMap<>();
        curves.put("clean", r.get("clean", r.seeds().get(0)).series("loss"));
        for (String[] p : POLICIES) {
            curves.put(p[0], r.get(p[0], r.seeds().get(0)).series("loss"));
        }
        Figure loss = Plots.perStep("clipping-loss.png", "Training loss per step (seed " + r.seeds().get(0) + ")",
                "loss", curves, "Per-step training loss under spikes at steps " + spikes(r.quick())
                        + ", per policy, beside the clean run.");
        StringBuilder outcome = new StringBuilder("survived / steps lost: ");
        for (int i = 0; i < names.size(); i++) {
            outcome.append(i == 0 ? "" : ", ").append(names.get(i)).append(' ').append(Num.pct(survival[i]))
                    .append(" / ").append(Num.fmt(lostMean[i]));
        }
        return new Analysis(t, held, outcome.toString(), List.of(bars, loss), "Spirals (1000 points), MLP 2-64-64-3"
                + " ReLU, He init, SGD lr 0.05 momentum 0.9, batch 32; spikes multiply every gradient by "
                + Num.fmt(FACTOR) + " at steps " + spikes(r.quick()) + " (guard.inject). Steps lost also count steps"
                + " a policy spends behind the clean run for its own sake: AGC with clipping 0.01 clips every step"
                + " and learns more slowly, spikes or not.");
    }

    private static String pct(Spread s) {
        if (!s.allFinite()) {
            return s.toString();
        }
        return s.min() == s.max() ? Num.pct(s.mean())
                : Num.pct(s.mean()) + " (" + Num.pct(s.min()) + ".." + Num.pct(s.max()) + ")";
    }
}
