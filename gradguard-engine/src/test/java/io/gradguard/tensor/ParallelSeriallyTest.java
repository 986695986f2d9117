package io.gradguard.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ParallelSeriallyTest {
    @Test
    void insideSeriallyEveryTaskRunsOnTheCallingThreadAndTheModeIsRestored() {
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        int[] count = {0};
        Parallel.serially(() -> {
            assertThat(Parallel.serialOnThisThread()).isTrue();
            Parallel.serially(() -> assertThat(Parallel.serialOnThisThread()).isTrue());
            assertThat(Parallel.serialOnThisThread()).as("nested call restores the outer mode").isTrue();
            Parallel.forEach(64, i -> {
                seen.add(Thread.currentThread());
                synchronized (count) {
                    count[0]++;
                }
            });
        });
        assertThat(count[0]).isEqualTo(64);
        assertThat(seen).containsExactly(Thread.currentThread());
        assertThat(Parallel.serialOnThisThread()).isFalse();
    }
}
