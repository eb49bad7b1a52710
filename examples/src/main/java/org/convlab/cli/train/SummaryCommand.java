package org.convlab.cli.train;

import java.nio.file.Path;
import org.convlab.io.ModelConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code convlab summary}: the layer table of a model config for one input shape. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print a model's layers with their output shapes, parameters and multiplications.")
public final class SummaryCommand extends ModelCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model config (JSON).")
    Path model;

    @Option(names = "--input", required = true, split = ",", paramLabel = "C,H,W", hideParamSyntax = true,
            description = "The shape of one input sample, without the batch axis, for example 1,28,28.")
    long[] input;

    @Override
    int execute() throws Exception {
        for (long size : input) {
            if (size < 1) {
                throw usage("--input " + joined() + ": every size must be >= 1");
            }
        }
        ModelConfig config = ModelFiles.readConfig(model);
        spec.commandLine().getOut().print(ModelFiles.summary(ModelFiles.build(config, model), input));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private String joined() {
        StringBuilder s = new StringBuilder();
        for (long v : input) {
            s.append(s.length() == 0 ? "" : ",").append(v);
        }
        return s.toString();
    }
}
