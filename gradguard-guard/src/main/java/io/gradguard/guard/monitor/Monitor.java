package io.gradguard.guard.monitor;

import io.gradguard.guard.ParamView;
import io.gradguard.guard.StepView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes {@link StepStats} for every step, cheaply: one pass over the gradients per step (norms, max |g|,
 * non-finite counts, dead rows), and every {@code costly_every} steps the weight norms and the
 * update-to-weight ratio, for which it copies the weights one step earlier into buffers allocated once.
 */
public final class Monitor {
    private final MonitorConfig config;
    private final GradientScan scan = new GradientScan();
    private final Map<String, float[]> previous = new LinkedHashMap<>();
    private long snapshotStep = -1;
    private Plan plan;
    private final ScanKernel kernel = ScanKernel.best();
    private final double[] diff = new double[2];

    public Monitor(MonitorConfig config) {
        this.config = config;
    }

    public MonitorConfig config() {
        return config;
    }

    /** Statistics of this step's gradients (call before anything modifies them). */
    public StepStats observe(StepView view) {
        boolean costly = view.step() % config.costlyEvery() == 0;
        boolean haveSnapshot = costly && snapshotStep == view.step() - 1;
        List<LayerStats> layers = new ArrayList<>();
        double total = 0;
        long nonFinite = 0;
        String firstNonFinite = null;
        List<ParamView> params = view.params();
        Plan layout = plan(params);
        int i = 0;
        while (i < params.size()) {
            String layer = layout.layer[i];
            scan.reset();
            double weightSq = 0;
            double diffSq = 0;
            double prevSq = 0;
            double dead = Double.NaN;
            double biasSq = Double.NaN;
            long elements = 0;
            for (; i < params.size() && layout.layer[i].equals(layer); i++) {
                ParamView p = params.get(i);
                float[] g = p.grad();
                if (g != null) {
                    long nanBefore = scan.nan + scan.inf;
                    scan.add(g);
                    elements += g.length;
                    if (firstNonFinite == null && scan.nan + scan.inf > nanBefore) {
                        firstNonFinite = p.name();
                    }
                    if (layout.deadRows[i] && Double.isNaN(dead)) {
                        dead = GradientScan.zeroRowFraction(g, p.shape()[0]);
                    }
                    if (layout.bias[i]) {
                        biasSq = (Double.isNaN(biasSq) ? 0 : biasSq) + GradientScan.sumSquares(g);
                    }
                }
                if (costly) {
                    float[] w = p.values();
                    weightSq += GradientScan.sumSquares(w);
                    float[] prev = previous.get(p.name());
                    if (haveSnapshot && prev != null && prev.length == w.length) {
                        kernel.diffScan(w, prev, w.length, diff);
                        diffSq += diff[0];
                        prevSq += diff[1];
                    }
                }
            }
            double ratio = Double.NaN;
            if (haveSnapshot && prevSq > 0) {
                ratio = Math.log10(Math.sqrt(diffSq) / Math.sqrt(prevSq));
            }
            total += scan.sumSquares;
            nonFinite += scan.nan + scan.inf;
            layers.add(new LayerStats(layer, Math.sqrt(scan.sumSquares), scan.maxAbs, scan.nan, scan.inf,
                    costly ? Math.sqrt(weightSq) : Double.NaN, ratio, dead, elements, Math.sqrt(biasSq)));
        }
        if ((view.step() + 1) % config.costlyEvery() == 0) {
            snapshot(view);
        }
        double ratio = Double.NaN;
        LayerStats first = null;
        LayerStats last = null;
        for (LayerStats l : layers) {
            if (l.elements() > 0) {
                first = first == null ? l : first;
                last = l;
            }
        }
        if (first != null && first != last) {
            ratio = first.gradNorm() / last.gradNorm();
        }
        return new StepStats(view.step(), view.loss(), view.lr(), Math.sqrt(total), layers, ratio, nonFinite,
                firstNonFinite, costly);
    }

    private void snapshot(StepView view) {
        for (ParamView p : view.params()) {
            float[] w = p.values();
            float[] buf = previous.get(p.name());
            if (buf == null || buf.length != w.length) {
                buf = new float[w.length];
                previous.put(p.name(), buf);
            }
            System.arraycopy(w, 0, buf, 0, w.length);
        }
        snapshotStep = view.step();
    }

    /**
     * Which parameter belongs to which layer and which statistics apply to it, worked out once per list of
     * parameters (hosts pass the same views every step) instead of from name strings on every step.
     */
    private record Plan(String[] names, String[] layer, boolean[] deadRows, boolean[] bias) {
        static Plan of(List<ParamView> params) {
            int n = params.size();
            Plan p = new Plan(new String[n], new String[n], new boolean[n], new boolean[n]);
            for (int i = 0; i < n; i++) {
                ParamView v = params.get(i);
                p.names[i] = v.name();
                p.layer[i] = v.layer();
                p.deadRows[i] = v.shape().length == 2 && v.localName().startsWith("weight");
                p.bias[i] = v.shape().length == 1 && v.localName().startsWith("bias");
            }
            return p;
        }

        boolean matches(List<ParamView> params) {
            if (params.size() != names.length) {
                return false;
            }
            for (int i = 0; i < names.length; i++) {
                String name = params.get(i).name();
                if (name != names[i] && !name.equals(names[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private Plan plan(List<ParamView> params) {
        if (plan == null || !plan.matches(params)) {
            plan = Plan.of(params);
        }
        return plan;
    }
}
