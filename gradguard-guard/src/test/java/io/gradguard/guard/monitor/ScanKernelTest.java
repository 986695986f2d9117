package io.gradguard.guard.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScanKernelTest {
    static final ScanKernel PLAIN = new ScanKernel.Plain();
    static final ScanKernel VECTOR = new VectorScan(); // tests run with the module (parent pom argLine)

    @Test
    void bothKernelsMatchADoubleReferenceAtEveryTailLength() {
        SplittableRandom r = new SplittableRandom(3);
        for (int n = 0; n < 70; n++) {
            float[] x = new float[n];
            double ref = 0;
            float refMax = 0;
            for (int i = 0; i < n; i++) {
                x[i] = (float) (r.nextDouble() * 4 - 2);
                ref += (double) x[i] * x[i];
                refMax = Math.max(refMax, Math.abs(x[i]));
            }
            for (ScanKernel k : new ScanKernel[] {PLAIN, VECTOR}) {
                float[] m = new float[1];
                assertThat(k.scan(x, 0, n, m, 0)).as(k + " n=" + n).isCloseTo(ref, within(1e-12 * Math.max(1, ref)));
                assertThat(m[0]).as(k + " n=" + n).isEqualTo(refMax);
            }
        }
    }

    @Test
    void rangesScanOnlyTheirPartAndWriteOnlyTheirSlot() {
        SplittableRandom r = new SplittableRandom(7);
        float[] x = new float[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        x[2] = 50f; // outside every range below: must not show in a max
        for (int from = 5; from < 60; from += 7) {
            int to = from + 3 + 11 * (from % 5);
            double ref = 0;
            float refMax = 0;
            for (int i = from; i < to; i++) {
                ref += (double) x[i] * x[i];
                refMax = Math.max(refMax, Math.abs(x[i]));
            }
            for (ScanKernel k : new ScanKernel[] {PLAIN, VECTOR}) {
                float[] m = {-1, -1, -1};
                assertThat(k.scan(x, from, to, m, 2)).as(k + " [" + from + ", " + to + ")")
                        .isCloseTo(ref, within(1e-12 * Math.max(1, ref)));
                assertThat(m).as(k + " [" + from + ", " + to + ")").containsExactly(-1, -1, refMax);
                assertThat(k.sumOfSquares(x, from, to)).as(k + " sumOfSquares [" + from + ", " + to + ")")
                        .isCloseTo(ref, within(1e-12 * Math.max(1, ref)));
            }
        }
    }

    @Test
    void overflowSafeAtHugeValuesAndPreciseAtTinyOnes() {
        float[] huge = new float[1000];
        java.util.Arrays.fill(huge, 1e30f);
        float[] tiny = new float[1000];
        java.util.Arrays.fill(tiny, 1e-30f);
        for (ScanKernel k : new ScanKernel[] {PLAIN, VECTOR}) {
            float[] m = new float[1];
            // 1000 * (1e30)^2 = 1e63: far beyond float32, fine in double.
            assertThat(Math.sqrt(k.scan(huge, 0, 1000, m, 0))).isCloseTo(Math.sqrt(1000) * 1e30, within(1e24));
            assertThat(m[0]).isEqualTo(1e30f);
            assertThat(Math.sqrt(k.scan(tiny, 0, 1000, m, 0))).isCloseTo(Math.sqrt(1000) * 1e-30, within(1e-36));
        }
    }

    @Test
    void nonFiniteValuesMakeTheSumNonFinite() {
        float[] x = new float[37];
        x[20] = Float.NaN;
        float[] y = new float[37];
        y[36] = Float.NEGATIVE_INFINITY;
        for (ScanKernel k : new ScanKernel[] {PLAIN, VECTOR}) {
            assertThat(k.scan(x, 0, 37, new float[1], 0)).isNaN();
            float[] m = new float[1];
            assertThat(k.scan(y, 0, 37, m, 0)).isInfinite();
            assertThat(m[0]).isEqualTo(Float.POSITIVE_INFINITY);
        }
    }

    @Test
    void zeroRowsCountsRowsOfZerosAndNegativeZerosAtEveryWidth() {
        SplittableRandom r = new SplittableRandom(5);
        for (int cols = 1; cols < 70; cols += 3) {
            int rows = 9;
            float[] x = new float[rows * cols];
            int expected = 0;
            for (int row = 0; row < rows; row++) {
                int kind = row % 3; // 0: all zero (some -0.0), 1: one non-zero at a random column, 2: dense
                if (kind == 0) {
                    expected++;
                    x[row * cols + r.nextInt(cols)] = -0.0f;
                } else if (kind == 1) {
                    x[row * cols + r.nextInt(cols)] = 1e-38f; // a denormal-adjacent value still counts as live
                } else {
                    for (int c = 0; c < cols; c++) {
                        x[row * cols + c] = (float) r.nextGaussian();
                    }
                }
            }
            for (ScanKernel k : new ScanKernel[] {PLAIN, VECTOR}) {
                assertThat(k.zeroRows(x, rows, cols)).as(k + " cols=" + cols).isEqualTo(expected);
            }
        }
    }

    @Test
    void maxAbsOfANaNIsNaNAndOfNegativeValuesIsTheirMagnitude() {
        float[] x = new float[40];
        x[3] = -7f;
        x[39] = 2f;
        for (ScanKernel k : new ScanKernel[] {PLAIN, VECTOR}) {
            float[] m = new float[1];
            k.scan(x, 0, 40, m, 0);
            assertThat(m[0]).isEqualTo(7f);
            x[17] = Float.NaN;
            k.scan(x, 0, 40, m, 0);
            assertThat(m[0]).isNaN();
            x[17] = 0;
        }
    }

    @Test
    void diffScanMatchesADoubleReferenceAtEveryTailLength() {
        SplittableRandom r = new SplittableRandom(11);
        for (int n = 0; n < 40; n++) {
            float[] w = new float[n];
            float[] prev = new float[n];
            double refW = 0;
            double refD = 0;
            double refP = 0;
            for (int i = 0; i < n; i++) {
                prev[i] = (float) r.nextGaussian();
                w[i] = prev[i] + (float) (1e-3 * r.nextGaussian());
                double d = (double) w[i] - prev[i];
                refD += d * d;
                refP += (double) prev[i] * prev[i];
                refW += (double) w[i] * w[i];
            }
            for (ScanKernel k : new ScanKernel[] {PLAIN, VECTOR}) {
                double[] out = new double[6];
                k.diffScan(w, prev, 0, n, out, 1);
                assertThat(out[3]).as(k + " n=" + n).isCloseTo(refW, within(1e-12 * Math.max(1, refW)));
                assertThat(out[4]).as(k + " n=" + n).isCloseTo(refD, within(1e-12 * Math.max(1e-6, refD)));
                assertThat(out[5]).as(k + " n=" + n).isCloseTo(refP, within(1e-12 * Math.max(1, refP)));
                assertThat(out[0]).as("slot 0 untouched").isZero();
            }
        }
    }

    /** {@code x} as a host's memory: a direct float32 buffer in native order. */
    static ByteBuffer memory(float[] x) {
        ByteBuffer b = ByteBuffer.allocateDirect(4 * x.length).order(ByteOrder.nativeOrder());
        b.asFloatBuffer().put(x);
        return b;
    }

    @Test
    void aHostBufferGivesTheArraysStatisticsToFloat32RoundingAtEveryTailAndRange() {
        // The vector kernel sums squares in float32 over a buffer: each lane adds at most 1,024 terms for the
        // monitor's chunks, so the relative error is far below 1e-5 (PyTorch's own float32 norm is no closer).
        SplittableRandom r = new SplittableRandom(13);
        for (int n : new int[] {0, 1, 15, 16, 31, 33, 70, 1000, 32768 + 5}) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) (r.nextGaussian() * 1e-3);
            }
            ByteBuffer b = memory(x);
            int from = n / 3;
            for (ScanKernel k : new ScanKernel[] {PLAIN, VECTOR}) {
                for (int[] range : new int[][] {{0, n}, {from, n}}) {
                    float[] ma = {-1, -1};
                    float[] mb = {-1, -1};
                    double ref = PLAIN.scan(x, range[0], range[1], ma, 1);
                    assertThat(k.scan(b, range[0], range[1], mb, 1)).as(k + " n=" + n + " from " + range[0])
                            .isCloseTo(ref, within(1e-6 * ref));
                    assertThat(mb).as(k + " n=" + n).containsExactly(-1, ma[1]);
                    assertThat(k.sumOfSquares(b, range[0], range[1])).isCloseTo(ref, within(1e-6 * ref));
                }
            }
        }
    }

    @Test
    void aHostBufferIsOverflowSafeTinySafeAndShowsNonFiniteValues() {
        float[] huge = new float[1000];
        java.util.Arrays.fill(huge, 1e30f); // squares overflow float32: the range is redone in double
        float[] tiny = new float[1000];
        java.util.Arrays.fill(tiny, 1e-30f); // squares underflow float32: redone in double
        float[] zeros = new float[1000];
        float[] nan = new float[37];
        nan[20] = Float.NaN;
        float[] inf = new float[37];
        inf[36] = Float.NEGATIVE_INFINITY;
        for (ScanKernel k : new ScanKernel[] {PLAIN, VECTOR}) {
            float[] m = new float[1];
            assertThat(Math.sqrt(k.scan(memory(huge), 0, 1000, m, 0))).as(k.toString())
                    .isCloseTo(Math.sqrt(1000) * 1e30, within(1e24));
            assertThat(m[0]).isEqualTo(1e30f);
            assertThat(Math.sqrt(k.scan(memory(tiny), 0, 1000, m, 0))).as(k.toString())
                    .isCloseTo(Math.sqrt(1000) * 1e-30, within(1e-36));
            assertThat(k.scan(memory(zeros), 0, 1000, m, 0)).isZero();
            assertThat(m[0]).isZero();
            assertThat(k.scan(memory(nan), 0, 37, m, 0)).as(k.toString()).isNaN();
            assertThat(m[0]).isNaN();
            assertThat(k.scan(memory(inf), 0, 37, m, 0)).as(k.toString()).isInfinite();
            assertThat(m[0]).isEqualTo(Float.POSITIVE_INFINITY);
        }
    }

    @Test
    void zeroRowsOverAHostBufferAgreesWithTheArray() {
        SplittableRandom r = new SplittableRandom(17);
        for (int cols = 1; cols < 70; cols += 5) {
            int rows = 7;
            float[] x = new float[rows * cols];
            for (int row = 0; row < rows; row++) {
                if (row % 2 == 1) {
                    x[row * cols + r.nextInt(cols)] = (float) r.nextGaussian();
                }
            }
            for (ScanKernel k : new ScanKernel[] {PLAIN, VECTOR}) {
                assertThat(k.zeroRows(memory(x), rows, cols)).as(k + " cols=" + cols).isEqualTo(rows - rows / 2);
            }
        }
    }
}
