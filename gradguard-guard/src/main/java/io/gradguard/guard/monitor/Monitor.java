package io.gradguard.guard.monitor;

import io.gradguard.guard.ParamView;
import io.gradguard.guard.StepView;
import io.gradguard.guard.Workers;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes {@link StepStats} for every step, cheaply: one pass over the gradients per step (norms, max |g|,
 * non-finite counts), a zero-row check per weight gradient (dead units), and every {@code costly_every}
 * steps one pass over the weights for their norms and the update-to-weight ratio, for which it copies the
 * weights one step earlier into buffers allocated once. A gradient the host offers in its own memory
 * ({@link ParamView#gradMemory()}) is read there, so an ordinary step copies no gradient.
 *
 * <p>The passes are cut into chunks of {@value #CHUNK} floats, each writing its own slot of per-chunk
 * arrays, and handed to the host's {@link Workers}: the engine lends its kernel threads, which sit idle
 * between backward and the optimiser step. Slots are summed per parameter and per layer afterwards on the
 * calling thread, always in chunk order, so the statistics do not depend on the number of threads.
 */
public final class Monitor {
    /** Floats per task: 128 KB, a fraction of an L2 cache, and about 25 tasks for the 784-512-512-10 MLP. */
    static final int CHUNK = 1 << 15;

    private final MonitorConfig config;
    private final ScanKernel kernel = ScanKernel.best();
    private float[][] previous = new float[0][];
    private long snapshotStep = -1;
    private Plan plan;

    public Monitor(MonitorConfig config) {
        this.config = config;
    }

    public MonitorConfig config() {
        return config;
    }

    /** Statistics of this step's gradients on the calling thread (call before anything modifies them). */
    public StepStats observe(StepView view) {
        return observe(view, Workers.SERIAL);
    }

    /** As {@link #observe(StepView)}, with the chunked passes spread over {@code workers}. */
    public StepStats observe(StepView view, Workers workers) {
        long step = view.step();
        boolean costly = step % config.costlyEvery() == 0;
        boolean haveSnapshot = costly && snapshotStep == step - 1;
        boolean copyAfter = (step + 1) % config.costlyEvery() == 0;
        List<ParamView> params = view.params();
        Plan p = plan(params);
        int n = params.size();
        float[][] grads = new float[n][];
        ByteBuffer[] memory = new ByteBuffer[n];
        // Values only when this step needs them: a host may copy them on request (the DJL host does, 2.7 MB
        // for the 784-512-512-10 MLP), so an ordinary step must not ask.
        float[][] values = costly || copyAfter ? new float[n][] : null;
        for (int i = 0; i < n; i++) {
            ParamView v = params.get(i);
            memory[i] = v.gradMemory();
            grads[i] = memory[i] == null ? v.grad() : null;
            long length = memory[i] != null ? memory[i].limit() / Float.BYTES
                    : grads[i] != null ? grads[i].length : p.length[i];
            if (length != p.length[i]) {
                throw new IllegalArgumentException("parameter '" + v.name() + "' has shape "
                        + java.util.Arrays.toString(v.shape()) + " (" + p.length[i] + " values) but a gradient of "
                        + length + (memory[i] != null ? " in the host's memory" : ""));
            }
            if (values != null) {
                values[i] = v.values();
            }
        }
        if (copyAfter && previous.length != n) {
            previous = new float[n][];
        }
        if (copyAfter) {
            for (int i = 0; i < n; i++) {
                if (previous[i] == null || previous[i].length != p.length[i]) {
                    previous[i] = new float[p.length[i]];
                }
            }
        }
        Scratch s = p.scratch;
        float[][] prev = previous;
        workers.forEach(p.chunks(), c -> {
            int i = p.param[c];
            int from = p.from[c];
            int to = p.to[c];
            float[] g = grads[i];
            ByteBuffer m = memory[i];
            if (g != null || m != null) {
                double sq = g != null ? kernel.scan(g, from, to, s.gradMax, c) : kernel.scan(m, from, to, s.gradMax, c);
                s.gradSq[c] = sq;
                s.nan[c] = 0;
                s.inf[c] = 0;
                if (!Double.isFinite(sq)) {
                    countNonFinite(g, m, from, to, s, c);
                }
            }
            if (costly) {
                float[] w = values[i];
                float[] old = haveSnapshot && i < prev.length ? prev[i] : null;
                if (old != null && old.length == w.length) {
                    kernel.diffScan(w, old, from, to, s.weight, c);
                } else {
                    s.weight[3 * c] = kernel.scan(w, from, to, s.weightMax, c);
                    s.weight[3 * c + 1] = Double.NaN;
                    s.weight[3 * c + 2] = Double.NaN;
                }
            }
            if (copyAfter) {
                System.arraycopy(values[i], from, prev[i], from, to - from);
            }
        });
        if (copyAfter) {
            snapshotStep = step;
        }
        return collect(view, p, grads, memory, costly, haveSnapshot);
    }

    /** Counts the NaN and infinite entries of {@code [from, to)} of {@code g}, or of {@code memory} when g is null. */
    private static void countNonFinite(float[] g, ByteBuffer memory, int from, int to, Scratch s, int c) {
        for (int k = from; k < to; k++) {
            float v = g != null ? g[k] : memory.getFloat(Float.BYTES * k);
            if (Float.isNaN(v)) {
                s.nan[c]++;
            } else if (Float.isInfinite(v)) {
                s.inf[c]++;
            }
        }
    }

    /** Sums the chunks' slots per parameter and per layer, in order, on the calling thread. */
    private StepStats collect(StepView view, Plan p, float[][] grads, ByteBuffer[] memory, boolean costly,
            boolean haveSnapshot) {
        Scratch s = p.scratch;
        List<ParamView> params = view.params();
        List<LayerStats> layers = new ArrayList<>();
        double total = 0;
        long nonFinite = 0;
        String firstNonFinite = null;
        int i = 0;
        while (i < params.size()) {
            String layer = p.layer[i];
            double gradSq = 0;
            double maxAbs = 0;
            long nan = 0;
            long inf = 0;
            double weightSq = 0;
            double diffSq = 0;
            double prevSq = 0;
            double dead = Double.NaN;
            double biasSq = Double.NaN;
            long elements = 0;
            for (; i < params.size() && p.layer[i].equals(layer); i++) {
                float[] g = grads[i];
                ByteBuffer m = memory[i];
                boolean scanned = g != null || m != null;
                double paramSq = 0;
                long paramNonFinite = 0;
                for (int c = p.firstChunk[i]; c < p.firstChunk[i + 1]; c++) {
                    if (scanned) {
                        paramSq += s.gradSq[c];
                        maxAbs = Math.max(maxAbs, s.gradMax[c]); // NaN-propagating
                        nan += s.nan[c];
                        inf += s.inf[c];
                        paramNonFinite += s.nan[c] + s.inf[c];
                    }
                    if (costly) {
                        weightSq += s.weight[3 * c];
                        diffSq += s.weight[3 * c + 1];
                        prevSq += s.weight[3 * c + 2];
                    }
                }
                if (!scanned) {
                    continue;
                }
                gradSq += paramSq;
                elements += p.length[i];
                if (firstNonFinite == null && paramNonFinite > 0) {
                    firstNonFinite = params.get(i).name();
                }
                if (p.deadRows[i] && Double.isNaN(dead)) {
                    int rows = p.rows[i];
                    int zero = rows == 0 ? 0 : g != null ? kernel.zeroRows(g, rows, p.length[i] / rows)
                            : kernel.zeroRows(m, rows, p.length[i] / rows);
                    dead = rows == 0 ? Double.NaN : (double) zero / rows;
                }
                if (p.bias[i]) {
                    biasSq = (Double.isNaN(biasSq) ? 0 : biasSq) + paramSq;
                }
            }
            if (nan > 0) {
                maxAbs = Double.NaN;
            }
            double ratio = Double.NaN;
            if (haveSnapshot && prevSq > 0) {
                ratio = Math.log10(Math.sqrt(diffSq) / Math.sqrt(prevSq));
            }
            total += gradSq;
            nonFinite += nan + inf;
            layers.add(new LayerStats(layer, Math.sqrt(gradSq), maxAbs, nan, inf,
                    costly ? Math.sqrt(weightSq) : Double.NaN, ratio, dead, elements, Math.sqrt(biasSq)));
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

    /** Per-chunk results, one slot per chunk, reused every step. */
    private static final class Scratch {
        final double[] gradSq;
        final float[] gradMax;
        final long[] nan;
        final long[] inf;
        final double[] weight;
        final float[] weightMax;

        Scratch(int chunks) {
            gradSq = new double[chunks];
            gradMax = new float[chunks];
            nan = new long[chunks];
            inf = new long[chunks];
            weight = new double[3 * chunks];
            weightMax = new float[chunks];
        }
    }

    /**
     * Which parameter belongs to which layer, which statistics apply to it and how its arrays are cut into
     * chunks, worked out once per list of parameters (hosts pass the same views every step) instead of from
     * name strings on every step.
     */
    private static final class Plan {
        final String[] names;
        final String[] layer;
        final int[] length;
        final int[] rows;
        final boolean[] deadRows;
        final boolean[] bias;
        /** Chunks of parameter i are {@code [firstChunk[i], firstChunk[i + 1])}. */
        final int[] firstChunk;
        final int[] param;
        final int[] from;
        final int[] to;
        final Scratch scratch;

        Plan(List<ParamView> params) {
            int n = params.size();
            names = new String[n];
            layer = new String[n];
            length = new int[n];
            rows = new int[n];
            deadRows = new boolean[n];
            bias = new boolean[n];
            firstChunk = new int[n + 1];
            int chunks = 0;
            for (int i = 0; i < n; i++) {
                ParamView v = params.get(i);
                names[i] = v.name();
                layer[i] = v.layer();
                int[] shape = v.shape();
                length[i] = numel(shape);
                rows[i] = shape.length == 0 ? 0 : shape[0];
                deadRows[i] = shape.length == 2 && v.localName().startsWith("weight");
                bias[i] = shape.length == 1 && v.localName().startsWith("bias");
                firstChunk[i] = chunks;
                chunks += Math.max(1, (length[i] + CHUNK - 1) / CHUNK);
            }
            firstChunk[n] = chunks;
            param = new int[chunks];
            from = new int[chunks];
            to = new int[chunks];
            for (int i = 0; i < n; i++) {
                for (int c = firstChunk[i]; c < firstChunk[i + 1]; c++) {
                    param[c] = i;
                    from[c] = (c - firstChunk[i]) * CHUNK;
                    to[c] = Math.min(length[i], from[c] + CHUNK);
                }
            }
            scratch = new Scratch(chunks);
        }

        int chunks() {
            return param.length;
        }

        boolean matches(List<ParamView> params) {
            if (params.size() != names.length) {
                return false;
            }
            for (int i = 0; i < names.length; i++) {
                ParamView v = params.get(i);
                String name = v.name();
                if (name != names[i] && !name.equals(names[i]) || numel(v.shape()) != length[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Elements of a tensor of this shape (from the shape: asking a host for values may copy them). */
    private static int numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    private Plan plan(List<ParamView> params) {
        if (plan == null || !plan.matches(params)) {
            plan = new Plan(params);
            previous = new float[0][]; // index-keyed: a new layout starts the update ratio afresh
            snapshotStep = -1;
        }
        return plan;
    }
}
