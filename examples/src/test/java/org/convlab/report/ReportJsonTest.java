package org.convlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.convlab.experiments.Claim;
import org.convlab.experiments.ExperimentResult;
import org.convlab.experiments.Figure;
import org.convlab.experiments.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportJsonTest {

    static final RunEnvironment ENVIRONMENT = new RunEnvironment("0123456789ab", "./convlab reproduce --seed 42", 2,
            "AMD EPYC 9B45", "Linux 6.1 amd64", "17.0.15 (OpenJDK 64-Bit Server VM)",
            "1.0.0-M2.1 (linux-x86_64-onednn)");

    static RunReport sampleReport() {
        ExperimentResult refuted = new ExperimentResult("transposed", "Transposed", "C^T Small = Large",
                "现在,如果我们在等式的两边都 乘上矩阵的转置$C^T$", Verdict.REFUTED, "C^T C is not the identity",
                "C^T maps Small to the shape of Large, not to Large.\nSecond line <with> \"quotes\"."
                        + "\nThe adjoint identity holds to 6.661338147750939E-16.",
                List.of(new Claim("identity", "一个矩阵与其转置矩阵的乘法得到一个单位矩阵", "C C^T = I",
                        Verdict.REFUTED, "||C C^T - I|| = 3.25", List.of(Figure.versus("||C C^T - I||", 3.25, 0, "")),
                        "charts/transposed-matrix.png", true)),
                List.of(Figure.versus("||C^T C - I||", 3.25, 0, "Frobenius norm"),
                        Figure.versus("output size", 4, "4x4", "pixels"),
                        Figure.measured("not measurable", Double.NaN, "")),
                List.of("charts/transposed-matrix.png", "charts/transposed-matrix.svg"),
                Map.of("charts/transposed-matrix.png", "The matrix C^T C; the identity would be a bright diagonal."),
                42, 12.5, false);
        ExperimentResult failed = new ExperimentResult("grouped", "Grouped", "claim", "", Verdict.FAILED,
                "error", "", null, List.of(), List.of(), null, 42, 0.01, true);
        return new RunReport("2024-01-01T00:00:00Z", 42, false, List.of(refuted, failed), List.of("conv3d"),
                ENVIRONMENT);
    }

    @Test
    void resultsJsonRoundTripsToEqualObjects(@TempDir Path tmp) throws IOException {
        RunReport report = sampleReport();
        Path file = tmp.resolve("results.json");

        ReportJson.write(file, report);

        assertEquals(report, ReportJson.read(file));
    }

    @Test
    void resultsJsonWrittenBeforeTheEnvironmentWasRecordedStillReads() throws IOException {
        String old = "{\"createdAt\":\"2024-01-01T00:00:00Z\",\"seed\":7,\"quick\":true,\"results\":[],"
                + "\"untested\":[]}";
        RunReport report = ReportJson.fromJson(old);
        assertEquals(7, report.seed());
        assertNull(report.environment());
        assertEquals("not recorded", ReportText.header(report).get("Machine"));
    }
}
