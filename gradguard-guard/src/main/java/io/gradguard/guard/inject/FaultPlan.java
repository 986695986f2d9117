package io.gradguard.guard.inject;

import io.gradguard.guard.ParamView;
import io.gradguard.guard.StepView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.SplittableRandom;

/**
 * Faults to inject at chosen steps, so users and tests can watch the guard work:
 * {@code --inject nan@120,spike@300x1e4,inf@50:layers.2,loss_nan@200,loss_spike@400x100}.
 *
 * <p>{@link #apply} corrupts a step's gradients in place before the guard sees them and returns the view
 * with the (possibly corrupted) loss.
 */
public final class FaultPlan {
    private final Map<Long, List<Fault>> byStep = new TreeMap<>();
    private final List<Fault> faults;

    public FaultPlan(List<Fault> faults) {
        this.faults = List.copyOf(faults);
        for (Fault f : faults) {
            byStep.computeIfAbsent(f.step(), s -> new ArrayList<>()).add(f);
        }
    }

    public static FaultPlan none() {
        return new FaultPlan(List.of());
    }

    public List<Fault> faults() {
        return faults;
    }

    public boolean isEmpty() {
        return faults.isEmpty();
    }

    /**
     * Parses {@code kind@step[xFACTOR][:TARGET]} items separated by commas. Errors quote the item:
     * {@code --inject 'spike@abc': step must be a whole number}.
     */
    public static FaultPlan parse(String text) {
        List<Fault> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return none();
        }
        for (String raw : text.split(",")) {
            String item = raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            out.add(parseItem(item));
        }
        return new FaultPlan(out);
    }

    private static Fault parseItem(String item) {
        int at = item.indexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException("--inject '" + item + "': expected KIND@STEP, e.g. nan@120 or spike@300x1e4");
        }
        Fault.Kind kind;
        try {
            kind = Fault.Kind.valueOf(item.substring(0, at).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--inject '" + item + "': unknown fault '" + item.substring(0, at)
                    + "'; known: nan, inf, spike, loss_nan, loss_spike");
        }
        String rest = item.substring(at + 1);
        String target = null;
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            target = rest.substring(colon + 1).trim();
            rest = rest.substring(0, colon);
            if (target.isEmpty()) {
                throw new IllegalArgumentException("--inject '" + item + "': empty target after ':'");
            }
        }
        double factor = Double.NaN;
        int x = rest.indexOf('x');
        if (x == 0) {
            x = -1; // "nan@x": no step before the factor; reported as a bad step below
        }
        if (x >= 0) {
            try {
                factor = Double.parseDouble(rest.substring(x + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--inject '" + item + "': factor '" + rest.substring(x + 1)
                        + "' is not a number");
            }
            rest = rest.substring(0, x);
        } else if (kind.scales()) {
            factor = kind == Fault.Kind.SPIKE ? 1e4 : 100;
        }
        if (x >= 0 && !kind.scales()) {
            throw new IllegalArgumentException("--inject '" + item + "': only spike and loss_spike take a factor");
        }
        long step;
        try {
            step = Long.parseLong(rest.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--inject '" + item + "': step '" + rest + "' must be a whole number");
        }
        try {
            return new Fault(step, kind, factor, target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--inject '" + item + "': " + e.getMessage(), e);
        }
    }

    /**
     * {@code count} faults of mixed kinds (NaN, Inf, x1e4 spikes, in rotation) at distinct random steps in
     * {@code [from, to)}, drawn from {@code seed}: the fault-injection figure's plan.
     */
    public static FaultPlan random(int count, long from, long to, long seed) {
        if (count < 0 || to - from < count) {
            throw new IllegalArgumentException("cannot place " + count + " faults in steps [" + from + ", " + to + ")");
        }
        SplittableRandom r = new SplittableRandom(seed);
        java.util.TreeSet<Long> steps = new java.util.TreeSet<>();
        while (steps.size() < count) {
            steps.add(from + r.nextLong(to - from));
        }
        Fault.Kind[] kinds = {Fault.Kind.NAN, Fault.Kind.INF, Fault.Kind.SPIKE};
        List<Fault> out = new ArrayList<>();
        int i = 0;
        for (long s : steps) {
            Fault.Kind k = kinds[i++ % kinds.length];
            out.add(new Fault(s, k, k == Fault.Kind.SPIKE ? 1e4 : Double.NaN, null));
        }
        return new FaultPlan(out);
    }

    /** The faults planned for {@code step} (empty if none). */
    public List<Fault> at(long step) {
        return byStep.getOrDefault(step, Collections.emptyList());
    }

    /** Corrupts the step's gradients in place and returns the view with the corrupted loss, if any. */
    public StepView apply(StepView view) {
        List<Fault> fs = at(view.step());
        if (fs.isEmpty()) {
            return view;
        }
        double loss = view.loss();
        for (Fault f : fs) {
            switch (f.kind()) {
                case NAN -> poison(view, f, Float.NaN);
                case INF -> poison(view, f, Float.POSITIVE_INFINITY);
                case SPIKE -> {
                    for (ParamView p : view.params()) {
                        float[] g = p.grad();
                        if (g != null) {
                            float k = (float) f.factor();
                            for (int i = 0; i < g.length; i++) {
                                g[i] *= k;
                            }
                        }
                    }
                }
                case LOSS_NAN -> loss = Double.NaN;
                case LOSS_SPIKE -> loss = loss * f.factor();
                default -> throw new IllegalStateException(f.kind().toString());
            }
        }
        return new StepView(view.step(), loss, view.lr(), view.params());
    }

    private static void poison(StepView view, Fault f, float value) {
        for (ParamView p : view.params()) {
            if (p.grad() != null && p.grad().length > 0 && (f.target() == null || p.name().startsWith(f.target()))) {
                p.grad()[0] = value;
                return;
            }
        }
        throw new IllegalArgumentException("fault " + f + ": no parameter with a gradient matches '" + f.target() + "'");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Fault f : faults) {
            sb.append(sb.length() == 0 ? "" : ",").append(f);
        }
        return sb.toString();
    }
}
