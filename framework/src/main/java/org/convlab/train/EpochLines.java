package org.convlab.train;

import java.util.Locale;
import java.util.Map;

/** The one-line summary of an epoch shared by the progress displays. */
final class EpochLines {
    private EpochLines() {
    }

    static String format(EpochRecord r, int epochs) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  loss %.4f", r.epoch() + 1, epochs,
                r.trainLoss()));
        for (Map.Entry<String, Double> e : r.trainMetrics().entrySet()) {
            s.append(String.format(Locale.ROOT, "  %s %.4f", e.getKey(), e.getValue()));
        }
        if (r.validationLoss() != null) {
            s.append(String.format(Locale.ROOT, "  val_loss %.4f", r.validationLoss()));
        }
        for (Map.Entry<String, Double> e : r.validationMetrics().entrySet()) {
            s.append(String.format(Locale.ROOT, "  val_%s %.4f", e.getKey(), e.getValue()));
        }
        s.append(String.format(Locale.ROOT, "  lr %.3g", r.learningRate()));
        return s.toString();
    }
}
