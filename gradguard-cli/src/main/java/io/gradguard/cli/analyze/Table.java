package io.gradguard.cli.analyze;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A named table of numbers and words, rendered as aligned text, CSV or JSON rows. */
final class Table {
    final String name;
    final List<String> columns;
    final List<List<Object>> rows = new ArrayList<>();

    Table(String name, String... columns) {
        this.name = name;
        this.columns = List.of(columns);
    }

    Table row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("table '" + name + "' has " + columns.size() + " columns, row has "
                    + cells.length);
        }
        rows.add(java.util.Collections.unmodifiableList(java.util.Arrays.asList(cells)));
        return this;
    }

    /** Doubles to 6 significant digits without trailing zeros, null as "-", integers and words as they are. */
    static String cell(Object v) {
        if (v == null) {
            return "-";
        }
        if (v instanceof Double d) {
            if (d == 0) {
                return "0";
            }
            if (!Double.isFinite(d)) {
                return d.toString();
            }
            String s = String.format(Locale.ROOT, "%.6g", d);
            int e = s.indexOf('e');
            String mantissa = e < 0 ? s : s.substring(0, e);
            if (mantissa.contains(".")) {
                mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            return e < 0 ? mantissa : mantissa + s.substring(e);
        }
        return String.valueOf(v);
    }

    String text() {
        int[] w = new int[columns.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = columns.get(c).length();
            for (List<Object> r : rows) {
                w[c] = Math.max(w[c], cell(r.get(c)).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        boolean[] left = new boolean[w.length];
        for (int c = 0; c < w.length; c++) {
            for (List<Object> r : rows) {
                left[c] |= r.get(c) != null && !(r.get(c) instanceof Number);
            }
        }
        line(sb, w, left, new ArrayList<>(columns));
        for (List<Object> r : rows) {
            line(sb, w, left, r);
        }
        return sb.toString();
    }

    /** Numbers right-aligned, words left-aligned. */
    private static void line(StringBuilder sb, int[] w, boolean[] left, List<?> cells) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < w.length; c++) {
            String s = cell(cells.get(c));
            String pad = " ".repeat(w[c] - s.length());
            l.append(c == 0 ? "" : "  ").append(left[c] ? s + pad : pad + s);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    /** RFC 4180 CSV with full-precision numbers. */
    String csv() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", columns.stream().map(Table::quote).toList())).append('\n');
        for (List<Object> r : rows) {
            sb.append(String.join(",", r.stream().map(v -> v == null ? "" : quote(String.valueOf(v))).toList()))
                    .append('\n');
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** One map per row, column name to value, for JSON. */
    List<Map<String, Object>> records() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<Object> r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                m.put(columns.get(c), r.get(c));
            }
            out.add(m);
        }
        return out;
    }
}
