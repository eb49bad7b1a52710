package org.convlab.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convlab.io.AtomicFiles;

/**
 * Writes the three views of a run into the output directory: results.json, report.md, index.html.
 * Each file is replaced atomically, so a failed write leaves the earlier report readable.
 */
public final class ReportWriter {

    public static final String JSON = "results.json";
    public static final String MARKDOWN = "report.md";
    public static final String HTML = "index.html";

    private ReportWriter() {
    }

    public static void write(Path outDir, RunReport report) throws IOException {
        Files.createDirectories(outDir);
        write(outDir.resolve(JSON), ReportJson.toJson(report));
        write(outDir.resolve(MARKDOWN), MarkdownReport.render(report));
        write(outDir.resolve(HTML), HtmlReport.render(report, outDir));
    }

    private static void write(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
