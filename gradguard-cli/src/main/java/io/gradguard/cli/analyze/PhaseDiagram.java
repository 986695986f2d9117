package io.gradguard.cli.analyze;

import io.gradguard.analysis.MeanField;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code chi_1} over a grid of {@code sigma_w^2} x {@code sigma_b^2} and the critical line, computed once and
 * shown both as the {@code --phase-diagram} table and as the {@code --plot} figure.
 *
 * @param activation the activation's name
 * @param sigmaW2    grid columns: 0.5, 0.75, ..., 4
 * @param sigmaB2    grid rows: 0, 0.05, ..., 0.5
 * @param chi1       {@code chi1[row][column]} (Schoenholz et al. 2017, eq. 5, at the fixed point {@code q*})
 * @param critical   per row, the {@code sigma_w^2} where {@code chi_1 = 1}; NaN where there is none in
 *                   {@code [MeanFieldReports.LO, MeanFieldReports.HI]}
 * @param line       the critical line for drawing: {@code (sigma_w^2, sigma_b^2)} points at the rows' and
 *                   {@link #FINE_B2}'s bias variances, by increasing {@code sigma_b^2}, where one exists
 */
record PhaseDiagram(String activation, double[] sigmaW2, double[] sigmaB2, double[][] chi1, double[] critical,
                    List<double[]> line) {
    static final int COLUMNS = 15;
    static final int ROWS = 11;
    /**
     * Extra bias variances for the drawn line: for tanh-like activations the critical {@code sigma_w^2} rises
     * steeply from 1 at {@code sigma_b^2 = 0} (from 1 to 1.76 by 0.05), which the 0.05 grid cuts as a corner.
     */
    static final double[] FINE_B2 = {0.0025, 0.01, 0.025};

    static PhaseDiagram compute(MeanField theory) {
        double[] w = new double[COLUMNS];
        for (int i = 0; i < COLUMNS; i++) {
            w[i] = 0.5 + 0.25 * i;
        }
        double[] b = new double[ROWS];
        double[][] chi = new double[ROWS][COLUMNS];
        double[] critical = new double[ROWS];
        for (int j = 0; j < ROWS; j++) {
            b[j] = 0.05 * j;
            for (int i = 0; i < COLUMNS; i++) {
                chi[j][i] = theory.at(w[i], b[j]).chi1();
            }
            try {
                critical[j] = theory.criticalSigmaW2(b[j], MeanFieldReports.LO, MeanFieldReports.HI);
            } catch (IllegalArgumentException e) {
                critical[j] = Double.NaN;
            }
        }
        TreeMap<Double, Double> line = new TreeMap<>();
        for (int j = 0; j < ROWS; j++) {
            line.put(b[j], critical[j]);
        }
        for (double fine : FINE_B2) {
            try {
                line.put(fine, theory.criticalSigmaW2(fine, MeanFieldReports.LO, MeanFieldReports.HI));
            } catch (IllegalArgumentException e) {
                line.put(fine, Double.NaN);
            }
        }
        List<double[]> points = new ArrayList<>();
        line.forEach((sb2, sw2) -> {
            if (Double.isFinite(sw2)) {
                points.add(new double[] {sw2, sb2});
            }
        });
        return new PhaseDiagram(theory.activation().name(), w, b, chi, critical, List.copyOf(points));
    }
}
