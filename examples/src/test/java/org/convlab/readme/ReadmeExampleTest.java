package org.convlab.readme;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.convlab.data.BatchIterator;
import org.convlab.data.DataSet;
import org.convlab.data.fashion.FashionMnist;
import org.convlab.nn.Sequential;
import org.convlab.nn.conv.Conv2d;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.loss.SoftmaxCrossEntropy;
import org.convlab.optim.Adam;
import org.convlab.train.Accuracy;
import org.convlab.train.BatchSource;
import org.convlab.train.MiniBatch;
import org.convlab.train.ProgressListener;
import org.convlab.train.Trainer;
import org.junit.jupiter.api.Test;

/**
 * The README's example, verbatim between the markers: it must compile, run and learn, and the
 * README must show exactly this code.
 */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleRunsAsWrittenAndLearns() {
        // README-EXAMPLE-BEGIN
        FashionMnist data = FashionMnist.load();                 // ships with ConvLab: no download
        DataSet train = data.train().head(2000);
        DataSet test = data.test().head(500);

        Sequential model = new Sequential(
                Conv2d.builder(1, 16, 3).padding(1).seed(1).build(), new ReLU(), new MaxPool2d(2),
                Conv2d.builder(16, 32, 3).padding(1).seed(2).build(), new ReLU(), new MaxPool2d(2),
                new Flatten(), Linear.builder(32 * 7 * 7, 10).seed(3).build());

        Trainer trainer = Trainer.builder(model, new SoftmaxCrossEntropy(),
                        Adam.builder(model.parameters()).learningRate(2e-3).build())
                .metrics(new Accuracy()).listener(ProgressListener.forConsole()).seed(42).build();
        BatchIterator batches = BatchIterator.builder(train, 64).shuffle(true).seed(42).build();
        trainer.fit(BatchSource.of(batches::epoch, b -> new MiniBatch(b.features(), b.labels())), null, 3);

        BatchIterator testBatches = BatchIterator.builder(test, 250).build();
        double accuracy = trainer.evaluate(BatchSource.of(testBatches::epoch,
                b -> new MiniBatch(b.features(), b.labels()))).metrics().get("accuracy");
        System.out.printf("test accuracy %.3f%n", accuracy);
        // README-EXAMPLE-END
        assertTrue(accuracy > 0.7, "a small CNN on 2,000 images for 3 epochs learns: accuracy " + accuracy);
    }

    @Test
    void theReadmeShowsExactlyThisExample() throws IOException {
        String source = Files.readString(Path.of("src/test/java/org/convlab/readme/ReadmeExampleTest.java"));
        String readme = Files.readString(Path.of("../README.md"));
        // The example is indented by 8 spaces in this file and by none in the README.
        String example = between(source, "// README-EXAMPLE-BEGIN\n", "        // README-EXAMPLE-END").lines()
                .map(line -> line.isBlank() ? "" : line.substring(8)).collect(Collectors.joining("\n", "", "\n"));
        assertTrue(readme.contains(example), "README.md must contain the example verbatim:\n" + example);
    }

    private static String between(String text, String begin, String end) {
        int from = text.indexOf(begin) + begin.length();
        return text.substring(from, text.indexOf(end, from));
    }
}
