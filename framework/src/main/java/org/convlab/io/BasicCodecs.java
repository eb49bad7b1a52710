package org.convlab.io;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.convlab.nn.Layer;
import org.convlab.nn.layers.AvgPool1d;
import org.convlab.nn.layers.AvgPool2d;
import org.convlab.nn.layers.AvgPool3d;
import org.convlab.nn.layers.BatchNorm;
import org.convlab.nn.layers.BatchNorm1d;
import org.convlab.nn.layers.BatchNorm2d;
import org.convlab.nn.layers.BatchNorm3d;
import org.convlab.nn.layers.Dropout;
import org.convlab.nn.layers.Flatten;
import org.convlab.nn.layers.GlobalAvgPool;
import org.convlab.nn.layers.LeakyReLU;
import org.convlab.nn.layers.Linear;
import org.convlab.nn.layers.MaxPool1d;
import org.convlab.nn.layers.MaxPool2d;
import org.convlab.nn.layers.MaxPool3d;
import org.convlab.nn.layers.Pool;
import org.convlab.nn.layers.ReLU;
import org.convlab.nn.layers.Sigmoid;
import org.convlab.nn.layers.Tanh;
import org.convlab.nn.layers.Upsample2d;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Config entries of the layers other than convolutions:
 * {@code Linear {in, out, bias, dataType, seed}}, the activations ({@code LeakyReLU {slope}}),
 * pools {@code {kernel, stride (default: the kernel), padding}}, {@code BatchNormNd {features, eps,
 * momentum, dataType}}, {@code Dropout {p, seed}}, {@code Upsample2d {scale, mode}},
 * {@code Flatten} and {@code GlobalAvgPool}.
 */
final class BasicCodecs {
    private BasicCodecs() {
    }

    static List<LayerCodec> all() {
        return List.of(
                LayerCodec.of("Linear", Linear.class, (l, d) -> {
                    d.put("in", l.in()).put("out", l.out()).putUnlessDefault("bias", l.bias() != null, true);
                    d.dataType(l.dataType()).seed(l.seed());
                }, BasicCodecs::linear),
                stateless("ReLU", ReLU.class, ReLU::new),
                stateless("Sigmoid", Sigmoid.class, Sigmoid::new),
                stateless("Tanh", Tanh.class, Tanh::new),
                stateless("Flatten", Flatten.class, Flatten::new),
                stateless("GlobalAvgPool", GlobalAvgPool.class, GlobalAvgPool::new),
                LayerCodec.of("LeakyReLU", LeakyReLU.class, (l, d) -> d.putUnlessDefault("slope", l.slope(), 0.01), s -> {
                    double slope = s.optionalDouble("slope", 0.01);
                    s.requireAllRead();
                    return new LeakyReLU(slope);
                }),
                pool("MaxPool1d", MaxPool1d.class, 1, (k, st, p) -> new MaxPool1d(k[0], st[0], p[0])),
                pool("MaxPool2d", MaxPool2d.class, 2, MaxPool2d::new),
                pool("MaxPool3d", MaxPool3d.class, 3, MaxPool3d::new),
                pool("AvgPool1d", AvgPool1d.class, 1, (k, st, p) -> new AvgPool1d(k[0], st[0], p[0])),
                pool("AvgPool2d", AvgPool2d.class, 2, AvgPool2d::new),
                pool("AvgPool3d", AvgPool3d.class, 3, AvgPool3d::new),
                batchNorm("BatchNorm1d", BatchNorm1d.class, BatchNorm1d::new),
                batchNorm("BatchNorm2d", BatchNorm2d.class, BatchNorm2d::new),
                batchNorm("BatchNorm3d", BatchNorm3d.class, BatchNorm3d::new),
                LayerCodec.of("Dropout", Dropout.class, (l, d) -> {
                    d.node().put("p", l.p());
                    d.seed(l.seed());
                }, s -> {
                    double p = s.requiredDouble("p");
                    Long seed = s.seed();
                    s.requireAllRead();
                    return new Dropout(p, seed == null ? 0 : seed);
                }),
                LayerCodec.of("Upsample2d", Upsample2d.class, (l, d) -> {
                    d.put("scale", l.scale()).putUnlessDefault("mode", l.mode(), Upsample2d.Mode.NEAREST);
                }, s -> {
                    int scale = s.requiredInt("scale");
                    Upsample2d.Mode mode = s.optionalEnum("mode", Upsample2d.Mode.class, Upsample2d.Mode.NEAREST);
                    s.requireAllRead();
                    return new Upsample2d(scale, mode);
                }));
    }

    private static Layer linear(LayerSettings s) {
        Linear.Builder b = Linear.builder(s.requiredInt("in"), s.requiredInt("out"))
                .bias(s.optionalBoolean("bias", true)).dataType(s.dataType());
        Long seed = s.seed();
        if (seed != null) {
            b.seed(seed);
        }
        s.requireAllRead();
        return b.build();
    }

    private static <L extends Layer> LayerCodec stateless(String type, Class<L> cls, Supplier<L> create) {
        return LayerCodec.of(type, cls, (l, d) -> { }, s -> {
            s.requireAllRead();
            return create.get();
        });
    }

    private interface PoolFactory {
        Layer create(int[] kernel, int[] stride, int[] padding);
    }

    private static <L extends Pool> LayerCodec pool(String type, Class<L> cls, int rank, PoolFactory factory) {
        return LayerCodec.of(type, cls, (l, d) -> {
            d.putInts("kernel", l.kernel());
            if (!Arrays.equals(l.stride(), l.kernel())) {
                d.putInts("stride", l.stride());
            }
            d.putIntsUnless("padding", l.padding(), 0);
        }, s -> {
            int[] kernel = s.requiredInts("kernel");
            int[] stride = s.has("stride") ? s.optionalInts("stride") : kernel;
            int[] padding = s.has("padding") ? s.optionalInts("padding") : new int[] {0};
            for (String name : new String[] {"kernel", "stride", "padding"}) {
                int[] v = name.equals("kernel") ? kernel : name.equals("stride") ? stride : padding;
                if (v.length != 1 && v.length != rank) {
                    throw s.error(name, "takes 1 or " + rank + " values, got " + Arrays.toString(v));
                }
            }
            s.requireAllRead();
            return factory.create(kernel, stride, padding);
        });
    }

    private interface BatchNormFactory {
        Layer create(int features, double eps, double momentum, DataType type);
    }

    private static <L extends BatchNorm> LayerCodec batchNorm(String type, Class<L> cls, BatchNormFactory factory) {
        return LayerCodec.of(type, cls, (l, d) -> {
            d.put("features", l.features()).putUnlessDefault("eps", l.eps(), BatchNorm.DEFAULT_EPS);
            d.putUnlessDefault("momentum", l.momentum(), BatchNorm.DEFAULT_MOMENTUM).dataType(l.dataType());
        }, s -> {
            int features = s.requiredInt("features");
            double eps = s.optionalDouble("eps", BatchNorm.DEFAULT_EPS);
            double momentum = s.optionalDouble("momentum", BatchNorm.DEFAULT_MOMENTUM);
            DataType dataType = s.dataType();
            s.requireAllRead();
            return factory.create(features, eps, momentum, dataType);
        });
    }
}
