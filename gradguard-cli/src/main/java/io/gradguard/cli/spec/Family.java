package io.gradguard.cli.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of named variants and their params ({@code activation}: relu, leaky_relu(negative_slope), ...),
 * with aliases ({@code he_normal -> kaiming_normal}).
 */
record Family(String kind, Map<String, List<Param>> members, Map<String, String> aliases) {

    /** Every accepted name: canonical names, then aliases. */
    List<String> names() {
        List<String> names = new ArrayList<>(members.keySet());
        names.addAll(aliases.keySet());
        return names;
    }

    boolean accepts(String name) {
        return members.containsKey(aliases.getOrDefault(name, name));
    }

    /** The canonical name at {@code n}: {@code data.name: unknown generator 'spiral' (line 5); known: ...}. */
    String resolve(SpecNode n) {
        String name = n.asString();
        if (!accepts(name)) {
            throw n.error("unknown " + kind + " '" + name + "'", "known: " + String.join(", ", names()));
        }
        return aliases.getOrDefault(name, name);
    }

    List<Param> params(String canonical) {
        return members.get(canonical);
    }

    /** The keys a map form accepts: {@code name} first, then the params. */
    List<String> keysWithName(String canonical, String... extra) {
        List<String> keys = new ArrayList<>();
        keys.add("name");
        for (Param p : params(canonical)) {
            keys.add(p.key());
        }
        keys.addAll(List.of(extra));
        return keys;
    }

    /** All params at their defaults (an {@link IllegalArgumentException} if one is required). */
    Map<String, Object> defaults(String canonical) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Param p : params(canonical)) {
            if (p.required()) {
                throw new IllegalArgumentException(kind + " " + canonical + " has no default for '" + p.key() + "'");
            }
            out.put(p.key(), p.defaultValue());
        }
        return out;
    }

    /** All params but {@code skip} at their defaults ({@code skip} is given another way, as a short form). */
    Map<String, Object> defaultsExcept(String canonical, String skip) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Param p : params(canonical)) {
            out.put(p.key(), p.key().equals(skip) ? null : p.defaultValue());
        }
        return out;
    }

    /**
     * Checks a resolved variant for a record's constructor: a canonical name, every param present (defaults
     * filled) with the right type and range. Returns an unmodifiable copy in canonical order.
     */
    @SuppressWarnings("unchecked")
    <V> Map<String, V> check(String owner, String name, Map<String, ? extends V> params) {
        if (name == null || !members.containsKey(name)) {
            throw new IllegalArgumentException(owner + " name must be one of " + members.keySet() + ", got '"
                    + name + "'");
        }
        if (params == null) {
            throw new IllegalArgumentException(owner + " " + name + " params must not be null");
        }
        List<Param> defs = members.get(name);
        List<String> keys = defs.stream().map(Param::key).toList();
        if (!params.keySet().equals(new java.util.HashSet<>(keys))) {
            throw new IllegalArgumentException(owner + " " + name + " needs exactly the params " + keys
                    + " (defaults filled), got " + params.keySet());
        }
        Map<String, V> out = new LinkedHashMap<>();
        try {
            for (Param p : defs) {
                out.put(p.key(), (V) p.coerce(params.get(p.key())));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(owner + " " + name + " " + e.getMessage(), e);
        }
        Catalog.Violation v = Catalog.crossCheck(this, name, (Map<String, Object>) out);
        if (v != null) {
            throw new IllegalArgumentException(owner + " " + name + " " + v.key() + " " + v.problem());
        }
        return Collections.unmodifiableMap(out);
    }
}
