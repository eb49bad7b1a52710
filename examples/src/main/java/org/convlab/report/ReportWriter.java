package org.convlab.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the three views of a run into the output directory: results.json, report.md, index.html. */
public final class ReportWriter {

    public static final String JSON = "results.json";
    public static final String MARKDOWN = "report.md";
    public static final String HTML = "index.html";

    private ReportWriter() {
    }

    public static void write(Path outDir, RunReport report) throws IOException {
        Files.createDirectories(outDir);
        ReportJson.write(outDir.resolve(JSON), report);
        Files.writeString(outDir.resolve(MARKDOWN), MarkdownReport.render(report), StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve(HTML), HtmlReport.render(report, outDir), StandardCharsets.UTF_8);
    }
}
