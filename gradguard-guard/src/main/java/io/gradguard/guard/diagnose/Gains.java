package io.gradguard.guard.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-layer gain an initialisation predicts: the factor by which one layer scales the signal's standard
 * deviation, forward and (for square layers) backward. For a layer with {@code n = fan_in} inputs and
 * weights of standard deviation {@code s}, {@code Var(z) = n s^2 E[x^2]} (He et al. 2015, eq. 7), so
 * <pre>
 *   ReLU (and GELU, ELU, softplus, approximately):  g = s sqrt(n / 2)
 *   leaky ReLU, negative slope a:                   g = s sqrt(n (1 + a^2) / 2)
 *   tanh (small weights), linear, SELU:             g = s sqrt(n)
 *   sigmoid:                                        g = 0.25 s sqrt(n)   (sigma' <= 1/4, the seeds' bound)
 * </pre>
 * Above 1 the chain rule's product grows geometrically with depth, below 1 it vanishes.
 */
final class Gains {
    /** Gains inside this window are healthy enough not to blame the initialisation. */
    static final double LOW = 0.7;
    static final double HIGH = 1.4;

    private Gains() {
    }

    /** The activation's factor on {@code s sqrt(n)}. */
    static double activationFactor(String act, double param) {
        if (act == null) {
            return 1;
        }
        return switch (act) {
            case "relu", "gelu", "elu", "softplus" -> Math.sqrt(0.5);
            case "leaky_relu", "prelu" -> Math.sqrt((1 + param * param) / 2);
            case "sigmoid" -> 0.25;
            default -> 1;
        };
    }

    /** The gain formula in words, for explanations. */
    static String formula(String act) {
        if (act == null) {
            return "std*sqrt(fan_in)";
        }
        return switch (act) {
            case "relu", "gelu", "elu", "softplus" -> "std*sqrt(fan_in/2)";
            case "leaky_relu", "prelu" -> "std*sqrt(fan_in*(1+a^2)/2)";
            case "sigmoid" -> "0.25*std*sqrt(fan_in)";
            default -> "std*sqrt(fan_in)";
        };
    }

    static double gain(LayerFacts l) {
        return l.initStd() * Math.sqrt(l.fanIn()) * activationFactor(l.activation(), l.activationParam());
    }

    /**
     * The repeated factor of the chain: the weight layers followed by an activation, after the first one (the
     * first layer's fan-in is the data's width, and the usually linear output layer acts once).
     *
     * @param layers     the layers that make the chain
     * @param gain       geometric mean of their predicted gains
     * @param activation the most common activation among them (null: none)
     * @param param      its parameter
     * @param init       the most common initializer among them
     * @param std        their median init std
     * @param fanIn      their median fan-in
     */
    record Chain(List<LayerFacts> layers, double gain, String activation, double param, String init, double std,
                 int fanIn) {
        /** {@code layers.2-layers.38 (19 layers)} or {@code layers.2}. */
        String span() {
            String first = layers.get(0).name();
            String last = layers.get(layers.size() - 1).name();
            return layers.size() == 1 ? first : first + "-" + last + " (" + layers.size() + " layers)";
        }
    }

    /** The chain of {@code facts}, or empty when no weight layer has a known init std. */
    static Optional<Chain> chain(ModelFacts facts) {
        List<LayerFacts> weights = facts.weightLayers();
        List<LayerFacts> known = weights.stream().filter(l -> !Double.isNaN(l.initStd())).toList();
        if (known.isEmpty()) {
            return Optional.empty();
        }
        List<LayerFacts> chain = known.stream().filter(l -> l != weights.get(0) && l.activation() != null).toList();
        if (chain.isEmpty()) {
            chain = known.stream().filter(l -> l.activation() != null).toList();
        }
        if (chain.isEmpty()) {
            chain = known;
        }
        LayerFacts typical = mostCommon(chain);
        return Optional.of(new Chain(chain, geometricMean(chain, Gains::gain), typical.activation(),
                typical.activationParam(), typical.init(), median(chain.stream().map(LayerFacts::initStd).toList()),
                (int) Math.round(median(chain.stream().map(l -> (double) l.fanIn()).toList()))));
    }

    /**
     * The initializer that makes the chain's gain about 1 for its activation, with the gain it predicts: He for
     * the ReLU family, Glorot for tanh and sigmoid, LeCun for linear and SELU.
     *
     * @param spec the spec value ({@code he_normal}, {@code {name: he_normal, a: 0.2}})
     */
    record Advice(String spec, double gain) {
    }

    static Advice advice(Chain c) {
        String act = c.activation() == null ? "identity" : c.activation();
        return switch (act) {
            case "relu", "gelu", "elu", "softplus" -> advice(c, "he_normal", l -> Math.sqrt(2.0 / l.fanIn()));
            case "leaky_relu", "prelu" -> {
                double a = c.param();
                String spec = a <= 0.05 ? "he_normal" : "{name: he_normal, a: " + Num.of(a) + "}";
                double slope = a <= 0.05 ? 0 : a;
                yield advice(c, spec, l -> Math.sqrt(2.0 / (1 + slope * slope) / l.fanIn()));
            }
            case "tanh", "sigmoid" -> advice(c, "xavier_normal", l -> Math.sqrt(2.0 / (l.fanIn() + l.fanOut())));
            default -> advice(c, "lecun_normal", l -> 1 / Math.sqrt(l.fanIn()));
        };
    }

    private static Advice advice(Chain c, String spec, java.util.function.ToDoubleFunction<LayerFacts> std) {
        return new Advice(spec, geometricMean(c.layers(), l -> std.applyAsDouble(l) * Math.sqrt(l.fanIn())
                * activationFactor(l.activation(), l.activationParam())));
    }

    static double geometricMean(List<LayerFacts> layers, java.util.function.ToDoubleFunction<LayerFacts> f) {
        double logSum = 0;
        for (LayerFacts l : layers) {
            double v = f.applyAsDouble(l);
            if (!(v > 0)) {
                return 0;
            }
            logSum += Math.log(v);
        }
        return Math.exp(logSum / layers.size());
    }

    private static LayerFacts mostCommon(List<LayerFacts> layers) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (LayerFacts l : layers) {
            counts.merge(l.activation() + "|" + l.init(), 1, Integer::sum);
        }
        String best = null;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (best == null || e.getValue() > counts.get(best)) {
                best = e.getKey();
            }
        }
        for (LayerFacts l : layers) {
            if ((l.activation() + "|" + l.init()).equals(best)) {
                return l;
            }
        }
        throw new IllegalStateException("no layers");
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
