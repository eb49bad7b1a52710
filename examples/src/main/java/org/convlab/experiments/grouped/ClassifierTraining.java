package org.convlab.experiments.grouped;

import java.util.ArrayList;
import java.util.List;
import org.convlab.data.Batch;
import org.convlab.data.BatchIterator;
import org.convlab.data.DataSet;
import org.convlab.experiments.Progress;
import org.convlab.experiments.support.Fit;
import org.convlab.nn.Layer;
import org.convlab.nn.loss.SoftmaxCrossEntropy;
import org.convlab.optim.AdamW;
import org.convlab.optim.Optimizer;
import org.nd4j.linalg.factory.Nd4j;

/** Mini-batch training of a classifier with AdamW and softmax cross-entropy, shared by the grouped experiments. */
final class ClassifierTraining {
    private ClassifierTraining() {
    }

    /** Trains {@code epochs} passes over {@code data} in seeded shuffled batches; returns the losses of every step. */
    static double[] train(Layer model, DataSet data, int epochs, int batchSize, double learningRate,
            double weightDecay, long seed, Progress progress) {
        BatchIterator batches = BatchIterator.builder(data, batchSize).shuffle(true).dropLast(true).seed(seed).build();
        List<Fit.Batch> all = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            for (Batch b : batches.epoch(e)) {
                all.add(new Fit.Batch(b.features(), Nd4j.createFromArray(b.labels())));
            }
        }
        Optimizer opt = AdamW.builder(model.parameters()).learningRate(learningRate).weightDecay(weightDecay).build();
        return Fit.steps(model, opt, new SoftmaxCrossEntropy(), all.size(), all::get, progress);
    }

    /** Steps {@link #train} will take. */
    static int steps(DataSet data, int epochs, int batchSize) {
        return steps(data.size(), epochs, batchSize);
    }

    static int steps(int size, int epochs, int batchSize) {
        return epochs * (size / batchSize);
    }

    static double accuracy(Layer model, DataSet data) {
        return Fit.accuracy(Fit.predict(model, data.features(), 256), data.labels());
    }
}
