package io.gradguard.guard.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads detector state maps back, whether they come straight from {@link Detector#state()} or through JSON
 * (where a long may come back as an Integer and a non-finite double as the string "NaN"). Errors name the
 * detector and the key.
 */
final class State {
    private State() {
    }

    /** The number under {@code key}, or null when absent. */
    static Double optNumber(Map<String, Object> state, String detector, String key) {
        Object v = state.get(key);
        if (v == null) {
            return null;
        }
        return toDouble(v, detector, key);
    }

    static double number(Map<String, Object> state, String detector, String key) {
        Double v = optNumber(state, detector, key);
        if (v == null) {
            throw new IllegalArgumentException(detector + " state lacks '" + key + "'");
        }
        return v;
    }

    /** The integer under {@code key}, or null when absent. */
    static Long optInteger(Map<String, Object> state, String detector, String key) {
        Object v = state.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw new IllegalArgumentException(detector + " state '" + key + "' must be an integer, got " + v);
    }

    static long integer(Map<String, Object> state, String detector, String key, long absent) {
        Long v = optInteger(state, detector, key);
        return v == null ? absent : v;
    }

    /** The list of numbers under {@code key}; empty when absent. */
    static List<Double> numbers(Map<String, Object> state, String detector, String key) {
        Object v = state.get(key);
        List<Double> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException(detector + " state '" + key + "' must be a list, got " + v);
        }
        for (Object o : list) {
            out.add(toDouble(o, detector, key));
        }
        return out;
    }

    /** The map under {@code key} (string keys); empty when absent. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> state, String detector, String key) {
        Object v = state.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(detector + " state '" + key + "' must be an object, got " + v);
        }
        return (Map<String, Object>) v;
    }

    private static double toDouble(Object v, String detector, String key) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException(detector + " state '" + key + "' must be a number, got " + v);
    }
}
