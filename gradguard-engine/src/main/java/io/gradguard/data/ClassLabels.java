package io.gradguard.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Maps the raw target values of a classification column to class indices {@code 0..k-1}: the distinct
 * values, sorted numerically if they are all numbers (so {@code 2 < 10}, and {@code 1} and {@code 1.0} are
 * one class, named as first seen) and as strings otherwise, get consecutive indices, as scikit-learn's
 * {@code LabelEncoder} does.
 */
record ClassLabels(float[] indices, List<String> names) {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    static ClassLabels of(List<String> raw) {
        boolean numeric = raw.stream().allMatch(s -> NUMBER.matcher(s).matches());
        Map<Object, String> firstSeen = new LinkedHashMap<>();
        TreeMap<Object, Integer> sorted = new TreeMap<>();
        for (String s : raw) {
            Object key = numeric ? (Object) Double.valueOf(s) : s;
            firstSeen.putIfAbsent(key, s);
            sorted.put(key, 0);
        }
        List<String> names = new ArrayList<>();
        int next = 0;
        for (Map.Entry<Object, Integer> e : sorted.entrySet()) {
            e.setValue(next++);
            names.add(firstSeen.get(e.getKey()));
        }
        float[] indices = new float[raw.size()];
        for (int i = 0; i < indices.length; i++) {
            String s = raw.get(i);
            indices[i] = sorted.get(numeric ? (Object) Double.valueOf(s) : s);
        }
        return new ClassLabels(indices, List.copyOf(names));
    }
}
