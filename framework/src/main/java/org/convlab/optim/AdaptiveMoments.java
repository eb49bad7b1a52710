package org.convlab.optim;

import java.nio.FloatBuffer;
import java.util.List;
import org.convlab.nn.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Adam update shared by {@link Adam} and {@link AdamW}, which differ only in how weight decay
 * enters: as an L2 term added to the gradient (Adam), or as a separate shrink of the weights that
 * bypasses the adaptive scaling (AdamW, "decoupled").
 */
abstract class AdaptiveMoments extends Optimizer {
    static final String EXP_AVG = "exp_avg";
    static final String EXP_AVG_SQ = "exp_avg_sq";

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;

    AdaptiveMoments(String name, List<Parameter> parameters, double learningRate, double beta1, double beta2,
            double eps, double weightDecay, boolean decoupled) {
        super(parameters, learningRate, List.of(EXP_AVG, EXP_AVG_SQ));
        OptimizerSettings.inRange(name, "beta1", beta1, 0, true, 1);
        OptimizerSettings.inRange(name, "beta2", beta2, 0, true, 1);
        OptimizerSettings.inRange(name, "eps", eps, 0, false, Double.MAX_VALUE);
        OptimizerSettings.inRange(name, "weightDecay", weightDecay, 0, false, Double.MAX_VALUE);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
    }

    @Override
    protected void update(int index, Parameter parameter, int step) {
        INDArray m = slot(index, EXP_AVG);
        INDArray v = slot(index, EXP_AVG_SQ);
        // Bias corrections undo the pull of the zero-initialised moments towards zero in early steps.
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        if (fusedFloatPath && FusedFloatUpdate.applies(parameter.value(), parameter.grad(), m, v)) {
            updateFloats(parameter, m, v, correction1, correction2);
        } else {
            updateWithNd4j(index, parameter, m, v, correction1, correction2);
        }
    }

    /**
     * The formula of the class comment, written into two reused working arrays instead of fresh
     * temporaries; the same operations in the same order as the textbook form, so the same bits.
     */
    private void updateWithNd4j(int index, Parameter parameter, INDArray m, INDArray v, double correction1,
            double correction2) {
        INDArray value = parameter.value();
        INDArray g = parameter.grad();
        INDArray work = scratch(index, 0);
        double lr = learningRate();
        if (weightDecay != 0) {
            if (decoupled) {
                value.muli(1 - lr * weightDecay);
            } else {
                INDArray decayed = scratch(index, 1);
                decayed.assign(value).muli(weightDecay).addi(g); // g + weightDecay * p
                g = decayed;
            }
        }
        m.muli(beta1).addi(work.assign(g).muli(1 - beta1));
        Nd4j.exec(new MulOp(g, g, work));
        v.muli(beta2).addi(work.muli(1 - beta2));
        Nd4j.exec(new Sqrt(v, work));
        INDArray denominator = work.divi(Math.sqrt(correction2)).addi(eps);
        Nd4j.exec(new DivOp(m, denominator, work));
        value.subi(work.muli(lr / correction1));
    }

    /**
     * {@link #updateWithNd4j} in one pass over each element (see {@link FusedFloatUpdate}): the same
     * float operations in the same order, each scalar rounded to float as ND4J's scalar ops round it.
     */
    private void updateFloats(Parameter parameter, INDArray mArray, INDArray vArray, double correction1,
            double correction2) {
        double lr = learningRate();
        boolean shrinks = weightDecay != 0 && decoupled;
        boolean addsL2 = weightDecay != 0 && !decoupled;
        float shrink = (float) (1 - lr * weightDecay);
        float decay = (float) weightDecay;
        float b1 = (float) beta1;
        float oneMinusB1 = (float) (1 - beta1);
        float b2 = (float) beta2;
        float oneMinusB2 = (float) (1 - beta2);
        float sqrtCorrection2 = (float) Math.sqrt(correction2);
        float epsilon = (float) eps;
        float stepSize = (float) (lr / correction1);
        FloatBuffer p = FusedFloatUpdate.floats(parameter.value());
        FloatBuffer grad = FusedFloatUpdate.floats(parameter.grad());
        FloatBuffer m = FusedFloatUpdate.floats(mArray);
        FloatBuffer v = FusedFloatUpdate.floats(vArray);
        FusedFloatUpdate.forEachChunk(parameter.value().length(), (from, to) -> {
            for (int i = from; i < to; i++) {
                float pi = p.get(i);
                float g = grad.get(i);
                if (shrinks) {
                    pi = pi * shrink;
                } else if (addsL2) {
                    g = pi * decay + g;
                }
                float mi = m.get(i) * b1 + g * oneMinusB1;
                float vi = v.get(i) * b2 + g * g * oneMinusB2;
                m.put(i, mi);
                v.put(i, vi);
                // Math.sqrt of a float, rounded to float, is the correctly rounded float square root.
                float denominator = (float) Math.sqrt(vi) / sqrtCorrection2 + epsilon;
                p.put(i, pi - mi / denominator * stepSize);
            }
        });
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double eps() {
        return eps;
    }

    public double weightDecay() {
        return weightDecay;
    }
}
