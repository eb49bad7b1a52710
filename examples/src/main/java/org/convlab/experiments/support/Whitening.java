package org.convlab.experiments.support;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * ZCA whitening of responses laid out [samples, channels]: {@code (X - mean) W} with
 * {@code W = V diag(1 / sqrt(lambda + eps)) V^T} from the eigen-decomposition of the covariance, so the
 * whitened channels are uncorrelated with unit variance and stay as close as possible to the originals
 * (unlike PCA whitening, which rotates them). Deep Roots whitens each layer's responses before
 * correlating two layers, so that the covariance inside a layer does not leak into the cross-covariance.
 */
public final class Whitening {
    private Whitening() {
    }

    /**
     * The ZCA-whitened copy of {@code x} ([samples, channels], any float type; computed in DOUBLE).
     *
     * @param epsilon added to every eigenvalue, relative to the largest, so that a dead or duplicate
     *     channel is not blown up to unit variance from rounding noise
     */
    public static INDArray zca(INDArray x, double epsilon) {
        INDArray d = x.castTo(DataType.DOUBLE);
        long n = d.size(0);
        INDArray centred = d.subRowVector(d.mean(0));
        INDArray cov = centred.transpose().mmul(centred).divi(n - 1);
        INDArray vectors = cov.dup();
        // symmetricGeneralizedEigenvalues overwrites its argument with the eigenvectors (columns).
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(vectors, true);
        double floor = epsilon * Math.max(values.maxNumber().doubleValue(), 1e-300);
        INDArray scale = Transforms.pow(Transforms.max(values, 0.0).addi(floor), -0.5, false);
        INDArray w = vectors.mulRowVector(scale).mmul(vectors.transpose());
        return centred.mmul(w);
    }

    /** The covariance matrix of [samples, channels] responses (DOUBLE), for checks. */
    public static INDArray covariance(INDArray x) {
        INDArray d = x.castTo(DataType.DOUBLE);
        INDArray centred = d.subRowVector(d.mean(0));
        return centred.transpose().mmul(centred).divi(d.size(0) - 1);
    }

    /** Cross-covariance [channels of a, channels of b] of two response sets over the same samples. */
    public static INDArray crossCovariance(INDArray a, INDArray b) {
        INDArray ca = a.castTo(DataType.DOUBLE);
        INDArray cb = b.castTo(DataType.DOUBLE);
        ca = ca.subRowVector(ca.mean(0));
        cb = cb.subRowVector(cb.mean(0));
        return ca.transpose().mmul(cb).divi(ca.size(0) - 1);
    }
}
