package org.convlab.experiments.conv3d;

import java.util.List;
import org.convlab.data.DataSet;
import org.convlab.experiments.Progress;
import org.convlab.nn.Sequential;
import org.convlab.nn.conv.Conv3d;
import org.convlab.nn.layers.ReLU;
import org.slf4j.Logger;

/**
 * Three parameter-matched vessel segmenters trained alike on one seed's volumes: Conv3d (3x3x3
 * kernels throughout), 2.5D (the three neighbouring slices as the channels of the first layer: a
 * 3x3x3 first layer, then 1x3x3 layers) and slice-wise 2D (1x3x3 kernels throughout, which is a
 * Conv2d on every slice). All run on the Conv3d engine, so only what the kernels see differs.
 *
 * @param dice3d held-out Dice after every epoch, Conv3d
 * @param dice25d the same, 2.5D
 * @param dice2d the same, slice-wise 2D
 */
record Segmenters(Sequential model3d, Sequential model25d, Sequential model2d, double[] dice3d, double[] dice25d,
        double[] dice2d, long params3d, long params25d, long params2d, DataSet test) {

    /** Channels of the 2.5D model: 27c + c + 9c^2 + c + c + 1 = 1912 parameters for c = 13. */
    static final int CHANNELS_25D = 13;

    static Segmenters train(DataSet train, DataSet test, int epochs, int batch, long seed, Progress progress,
            Logger log) {
        int c3 = Conv3dExperiment.CHANNELS_3D;
        int c2 = Conv3dExperiment.CHANNELS_2D;
        int c25 = CHANNELS_25D;
        Sequential model3d = new Sequential(
                Conv3d.builder(1, c3, 3).padding(1).seed(seed + 11).build(), new ReLU(),
                Conv3d.builder(c3, c3, 3).padding(1).seed(seed + 12).build(), new ReLU(),
                Conv3d.builder(c3, 1, 1).seed(seed + 13).build());
        Sequential model25d = new Sequential(
                Conv3d.builder(1, c25, 3).padding(1).seed(seed + 31).build(), new ReLU(),
                Conv3d.builder(c25, c25, 1, 3, 3).padding(0, 1, 1).seed(seed + 32).build(), new ReLU(),
                Conv3d.builder(c25, 1, 1).seed(seed + 33).build());
        Sequential model2d = new Sequential(
                Conv3d.builder(1, c2, 1, 3, 3).padding(0, 1, 1).seed(seed + 21).build(), new ReLU(),
                Conv3d.builder(c2, c2, 1, 3, 3).padding(0, 1, 1).seed(seed + 22).build(), new ReLU(),
                Conv3d.builder(c2, 1, 1).seed(seed + 23).build());
        // Every output bias starts at the log-odds of the training foreground share ("prior" init):
        // otherwise Adam spends its first ~100 steps only moving the bias down to it.
        double prior = Conv3dExperiment.foreground(train.targets());
        double priorLogit = Math.log(prior / (1 - prior));
        for (Sequential m : List.of(model3d, model25d, model2d)) {
            ((Conv3d) m.layers().get(4)).bias().value().assign(priorLogit);
        }
        double[] d3 = Conv3dExperiment.train(model3d, train, test, epochs, batch, seed + 100, progress, log);
        double[] d25 = Conv3dExperiment.train(model25d, train, test, epochs, batch, seed + 100, progress, log);
        double[] d2 = Conv3dExperiment.train(model2d, train, test, epochs, batch, seed + 100, progress, log);
        return new Segmenters(model3d, model25d, model2d, d3, d25, d2, Conv3dExperiment.count(model3d.parameters()),
                Conv3dExperiment.count(model25d.parameters()), Conv3dExperiment.count(model2d.parameters()), test);
    }
}
