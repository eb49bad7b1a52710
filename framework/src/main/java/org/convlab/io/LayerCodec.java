package org.convlab.io;

import java.util.function.BiConsumer;
import java.util.function.Function;
import org.convlab.nn.Layer;

/** How one layer class is written as a config entry and built back from one. */
interface LayerCodec {

    /** The {@code "type"} of the entry, e.g. {@code "Conv2d"}. */
    String type();

    Class<? extends Layer> layerClass();

    /** Writes the layer's settings (defaults left out). */
    void describe(Layer layer, LayerDescription out);

    /** Builds a new layer from checked settings. */
    Layer build(LayerSettings settings);

    static <L extends Layer> LayerCodec of(String type, Class<L> layerClass, BiConsumer<L, LayerDescription> describe,
            Function<LayerSettings, Layer> build) {
        return new LayerCodec() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public Class<? extends Layer> layerClass() {
                return layerClass;
            }

            @Override
            public void describe(Layer layer, LayerDescription out) {
                describe.accept(layerClass.cast(layer), out);
            }

            @Override
            public Layer build(LayerSettings settings) {
                return build.apply(settings);
            }
        };
    }
}
