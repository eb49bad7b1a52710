package org.convlab.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipOutputStream;
import org.convlab.nn.NamedArrays;
import org.convlab.nn.Sequential;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes a model's weights as a NumPy {@code .npz} archive (a zip of {@code .npy} files, stored
 * uncompressed as {@code numpy.savez} does), one entry per parameter named
 * {@code layerIndex.layerName.param} (e.g. {@code 0.Conv2d.weight}), followed by the floating-point
 * buffers (BatchNorm running statistics). Layouts are already PyTorch's, and the data type (FLOAT or
 * DOUBLE) is kept, so {@code numpy.load} gives arrays that can be copied into a PyTorch state dict.
 */
public final class NpzExport {
    private NpzExport() {
    }

    /** Writes the archive atomically. */
    public static void write(Sequential model, Path file) throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>(NamedArrays.parameterValues(model));
        NamedArrays.buffers(model).forEach((key, array) -> {
            if (array.dataType().isFPType()) {
                arrays.put(key, array);
            }
        });
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                ZipEntries.putStored(zip, e.getKey() + ".npy", NpyFormat.encode(e.getValue()));
            }
            zip.finish();
        });
    }
}
