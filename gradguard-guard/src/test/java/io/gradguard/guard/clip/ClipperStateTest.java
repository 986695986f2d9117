package io.gradguard.guard.clip;

import static io.gradguard.guard.clip.Params.vec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradguard.guard.ParamView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** state() -> JSON -> restore() must leave a clipper that behaves exactly like the original. */
class ClipperStateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final float[] NORMS = {1f, 1.5f, 0.8f, 1.2f, 9f, 1.1f, 0.9f, 30f, 1f, 1.3f, 25f, 0.7f};

    private static Map<String, Object> viaJson(Map<String, Object> state) throws Exception {
        return JSON.readValue(JSON.writeValueAsString(state), new TypeReference<Map<String, Object>>() { });
    }

    /** Feeds NORMS[from..to) as one-element gradients; returns every result and clipped gradient. */
    private static List<Object> run(Clipper clipper, int from, int to) {
        List<Object> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ParamView p = vec("w", NORMS[i], -NORMS[i] / 2);
            out.add(clipper.clip(List.of(p)));
            out.add(p.grad()[0]);
            out.add(p.grad()[1]);
        }
        return out;
    }

    private static void assertRoundTrip(ClipPolicy policy, int split) throws Exception {
        Clipper original = new Clipper(policy);
        run(original, 0, split);
        Map<String, Object> state = viaJson(original.state());
        Clipper restored = new Clipper(policy);
        restored.restore(state);
        assertThat(restored.state()).isEqualTo(original.state());
        assertThat(run(restored, split, NORMS.length)).isEqualTo(run(original, split, NORMS.length));
    }

    @Test
    void autoClipRoundTrip() throws Exception {
        assertRoundTrip(new ClipPolicy.AutoClip(25, 0), 6);
        assertRoundTrip(new ClipPolicy.AutoClip(25, 4), 6); // window full and wrapped
        assertRoundTrip(new ClipPolicy.AutoClip(25, 4), 2); // window not yet full
    }

    @Test
    void zClipRoundTripDuringAndAfterWarmUp() throws Exception {
        ClipPolicy z = new ClipPolicy.ZClip(0.9, 2.0, 4, ClipPolicy.ZClip.Mode.ADAPTIVE_SCALING);
        assertRoundTrip(z, 2); // mid warm-up: the buffer travels
        assertRoundTrip(z, 9); // after two spikes
    }

    @Test
    void statelessPoliciesCarryOnlyTheirKind() throws Exception {
        Clipper c = new Clipper(new ClipPolicy.GlobalNorm(1.0));
        assertThat(c.state()).isEqualTo(Map.of("policy", "GlobalNorm"));
        c.restore(viaJson(c.state()));
        assertRoundTrip(new ClipPolicy.GlobalNorm(1.0), 3);
    }

    @Test
    void restoreRejectsAnotherPolicysStateAndBadFields() {
        Clipper auto = new Clipper(new ClipPolicy.AutoClip(10, 0));
        Map<String, Object> zstate = new Clipper(new ClipPolicy.ZClip()).state();
        assertThatThrownBy(() -> auto.restore(zstate))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Clipper state is for policy 'ZClip' but this clipper is AutoClip");
        assertThatThrownBy(() -> auto.restore(Map.of("policy", "AutoClip", "history", List.of(1.0, "x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Clipper state field 'history[1]' must be a number, got x");
        Clipper z = new Clipper(new ClipPolicy.ZClip());
        assertThatThrownBy(() -> z.restore(Map.of("policy", "ZClip", "initialized", true, "mean", 1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Clipper state field 'var' must be a number, got null");
    }

    @Test
    void restoringALongerHistoryIntoABoundedWindowKeepsTheNewest() {
        Clipper c = new Clipper(new ClipPolicy.AutoClip(50, 2));
        c.restore(Map.of("policy", "AutoClip", "history", List.of(1, 2, 3))); // integers, as JSON may give
        assertThat(c.history()).containsExactly(2.0, 3.0);
    }
}
