package org.convlab.experiments.grouped;

/**
 * What a first-layer RGB filter looks like, in two numbers: how colourful it is and how fine its
 * luminance pattern is. Weights are laid out [filters][3 channels][k][k] flattened, as in a conv weight
 * {@code [out, 3, k, k]}.
 */
final class FilterMeasures {
    private FilterMeasures() {
    }

    /**
     * {@code ||w - mean_c(w)||^2 / ||w||^2}: the share of the filter's energy in its colour-opponent
     * part, 0 for a grey filter (equal in R, G, B), about 2/3 for a random one, 1 for a filter whose
     * channels sum to 0 at every pixel.
     */
    static double[] colourfulness(double[] w, int filters, int pixels) {
        double[] out = new double[filters];
        for (int f = 0; f < filters; f++) {
            double total = 0;
            double chroma = 0;
            for (int p = 0; p < pixels; p++) {
                double m = 0;
                for (int c = 0; c < 3; c++) {
                    m += w[(f * 3 + c) * pixels + p];
                }
                m /= 3;
                for (int c = 0; c < 3; c++) {
                    double v = w[(f * 3 + c) * pixels + p];
                    total += v * v;
                    chroma += (v - m) * (v - m);
                }
            }
            out[f] = total == 0 ? 0 : chroma / total;
        }
        return out;
    }

    /**
     * The power-weighted mean spatial frequency (cycles per pixel, 0 to sqrt(2)/2) of the filter's
     * luminance (the mean over its channels): 0 for a flat filter, high for a fine edge or grating.
     * From the k x k discrete Fourier transform, frequencies folded to [-1/2, 1/2).
     */
    static double[] luminanceCentroid(double[] w, int filters, int k) {
        int pixels = k * k;
        double[] out = new double[filters];
        for (int f = 0; f < filters; f++) {
            double[] lum = new double[pixels];
            for (int p = 0; p < pixels; p++) {
                lum[p] = (w[(f * 3) * pixels + p] + w[(f * 3 + 1) * pixels + p] + w[(f * 3 + 2) * pixels + p]) / 3;
            }
            double weighted = 0;
            double power = 0;
            for (int u = 0; u < k; u++) {
                for (int v = 0; v < k; v++) {
                    double re = 0;
                    double im = 0;
                    for (int y = 0; y < k; y++) {
                        for (int x = 0; x < k; x++) {
                            double phase = -2 * Math.PI * ((double) u * y / k + (double) v * x / k);
                            re += lum[y * k + x] * Math.cos(phase);
                            im += lum[y * k + x] * Math.sin(phase);
                        }
                    }
                    double fu = (u <= k / 2 ? u : u - k) / (double) k;
                    double fv = (v <= k / 2 ? v : v - k) / (double) k;
                    double pw = re * re + im * im;
                    weighted += pw * Math.hypot(fu, fv);
                    power += pw;
                }
            }
            out[f] = power == 0 ? 0 : weighted / power;
        }
        return out;
    }
}
