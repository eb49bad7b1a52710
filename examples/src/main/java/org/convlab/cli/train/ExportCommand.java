package org.convlab.cli.train;

import java.nio.file.Files;
import java.nio.file.Path;
import org.convlab.io.NpzExport;
import org.convlab.nn.NamedArrays;
import org.convlab.nn.Sequential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code convlab export}: a checkpoint's weights as a NumPy {@code .npz} archive. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a trained model's weights as a NumPy .npz archive.",
            "One array per parameter in PyTorch's layouts, named index.LayerType.param (for example "
                    + "0.Conv2d.weight), then the BatchNorm running statistics."})
public final class ExportCommand extends ModelCommand {

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE|DIR",
            description = "A checkpoint file, or the --out directory of 'convlab train'.")
    Path checkpoint;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The .npz file to write.")
    Path out;

    @Override
    int execute() throws Exception {
        if (Files.isDirectory(out)) {
            throw usage("--out " + out + " is a directory; name the .npz file to write");
        }
        Sequential model = ModelFiles.readCheckpoint(checkpoint).buildModel();
        NpzExport.write(model, out); // creates the directory, and says why when it cannot
        long parameters = model.parameters().stream().mapToLong(p -> p.value().length()).sum();
        int arrays = NamedArrays.parameterValues(model).size()
                + (int) NamedArrays.buffers(model).values().stream().filter(b -> b.dataType().isFPType()).count();
        spec.commandLine().getOut().printf("wrote %d arrays (%,d parameters) to %s%n", arrays, parameters, out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
