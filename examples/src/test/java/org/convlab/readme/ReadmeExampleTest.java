package org.convlab.readme;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
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
                .metrics(new Accuracy()).batchSize(64).shuffle(true).seed(42)   // the seed fixes the data order
                .listener(ProgressListener.forConsole()).build();
        trainer.fit(train, test, 3);                             // tests on `test` after every epoch

        double accuracy = trainer.evaluate(test).metrics().get("accuracy");
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

    @Test
    void theReadmeListsEveryImportTheExampleNeeds() throws IOException {
        String source = Files.readString(Path.of("src/test/java/org/convlab/readme/ReadmeExampleTest.java"));
        String readme = Files.readString(Path.of("../README.md"));
        List<String> imports = source.lines().filter(l -> l.startsWith("import org.convlab.")).toList();
        assertTrue(imports.size() >= 10, imports.toString());
        for (String line : imports) {
            assertTrue(readme.contains(line), "README.md must show '" + line + "'");
        }
        for (String coordinate : List.of("<groupId>org.convlab</groupId>", "<artifactId>convlab-framework</artifactId>",
                "<artifactId>convlab-datasets</artifactId>", "<version>" + projectVersion() + "</version>")) {
            assertTrue(readme.contains(coordinate), "README.md must give the Maven coordinate " + coordinate);
        }
    }

    private static String projectVersion() throws IOException {
        String pom = Files.readString(Path.of("../pom.xml"));
        return between(pom, "<artifactId>convlab-parent</artifactId>\n  <version>", "</version>");
    }

    private static String between(String text, String begin, String end) {
        int from = text.indexOf(begin) + begin.length();
        return text.substring(from, text.indexOf(end, from));
    }
}
