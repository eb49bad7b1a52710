package org.convlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private static Claim claim(Verdict v) {
        return Claim.of("c" + v, "", "", v, "");
    }

    @Test
    void headlineIsTheWorstSubstantiveVerdict() {
        assertEquals(Verdict.CONFIRMED, Verdict.summarise(List.of(claim(Verdict.CONFIRMED))));
        assertEquals(Verdict.NOT_REPRODUCED,
                Verdict.summarise(List.of(claim(Verdict.CONFIRMED), claim(Verdict.NOT_REPRODUCED))));
        assertEquals(Verdict.REFUTED, Verdict.summarise(List.of(claim(Verdict.NOT_REPRODUCED), claim(Verdict.REFUTED),
                claim(Verdict.CONFIRMED))));
        assertEquals(Verdict.FAILED, Verdict.summarise(List.of(claim(Verdict.REFUTED), claim(Verdict.FAILED))));
    }

    @Test
    void errataDoNotDecideTheHeadline() {
        Claim slip = Claim.erratum("slip", "", "", false, "");
        assertEquals(Verdict.REFUTED, slip.verdict());
        assertEquals(Verdict.CONFIRMED, Verdict.summarise(List.of(claim(Verdict.CONFIRMED), slip)));
        assertEquals(Verdict.FAILED, Verdict.summarise(List.of(slip)), "nothing substantive to summarise");
    }

    @Test
    void builderTakesTheVerdictFromItsClaimsAndRejectsDuplicates() {
        ResultBuilder b = new ResultBuilder().id("x").check(claim(Verdict.CONFIRMED))
                .check(Claim.erratum("slip", "", "", false, ""));
        ExperimentResult r = b.build();
        assertEquals(Verdict.CONFIRMED, r.verdict());
        assertEquals(Verdict.REFUTED, r.claimCheck("slip").verdict());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> b.check(Claim.of("slip", "", "", Verdict.CONFIRMED, "")));
    }
}
