package io.gradguard.cli.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One hyperparameter of a named variant (an activation, initializer, generator, optimizer, schedule): its
 * spec key, type, default ({@code null}: required) and range. Parses from a {@link SpecNode} with line
 * numbers, and re-checks values handed to the records' constructors.
 */
record Param(String key, Kind kind, Object defaultValue, Rule rule, List<String> choices) {
    enum Kind { INT, REAL, FLAG, CHOICE, PAIR }

    static Param real(String key, Double defaultValue, Rule rule) {
        return new Param(key, Kind.REAL, defaultValue, rule, List.of());
    }

    static Param integer(String key, Integer defaultValue, Rule rule) {
        return new Param(key, Kind.INT, defaultValue, rule, List.of());
    }

    static Param flag(String key, boolean defaultValue) {
        return new Param(key, Kind.FLAG, defaultValue, Rule.any(), List.of());
    }

    static Param choice(String key, String defaultValue, String... choices) {
        return new Param(key, Kind.CHOICE, defaultValue, Rule.any(), List.of(choices));
    }

    /** Two numbers, each checked by {@code rule} ({@code betas}). */
    static Param pair(String key, double first, double second, Rule rule) {
        return new Param(key, Kind.PAIR, List.of(first, second), rule, List.of());
    }

    boolean required() {
        return defaultValue == null;
    }

    /** The value at {@code n}, typed and range-checked. */
    Object read(SpecNode n) {
        return switch (kind) {
            case INT -> n.asInt(rule);
            case REAL -> n.asDouble(rule);
            case FLAG -> n.asBool();
            case CHOICE -> n.asChoice(key, choices);
            case PAIR -> n.asDoubles(2, rule);
        };
    }

    /** Each param of {@code params} read from {@code map} or defaulted, in the params' order. */
    static Map<String, Object> readAll(SpecNode map, List<Param> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Param p : params) {
            Optional<SpecNode> n = map.get(p.key);
            if (n.isPresent()) {
                out.put(p.key, p.read(n.get()));
            } else if (p.required()) {
                throw map.error("missing required key '" + p.key + "'");
            } else {
                out.put(p.key, p.defaultValue);
            }
        }
        return out;
    }

    /**
     * {@code v} in the canonical type of this param ({@code Integer}, {@code Double}, {@code Boolean},
     * {@code String}, {@code List<Double>}), or an {@link IllegalArgumentException} whose message starts
     * with the key: {@code lr must be > 0, got -1.0}.
     */
    Object coerce(Object v) {
        Object c = switch (kind) {
            case INT -> v instanceof Integer || v instanceof Long || v instanceof Short ? ((Number) v).intValue()
                    : null;
            case REAL -> v instanceof Number num ? num.doubleValue() : null;
            case FLAG -> v instanceof Boolean ? v : null;
            case CHOICE -> v instanceof String s && choices.contains(s) ? s : null;
            case PAIR -> v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number a
                    && l.get(1) instanceof Number b ? List.of(a.doubleValue(), b.doubleValue()) : null;
        };
        if (c == null) {
            String expected = switch (kind) {
                case INT -> "an integer";
                case REAL -> "a number";
                case FLAG -> "a boolean";
                case CHOICE -> "one of " + choices;
                case PAIR -> "a list of 2 numbers";
            };
            throw new IllegalArgumentException(key + " must be " + expected + ", got " + v);
        }
        List<?> numbers = c instanceof List<?> l ? l : List.of(c);
        for (Object x : numbers) {
            if (x instanceof Number num) {
                double d = num.doubleValue();
                String violation = Double.isFinite(d) ? rule.violation(d) : "must be finite";
                if (violation != null) {
                    throw new IllegalArgumentException(key + " " + violation + ", got " + x);
                }
            }
        }
        return c;
    }
}
