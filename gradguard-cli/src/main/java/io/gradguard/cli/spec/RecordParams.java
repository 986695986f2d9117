package io.gradguard.cli.spec;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes config records (the guard's detectors and clipping policies) as spec maps: each record
 * component is a key in snake_case ({@code zThreshold -> z_threshold}), missing keys take the value of the
 * record's defaults, and the record's own constructor validates. One mapping serves the parser and the
 * writer, so a new detector parameter needs no spec code.
 */
final class RecordParams {
    private RecordParams() {
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** The keys a record type accepts. */
    static List<String> keys(Class<? extends Record> type) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            out.add(snake(c.getName()));
        }
        return out;
    }

    /** A record's values by spec key (enums as lower-case names). */
    static Map<String, Object> params(Record r) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(r);
                out.put(snake(c.getName()), v instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : v);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + r, e);
            }
        }
        return out;
    }

    /**
     * Builds a {@code type} from the keys of map node {@code n} (all optional), taking the others from
     * {@code defaults}. Errors name the key and its line.
     */
    @SuppressWarnings("unchecked")
    static <R extends Record> R read(SpecNode n, Class<R> type, R defaults, List<String> extraKeys) {
        List<String> allowed = new ArrayList<>(keys(type));
        allowed.addAll(extraKeys);
        n.allowKeys(allowed);
        RecordComponent[] comps = type.getRecordComponents();
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            RecordComponent c = comps[i];
            types[i] = c.getType();
            String key = snake(c.getName());
            var given = n.get(key);
            try {
                args[i] = given.isPresent() ? convert(given.get(), c.getType()) : c.getAccessor().invoke(defaults);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read default " + key + " of " + type.getSimpleName(), e);
            }
        }
        try {
            Constructor<R> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException iae) {
                throw n.error(iae.getMessage());
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    private static Object convert(SpecNode v, Class<?> t) {
        if (t == double.class) {
            if (v.isScalar()) {
                // YAML 1.1 spells infinity .inf (the writer emits it for an unset ceiling or norm_type inf).
                switch (v.asString().toLowerCase(java.util.Locale.ROOT)) {
                    case ".inf", "+.inf", "inf", "infinity" -> {
                        return Double.POSITIVE_INFINITY;
                    }
                    case "-.inf", "-inf", "-infinity" -> {
                        return Double.NEGATIVE_INFINITY;
                    }
                    default -> {
                        return v.asDouble(Rule.any());
                    }
                }
            }
            return v.asDouble(Rule.any());
        }
        if (t == int.class) {
            return v.asInt(Rule.any());
        }
        if (t == long.class) {
            return v.asLong();
        }
        if (t == boolean.class) {
            return v.asBool();
        }
        if (t.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object o : t.getEnumConstants()) {
                names.add(((Enum<?>) o).name().toLowerCase(Locale.ROOT));
            }
            String s = v.asChoice("value", names);
            return t.getEnumConstants()[names.indexOf(s)];
        }
        if (t == String.class) {
            return v.asString();
        }
        throw new IllegalStateException("unsupported parameter type " + t);
    }
}
