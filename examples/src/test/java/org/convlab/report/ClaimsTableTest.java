package org.convlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimsTableTest {

    @Test
    void everyClaimGetsARowAndAnExperimentWithoutClaimsGetsOne() {
        RunReport report = ReportJsonTest.sampleReport();
        List<ClaimsTable.Row> rows = ClaimsTable.rows(report);
        // transposed has one claim, the failed grouped run none: one row each.
        assertEquals(2, rows.size());
        assertEquals("identity", rows.get(0).claim().id());
        assertEquals("grouped", rows.get(1).experiment());
        assertEquals(org.convlab.experiments.Verdict.FAILED, rows.get(1).claim().verdict());
    }

    @Test
    void theLedgerIsTheFirstTableOfBothReports(@TempDir Path tmp) {
        RunReport report = ReportJsonTest.sampleReport();
        String md = MarkdownReport.render(report);
        int ledger = md.indexOf("## Claims ledger");
        assertTrue(ledger > 0 && ledger < md.indexOf("| Experiment | Verdict |"), md);
        assertTrue(md.contains("C C^T = I _(erratum)_"));
        assertTrue(md.contains("\\|\\|C C^T - I\\|\\|: 3.25 (article: 0)"), "pipes escaped in the cell");
        assertTrue(md.contains("1 REFUTED (1 of them errata)"));
        String html = HtmlReport.render(report, tmp);
        assertTrue(html.indexOf("Claims ledger") < html.indexOf("<th>Headline</th>"));
    }
}
