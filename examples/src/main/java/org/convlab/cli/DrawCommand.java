package org.convlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.convlab.draw.ConvDrawings;
import org.convlab.draw.ConvType;
import org.convlab.draw.DrawOptions;
import org.convlab.draw.DrawSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code convlab draw TYPE}: the conv_arithmetic-style picture of a convolution, drawn from the taps
 * the reference convolution multiplies, with the layer's own settings as options.
 */
@Command(name = "draw", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw a convolution from the taps the layer multiplies: a still (PNG and SVG), an animation"
                + " (GIF and SVG frames), the matrix C, a worked example with numbers.",
            "TYPE: conv, true-conv, transposed, dilated, spatially-separable, depthwise, pointwise,"
                + " depthwise-separable, grouped, conv3d.",
            "Example: convlab draw transposed --input 2x2 --kernel 3 --stride 2 --animate --out transposed"})
final class DrawCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TYPE", description = "The convolution type (see above).")
    String type;

    @Option(names = "--input", paramLabel = "SIZE", required = true,
            description = "Input size: 7 (1D), 5x5 (2D), 5x5x5 (conv3d).")
    String input;

    @Option(names = "--kernel", paramLabel = "K", defaultValue = "3", description = "Kernel size, 3 or 3x1 (default 3).")
    String kernel;

    @Option(names = "--stride", paramLabel = "S", defaultValue = "1", description = "Stride (default 1).")
    String stride;

    @Option(names = "--padding", paramLabel = "P", defaultValue = "0", description = "Zero padding (default 0).")
    String padding;

    @Option(names = "--dilation", paramLabel = "D",
            description = "Dilation (default 1; 2 for dilated).")
    String dilation;

    @Option(names = "--output-padding", paramLabel = "OP", defaultValue = "0",
            description = "Output padding of a transposed convolution (default 0).")
    String outputPadding;

    @Option(names = "--channels", paramLabel = "C", description = "Input channels (default 1; 3 for depthwise,"
            + " pointwise, depthwise-separable; 4 for grouped).")
    Integer channels;

    @Option(names = "--out-channels", paramLabel = "O", description = "Output channels (default 1; 4 for pointwise,"
            + " depthwise-separable and grouped).")
    Integer outChannels;

    @Option(names = "--groups", paramLabel = "G", description = "Groups (default 1; 2 for grouped).")
    Integer groups;

    @Option(names = "--depth-multiplier", paramLabel = "M", defaultValue = "1",
            description = "Depthwise: output channels per input channel (default 1).")
    int depthMultiplier;

    @Option(names = "--at", paramLabel = "POS", description = "Output position the still shows, e.g. 1,2 (default 0,0).")
    String at;

    @Option(names = "--animate", description = "Also write NAME.gif and NAME-frames/frame-NNN.svg, one frame per"
            + " output position.")
    boolean animate;

    @Option(names = "--matrix", description = "Also write NAME-matrix.png|svg, the matrix C (and NAME-matrix-T,"
            + " C^T, for transposed).")
    boolean matrix;

    @Option(names = "--values", description = "Run the layer on small integers and write the numbers into the cells.")
    boolean values;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the --values numbers"
            + " (default 1).")
    long seed;

    @Option(names = "--stack", paramLabel = "RATES", description = "Dilated: also draw the receptive field of"
            + " stacked layers with these rates, e.g. 1,2,4 (NAME-receptive-field.png|svg).")
    String stack;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "Base name of the files (an extension .png/.svg/.gif is dropped).")
    Path out;

    @Override
    public Integer call() throws IOException {
        ConvType t;
        DrawSettings settings;
        DrawOptions options;
        try {
            t = ConvType.parse(type);
            DrawSettings.Builder b = DrawSettings.builder(t, sizes("--input", input, "x"))
                    .kernel(sizes("--kernel", kernel, "x")).stride(sizes("--stride", stride, "x"))
                    .padding(sizes("--padding", padding, "x")).outputPadding(sizes("--output-padding",
                            outputPadding, "x")).depthMultiplier(depthMultiplier);
            if (dilation != null) {
                b.dilation(sizes("--dilation", dilation, "x"));
            }
            if (channels != null) {
                b.channels(channels);
            }
            if (outChannels != null) {
                b.outChannels(outChannels);
            }
            if (groups != null) {
                b.groups(groups);
            }
            settings = b.build();
            int[] rates = stack == null ? null : sizes("--stack", stack, ",");
            if (rates != null && t != ConvType.DILATED) {
                throw new IllegalArgumentException("--stack: only for dilated, found " + t.cliName());
            }
            options = new DrawOptions(animate, matrix, values, at == null ? null : sizes("--at", at, ","), seed,
                    rates);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<Path> files;
        try {
            files = ConvDrawings.draw(settings, options, base(out));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        for (Path f : files) {
            System.out.println(f);
        }
        return ExitCodes.OK;
    }

    private static Path base(Path out) {
        String name = out.getFileName().toString();
        for (String ext : new String[] {".png", ".svg", ".gif"}) {
            if (name.toLowerCase(java.util.Locale.ROOT).endsWith(ext)) {
                return out.resolveSibling(name.substring(0, name.length() - ext.length()));
            }
        }
        return out;
    }

    private static int[] sizes(String option, String text, String separator) {
        String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split(java.util.regex.Pattern.quote(separator));
        int[] v = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": expected integers separated by '" + separator
                        + "' (e.g. " + (separator.equals("x") ? "5x5" : "1,2") + "), found '" + text + "'");
            }
            if (v[i] < 0) {
                throw new IllegalArgumentException(option + ": expected non-negative values, found '" + text + "'");
            }
        }
        return v;
    }
}
