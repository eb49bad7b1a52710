package org.convlab.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;

/** Reads and writes {@code results.json}; a written report reads back equal to the original. */
public final class ReportJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // A report written by another version (a field more or less) still reads: runs merge into it.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ReportJson() {
    }

    public static void write(Path file, RunReport report) throws IOException {
        MAPPER.writeValue(file.toFile(), report);
    }

    public static RunReport read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), RunReport.class);
    }

    public static String toJson(RunReport report) throws IOException {
        return MAPPER.writeValueAsString(report);
    }

    public static RunReport fromJson(String json) throws IOException {
        return MAPPER.readValue(json, RunReport.class);
    }
}
