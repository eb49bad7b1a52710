package org.convlab.experiments;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The experiments {@code convlab} knows, in the order {@code reproduce} runs them.
 *
 * <p>To add an experiment, add one line to the list in {@link #canonical()}, keeping the
 * article's order: flipped-kernel, conv3d, transposed, dilated, spatially-separable,
 * depthwise-separable, grouped, arithmetic, group-specialisation (the order of {@link ArticleClaim}).
 */
public final class ExperimentRegistry {

    private final List<Experiment> experiments;

    /** A registry of these experiments, in this order. @throws IllegalArgumentException on a repeated id */
    public ExperimentRegistry(List<? extends Experiment> experiments) {
        Set<String> seen = new HashSet<>();
        for (Experiment e : experiments) {
            if (!seen.add(e.id())) {
                throw new IllegalArgumentException("two experiments have the id '" + e.id() + "'");
            }
        }
        this.experiments = List.copyOf(experiments);
    }

    /** The experiments of the article's claims written so far. */
    public static ExperimentRegistry canonical() {
        List<Experiment> experiments = new ArrayList<>();
        // One line per experiment, in ArticleClaim order, e.g.
        // experiments.add(new DilatedExperiment());
        experiments.add(new org.convlab.experiments.flipped.FlippedKernelExperiment());
        experiments.add(new org.convlab.experiments.conv3d.Conv3dExperiment());
        experiments.add(new org.convlab.experiments.transposed.TransposedExperiment());
        experiments.add(new org.convlab.experiments.dilated.DilatedExperiment());
        experiments.add(new org.convlab.experiments.separable.SpatiallySeparableExperiment());
        experiments.add(new org.convlab.experiments.separable.DepthwiseSeparableExperiment());
        experiments.add(new org.convlab.experiments.grouped.GroupedExperiment());
        experiments.add(new org.convlab.experiments.arithmetic.ArithmeticExperiment());
        experiments.add(new org.convlab.experiments.grouped.GroupSpecialisationExperiment());
        return new ExperimentRegistry(experiments);
    }

    /** All experiments, in run order. */
    public List<Experiment> all() {
        return experiments;
    }

    public Optional<Experiment> find(String id) {
        return experiments.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    public List<String> ids() {
        return experiments.stream().map(Experiment::id).toList();
    }

    /** The article's claims that no registered experiment checks yet. */
    public List<ArticleClaim> untestedClaims() {
        List<ArticleClaim> untested = new ArrayList<>();
        for (ArticleClaim claim : ArticleClaim.values()) {
            if (find(claim.id()).isEmpty()) {
                untested.add(claim);
            }
        }
        return untested;
    }
}
