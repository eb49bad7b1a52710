package org.convlab.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Peak signal-to-noise ratio in dB, {@code 10 log10(MAX^2 / MSE)} per image (the MSE over its
 * channels and pixels), averaged over the images. An exact reconstruction would be infinite; it is
 * capped at {@link #CAP_DB} so that the mean and the JSON history stay finite.
 */
public final class Psnr implements Metric {
    public static final double CAP_DB = 100;
    private final double maxValue;

    /** For images in [0, 1]. */
    public Psnr() {
        this(1);
    }

    /** For images in [0, maxValue], e.g. 255. */
    public Psnr(double maxValue) {
        if (!(maxValue > 0) || Double.isInfinite(maxValue)) {
            throw new IllegalArgumentException("psnr: maxValue must be finite and > 0, got " + maxValue);
        }
        this.maxValue = maxValue;
    }

    @Override
    public String name() {
        return "psnr";
    }

    @Override
    public Accumulator start() {
        return new Accumulator() {
            private double sum;
            private long images;

            @Override
            public void add(INDArray prediction, INDArray target) {
                MetricArrays.requireSameShape("psnr", prediction, target);
                double[] p = MetricArrays.doubles(prediction);
                double[] t = MetricArrays.doubles(target);
                int n = Math.toIntExact(prediction.size(0));
                int per = p.length / n;
                for (int img = 0; img < n; img++) {
                    double se = 0;
                    for (int i = img * per; i < (img + 1) * per; i++) {
                        double d = p[i] - t[i];
                        se += d * d;
                    }
                    double mse = se / per;
                    sum += mse == 0 ? CAP_DB : Math.min(CAP_DB, 10 * Math.log10(maxValue * maxValue / mse));
                }
                images += n;
            }

            @Override
            public double value() {
                return images == 0 ? Double.NaN : sum / images;
            }

            @Override
            public double[] state() {
                return new double[] {sum, images};
            }

            @Override
            public void restore(double[] state) {
                MetricArrays.requireStateLength("psnr", state, 2);
                sum = state[0];
                images = (long) state[1];
            }
        };
    }
}
