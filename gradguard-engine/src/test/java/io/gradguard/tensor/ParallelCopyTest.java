package io.gradguard.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParallelCopyTest {
    @Test
    void copiesEveryFloatAtLengthsAroundTheChunkSize() {
        int c = Parallel.COPY_CHUNK;
        for (int n : new int[] {0, 1, c - 1, c, c + 1, 3 * c + 17}) {
            float[] src = new float[n];
            for (int i = 0; i < n; i++) {
                src[i] = i * 0.5f - 3;
            }
            float[] dst = new float[n + 2];
            dst[n] = 42f; // beyond the source: untouched
            Parallel.copy(src, dst);
            for (int i = 0; i < n; i++) {
                if (dst[i] != src[i]) {
                    throw new AssertionError("n=" + n + ": dst[" + i + "] = " + dst[i] + ", src " + src[i]);
                }
            }
            assertThat(dst[n]).as("n=" + n).isEqualTo(42f);
        }
    }

    @Test
    void aShortDestinationIsRefusedWithBothLengths() {
        assertThatThrownBy(() -> Parallel.copy(new float[5], new float[4]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Parallel.copy: destination has 4 floats, source 5");
    }
}
