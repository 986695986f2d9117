package io.gradguard.guard.diagnose;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One likely cause of the incidents, with the numbers behind it and what to change.
 *
 * @param cause           stable id: {@link #BAD_INIT_SCALE}, {@link #SIGMOID_SATURATION}, {@link #RELU_DEAD},
 *                        {@link #DEPTH_WITHOUT_NORMALIZATION}, {@link #RECURRENT_SPECTRAL_RADIUS},
 *                        {@link #LEARNING_RATE_TOO_HIGH}, {@link #WEAK_REGULARIZATION}, {@link #TRANSIENT_FAULT}
 * @param confidence      in [0, 1]; diagnoses are ranked by it
 * @param explanation     the measured and predicted numbers, in words
 * @param recommendations changes in run-spec terms ({@code set model.init: he_normal (predicted gain 1.00 per
 *                        layer)}), most effective first
 * @param evidence        the incidents it rests on ({@code depth_explosion at step 0})
 */
public record Diagnosis(String cause, double confidence, String explanation, List<String> recommendations,
                        List<String> evidence) {
    public static final String BAD_INIT_SCALE = "bad_init_scale";
    public static final String SIGMOID_SATURATION = "sigmoid_saturation";
    public static final String RELU_DEAD = "relu_dead";
    public static final String DEPTH_WITHOUT_NORMALIZATION = "depth_without_normalization";
    public static final String RECURRENT_SPECTRAL_RADIUS = "recurrent_spectral_radius";
    public static final String LEARNING_RATE_TOO_HIGH = "learning_rate_too_high";
    public static final String WEAK_REGULARIZATION = "weak_regularization";
    /** A non-finite value that did not come from the model's computation (data, hardware, injected fault). */
    public static final String TRANSIENT_FAULT = "transient_fault";

    public Diagnosis {
        if (cause == null || cause.isBlank()) {
            throw new IllegalArgumentException("Diagnosis cause must not be blank, got '" + cause + "'");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("Diagnosis " + cause + " confidence must be in [0, 1], got "
                    + confidence);
        }
        if (explanation == null) {
            throw new IllegalArgumentException("Diagnosis " + cause + " explanation must not be null");
        }
        recommendations = List.copyOf(recommendations);
        evidence = List.copyOf(evidence);
    }

    /** JSON-ready form: {@code cause, confidence, explanation, recommendations, evidence}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cause", cause);
        m.put("confidence", confidence);
        m.put("explanation", explanation);
        m.put("recommendations", recommendations);
        m.put("evidence", evidence);
        return m;
    }

    /** Reads {@link #toMap()}'s form back (e.g. parsed from JSON); numbers may be any {@link Number}. */
    @SuppressWarnings("unchecked")
    public static Diagnosis fromMap(Map<String, Object> m) {
        Object c = m.get("confidence");
        if (!(c instanceof Number n)) {
            throw new IllegalArgumentException("diagnosis '" + m.get("cause") + "' confidence must be a number, got "
                    + c);
        }
        return new Diagnosis((String) m.get("cause"), n.doubleValue(), (String) m.get("explanation"),
                (List<String>) m.getOrDefault("recommendations", List.of()),
                (List<String>) m.getOrDefault("evidence", List.of()));
    }
}
