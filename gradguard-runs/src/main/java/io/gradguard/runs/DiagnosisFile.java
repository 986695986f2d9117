package io.gradguard.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gradguard.guard.IncidentRecord;
import io.gradguard.guard.diagnose.Diagnosis;
import io.gradguard.guard.diagnose.DiagnosisReport;
import io.gradguard.io.AtomicFiles;
import java.io.IOException;
import java.util.List;

/** Writes {@code diagnosis.json} into a run directory: incident counts and the ranked causes. */
public final class DiagnosisFile {
    public static final String NAME = "diagnosis.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DiagnosisFile() {
    }

    public static void write(RunDirectory dir, List<Diagnosis> diagnoses, List<IncidentRecord> incidents)
            throws IOException {
        AtomicFiles.write(dir.root().resolve(NAME), JSON.writeValueAsBytes(DiagnosisReport.toMap(diagnoses, incidents)));
    }
}
