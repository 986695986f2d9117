package io.gradguard.guard.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.guard.ParamView;
import io.gradguard.guard.StepView;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitorTest {
    private static ParamView p(String name, int[] shape, float[] values, float[] grad) {
        return ParamView.of(name, shape, values, grad);
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void normsAreGroupedByLayerAndGlobal() {
        // layers.0: weight grad [3, 4] (norm 5), bias grad [0, 0]; layers.1: weight grad [1, 1, 1, 1] (norm 2).
        List<ParamView> ps = List.of(
                p("layers.0.weight", new int[] {1, 2}, new float[] {1, 1}, new float[] {3, 4}),
                p("layers.0.bias", new int[] {1}, new float[] {0}, new float[] {0}),
                p("layers.1.weight", new int[] {2, 2}, filled(4, 1), filled(4, 1)));
        StepStats s = new Monitor(new MonitorConfig(1)).observe(new StepView(0, 1.5, 0.1, ps));
        assertThat(s.layers()).extracting(LayerStats::layer).containsExactly("layers.0", "layers.1");
        assertThat(s.layer("layers.0").gradNorm()).isEqualTo(5.0);
        assertThat(s.layer("layers.0").gradMaxAbs()).isEqualTo(4.0);
        assertThat(s.layer("layers.1").gradNorm()).isEqualTo(2.0);
        assertThat(s.globalNorm()).isCloseTo(Math.sqrt(29), within(1e-12));
        assertThat(s.firstLastRatio()).isEqualTo(2.5); // 5 / 2
        assertThat(s.layer("layers.0").weightNorm()).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(s.finite()).isTrue();
    }

    @Test
    void overflowSafeAtHugeAndTinyValues() {
        // 1e30^2 = 1e60 overflows float32 but not double: the norm of 100 such values is 1e31.
        float[] huge = filled(100, 1e30f);
        float[] tiny = filled(100, 1e-30f);
        StepStats s = new Monitor(MonitorConfig.defaults()).observe(new StepView(1, 0, 0.1, List.of(
                p("a.weight", new int[] {10, 10}, filled(100, 1), huge))));
        assertThat(s.globalNorm()).isCloseTo(1e31, within(1e31 * 1e-6));
        assertThat(s.nonFinite()).isZero();
        StepStats t = new Monitor(MonitorConfig.defaults()).observe(new StepView(1, 0, 0.1, List.of(
                p("a.weight", new int[] {10, 10}, filled(100, 1), tiny))));
        // 1e-30^2 = 1e-60 underflows float32 to 0 but is a normal double: the norm is 1e-29, not 0.
        assertThat(t.globalNorm()).isCloseTo(1e-29, within(1e-29 * 1e-6));
    }

    @Test
    void countsNonFiniteAndNamesTheFirstParameter() {
        float[] g1 = {1, Float.NaN, 2, Float.POSITIVE_INFINITY};
        float[] g2 = {Float.NEGATIVE_INFINITY, 0};
        StepStats s = new Monitor(MonitorConfig.defaults()).observe(new StepView(3, Double.NaN, 0.1, List.of(
                p("layers.0.weight", new int[] {2, 2}, filled(4, 1), new float[] {1, 2, 3, 4}),
                p("layers.1.weight", new int[] {2, 2}, filled(4, 1), g1),
                p("layers.2.weight", new int[] {1, 2}, filled(2, 1), g2))));
        assertThat(s.nonFinite()).isEqualTo(3);
        assertThat(s.firstNonFinite()).isEqualTo("layers.1.weight");
        assertThat(s.layer("layers.1").nanCount()).isEqualTo(1);
        assertThat(s.layer("layers.1").infCount()).isEqualTo(1);
        assertThat(s.layer("layers.2").infCount()).isEqualTo(1);
        assertThat(s.layer("layers.0").finite()).isTrue();
        assertThat(s.finite()).isFalse();
        assertThat(s.globalNorm()).isNaN();
    }

    @Test
    void deadFractionCountsAllZeroGradientRows() {
        // 4 output units, rows 1 and 3 have zero gradient: half the units were inactive on the batch.
        float[] g = {1, 2, 0, 0, 3, 0, 0, 0};
        StepStats s = new Monitor(MonitorConfig.defaults()).observe(new StepView(0, 1, 0.1, List.of(
                p("fc.weight", new int[] {4, 2}, filled(8, 1), g), p("fc.bias", new int[] {4}, filled(4, 0),
                        new float[] {1, 0, 1, 0}))));
        assertThat(s.layer("fc").deadFraction()).isEqualTo(0.5);
    }

    @Test
    void updateRatioComparesWeightsWithTheStepBefore() {
        Monitor m = new Monitor(new MonitorConfig(5));
        float[] w = filled(100, 1f);
        float[] g = filled(100, 1f);
        ParamView pv = p("fc.weight", new int[] {10, 10}, w, g);
        for (long step = 0; step < 4; step++) {
            StepStats s = m.observe(new StepView(step, 1, 0.1, List.of(pv)));
            assertThat(s.layer("fc").updateRatio()).isNaN();
            assertThat(s.costly()).isEqualTo(step == 0);
        }
        // Step 4 snapshots the weights (the step before a costly one); the optimiser then moves each
        // weight by 0.001, so at step 5 ||dW|| / ||W|| = 0.001 * 10 / 10 = 1e-3: log10 = -3.
        m.observe(new StepView(4, 1, 0.1, List.of(pv)));
        Arrays.fill(w, 1.001f);
        StepStats s5 = m.observe(new StepView(5, 1, 0.1, List.of(pv)));
        assertThat(s5.costly()).isTrue();
        assertThat(s5.layer("fc").updateRatio()).isCloseTo(-3.0, within(1e-3));
        assertThat(s5.layer("fc").weightNorm()).isCloseTo(10.01, within(1e-4));
    }

    @Test
    void nullGradientsAreSkipped() {
        StepStats s = new Monitor(MonitorConfig.defaults()).observe(new StepView(0, 1, 0.1, List.of(
                p("frozen.weight", new int[] {2, 2}, filled(4, 1), null),
                p("fc.weight", new int[] {1, 2}, filled(2, 1), new float[] {3, 4}))));
        assertThat(s.layer("frozen").elements()).isZero();
        assertThat(s.globalNorm()).isEqualTo(5.0);
        assertThat(s.firstLastRatio()).isNaN(); // only one layer has gradients
    }

    @Test
    void rejectsBadConfigAndMismatchedViews() {
        assertThatThrownBy(() -> new MonitorConfig(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("monitor costly_every must be >= 1, got 0");
        assertThatThrownBy(() -> ParamView.of("fc.weight", new int[] {2, 3}, new float[6], new float[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fc.weight").hasMessageContaining("[2, 3]").hasMessageContaining("grad has 5");
    }

    @Test
    void biasGradientNormIsTheLayersBackpropagatedSignal() {
        StepStats s = new Monitor(MonitorConfig.defaults()).observe(new StepView(0, 1, 0.1, List.of(
                p("fc.weight", new int[] {2, 2}, filled(4, 1), new float[] {1, 1, 1, 1}),
                p("fc.bias", new int[] {2}, filled(2, 0), new float[] {3, 4}),
                p("out.weight", new int[] {1, 2}, filled(2, 1), new float[] {1, 1}))));
        assertThat(s.layer("fc").biasGradNorm()).isEqualTo(5.0);
        assertThat(s.layer("fc").gradNorm()).isCloseTo(Math.sqrt(29), within(1e-12));
        assertThat(s.layer("out").biasGradNorm()).isNaN();
    }

    @Test
    void chunkedPassesOnOtherThreadsGiveTheSerialStatistics() throws Exception {
        // fc1.weight spans 3 chunks and fc2.weight 2 (CHUNK floats each); the NaN and the Inf sit in the
        // last chunks, the largest |g| in a middle one. Workers that run the chunks in reverse order on two
        // pool threads must give exactly what the calling thread gives alone: slots are summed in order.
        java.util.SplittableRandom r = new java.util.SplittableRandom(13);
        int n1 = 2 * Monitor.CHUNK + 100;
        int n2 = Monitor.CHUNK + 7;
        float[] w1 = new float[n1];
        float[] g1 = new float[n1];
        float[] w2 = new float[n2];
        float[] g2 = new float[n2];
        for (float[] a : new float[][] {w1, g1, w2, g2}) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) r.nextGaussian();
            }
        }
        g1[Monitor.CHUNK + 5] = -40f;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        io.gradguard.guard.Workers threaded = (tasks, body) -> {
            List<java.util.concurrent.Future<?>> fs = new java.util.ArrayList<>();
            for (int t = tasks - 1; t >= 0; t--) {
                int task = t;
                fs.add(pool.submit(() -> body.accept(task)));
            }
            for (java.util.concurrent.Future<?> f : fs) {
                try {
                    f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        try {
            Monitor serial = new Monitor(new MonitorConfig(2));
            Monitor parallel = new Monitor(new MonitorConfig(2));
            for (long step = 0; step < 4; step++) {
                if (step == 3) {
                    g1[n1 - 1] = Float.NaN;
                    g2[n2 - 1] = Float.POSITIVE_INFINITY;
                }
                List<ParamView> ps = List.of(p("fc1.weight", new int[] {n1 / 4, 4}, w1, g1),
                        p("fc1.bias", new int[] {3}, new float[3], new float[] {3, 0, 4}),
                        p("fc2.weight", new int[] {n2}, w2, g2));
                StepStats a = serial.observe(new StepView(step, 1, 0.1, ps));
                StepStats b = parallel.observe(new StepView(step, 1, 0.1, ps), threaded);
                assertThat(b).as("step " + step).isEqualTo(a);
                if (step == 2) {
                    assertThat(a.layer("fc1").gradMaxAbs()).isEqualTo(40.0);
                    // a third of the ~N(0, 1) weights moved by 1e-3: log10(1e-3 / sqrt(3)) = -3.24
                    assertThat(a.layer("fc1").updateRatio()).isCloseTo(-3.24, within(0.02));
                    assertThat(a.layer("fc1").biasGradNorm()).isEqualTo(5.0);
                    double ref = 0;
                    for (float v : g1) {
                        ref += (double) v * v;
                    }
                    assertThat(a.layer("fc1").gradNorm()).isCloseTo(Math.sqrt(ref + 25), within(1e-9 * Math.sqrt(ref)));
                }
                for (int i = 0; i < w1.length; i += 3) {
                    w1[i] += 1e-3f; // the optimiser moves some weights every step
                }
            }
            StepStats last = parallel.observe(new StepView(4, 1, 0.1, List.of(p("fc1.weight", new int[] {n1 / 4, 4},
                    w1, g1))), threaded);
            assertThat(last.layer("fc1").nanCount()).isEqualTo(1);
            assertThat(last.firstNonFinite()).isEqualTo("fc1.weight");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aGradientOfTheWrongLengthIsNamed() {
        ParamView bad = new ParamView() {
            public String name() {
                return "fc.weight";
            }

            public int[] shape() {
                return new int[] {2, 2};
            }

            public float[] values() {
                return new float[4];
            }

            public float[] grad() {
                return new float[3];
            }
        };
        assertThatThrownBy(() -> new Monitor(MonitorConfig.defaults()).observe(new StepView(0, 1, 0.1, List.of(bad))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'fc.weight' has shape [2, 2] (4 values) but a gradient of 3");
    }

    @Test
    void anOrdinaryStepNeverAsksForTheValues() {
        // A host may copy values on request (the DJL host copies them out of libtorch): only costly steps
        // and the step before one (the update-ratio copy) may ask.
        int[] asked = {0};
        ParamView counting = new ParamView() {
            final float[] w = filled(6, 1);
            final float[] g = filled(6, 0.5f);

            public String name() {
                return "fc.weight";
            }

            public int[] shape() {
                return new int[] {2, 3};
            }

            public float[] values() {
                asked[0]++;
                return w;
            }

            public float[] grad() {
                return g;
            }
        };
        Monitor m = new Monitor(new MonitorConfig(10));
        for (long step = 1; step <= 8; step++) {
            m.observe(new StepView(step, 1, 0.1, List.of(counting)));
        }
        assertThat(asked[0]).isZero();
        m.observe(new StepView(9, 1, 0.1, List.of(counting))); // copies the weights for step 10's update ratio
        m.observe(new StepView(10, 1, 0.1, List.of(counting))); // costly
        assertThat(asked[0]).isEqualTo(2);
    }

    @Test
    void aGradientInTheHostsMemoryIsReadThereWithTheSameStatisticsAndNeverCopied() {
        // The DJL host offers each gradient in libtorch's memory; grad() would copy it. The monitor must read
        // the memory and give what it gives for the same numbers on the heap (to float32 summation).
        java.util.SplittableRandom r = new java.util.SplittableRandom(21);
        int rows = 40;
        int cols = 1700; // 68,000 floats: three of the monitor's chunks
        float[] g = new float[rows * cols];
        for (int i = cols; i < g.length; i++) { // row 0 stays zero: one dead unit in 40
            g[i] = (float) (r.nextGaussian() * 0.01);
        }
        float[] w = filled(rows * cols, 0.1f);
        float[] b = filled(rows, 0.2f);
        int[] copies = {0};
        ParamView inMemory = new ParamView() {
            final java.nio.ByteBuffer memory = io.gradguard.guard.monitor.ScanKernelTest.memory(g);

            public String name() {
                return "fc.weight";
            }

            public int[] shape() {
                return new int[] {rows, cols};
            }

            public float[] values() {
                return w;
            }

            public float[] grad() {
                copies[0]++;
                return g;
            }

            public java.nio.ByteBuffer gradMemory() {
                return memory;
            }

            public boolean hasGrad() {
                return true;
            }
        };
        ParamView bias = ParamView.of("fc.bias", new int[] {rows}, b, filled(rows, 0.5f));
        StepStats onHeap = new Monitor(new MonitorConfig(5)).observe(new StepView(3, 1, 0.1,
                List.of(ParamView.of("fc.weight", new int[] {rows, cols}, w, g), bias)));
        StepStats inHost = new Monitor(new MonitorConfig(5)).observe(new StepView(3, 1, 0.1, List.of(inMemory, bias)));
        assertThat(copies[0]).isZero();
        assertThat(inHost.globalNorm()).isCloseTo(onHeap.globalNorm(), within(1e-6 * onHeap.globalNorm()));
        LayerStats a = onHeap.layers().get(0);
        LayerStats c = inHost.layers().get(0);
        assertThat(c.gradNorm()).isCloseTo(a.gradNorm(), within(1e-6 * a.gradNorm()));
        assertThat(c.gradMaxAbs()).isEqualTo(a.gradMaxAbs());
        assertThat(c.deadFraction()).isEqualTo(a.deadFraction()).isEqualTo(1.0 / rows);
        assertThat(c.elements()).isEqualTo(a.elements()).isEqualTo(rows * cols + rows);
        assertThat(c.nanCount()).isZero();

        g[5 * cols + 7] = Float.NaN; // the memory is a copy taken above: poison it there too
        inMemory.gradMemory().putFloat(4 * (5 * cols + 7), Float.NaN);
        StepStats poisoned = new Monitor(new MonitorConfig(5)).observe(new StepView(3, 1, 0.1, List.of(inMemory, bias)));
        assertThat(poisoned.nonFinite()).isEqualTo(1);
        assertThat(poisoned.firstNonFinite()).isEqualTo("fc.weight");
        assertThat(poisoned.layers().get(0).gradMaxAbs()).isNaN();
        assertThat(copies[0]).isZero();
    }
}
