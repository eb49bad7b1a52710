package org.convlab.nn.conv;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convlab.nn.Init;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Bad settings fail at build(), bad inputs at forward(), each with a message naming what was expected and got. */
class ConvInputValidationTest {

    private static void fails(Executable e, String... fragments) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        for (String f : fragments) {
            assertTrue(ex.getMessage().contains(f), () -> "message '" + ex.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test
    void wrongRankIsRejected() {
        Conv2d conv = Conv2d.builder(3, 4, 3).build();
        fails(() -> conv.forward(Nd4j.zeros(DataType.FLOAT, 2, 3, 8)), "Conv2d", "rank-4", "[N, C, H, W]", "[2, 3, 8]");
    }

    @Test
    void wrongChannelCountIsRejected() {
        Conv1d conv = Conv1d.builder(3, 4, 3).build();
        fails(() -> conv.forward(Nd4j.zeros(DataType.FLOAT, 2, 5, 8)), "Conv1d", "expected 3", "got 5");
    }

    @Test
    void inputOfAnotherDataTypeIsRejectedNotCast() {
        Conv2d conv = Conv2d.builder(1, 1, 3).dataType(DataType.DOUBLE).build();
        fails(() -> conv.forward(Nd4j.zeros(DataType.FLOAT, 1, 1, 5, 5)), "Conv2d", "DOUBLE", "FLOAT");
    }

    @Test
    void groupsNotDividingChannelsAreRejected() {
        fails(() -> Conv2d.builder(4, 6, 3).groups(4).build(), "groups", "in channels (4)", "out channels (6)", "4");
        fails(() -> Conv2d.builder(6, 4, 3).groups(4).build(), "groups", "groups=4");
        fails(() -> Conv2d.builder(4, 4, 3).groups(0).build(), "groups");
    }

    @Test
    void kernelLargerThanPaddedInputIsRejected() {
        Conv2d conv = Conv2d.builder(1, 1, 5).padding(1).build();
        fails(() -> conv.forward(Nd4j.zeros(DataType.FLOAT, 1, 1, 2, 2)), "Conv2d", "does not fit", "5");
        fails(() -> conv.outputShape(1, 1, 2, 2), "does not fit");
        Conv3d dilated = Conv3d.builder(1, 1, 3).dilation(4).build();
        fails(() -> dilated.outputShape(1, 1, 8, 8, 8), "span 9");
    }

    @Test
    void nonPositiveStrideOrDilationAndNegativePaddingAreRejected() {
        fails(() -> Conv2d.builder(1, 1, 3).stride(0).build(), "stride", ">= 1", "[0]");
        fails(() -> Conv2d.builder(1, 1, 3).stride(1, -1).build(), "stride", "[1, -1]");
        fails(() -> Conv1d.builder(1, 1, 3).dilation(0).build(), "dilation", ">= 1");
        fails(() -> Conv3d.builder(1, 1, 3).padding(-1).build(), "padding", ">= 0");
        fails(() -> Conv2d.builder(1, 1, 0).build(), "kernel size", ">= 1");
        fails(() -> Conv2d.builder(1, 1, 3, 3, 3).build(), "kernel size", "1 or 2 values");
    }

    @Test
    void paddingWordsAreCheckedAndSameNeedsStrideOne() {
        fails(() -> Conv2d.builder(1, 1, 3).padding("full"), "padding", "\"same\"", "\"valid\"", "full");
        fails(() -> Conv2d.builder(1, 1, 3).padding("same").stride(2).build(), "same", "stride 1");
    }

    @Test
    void reflectPaddingWiderThanTheInputIsRejected() {
        Conv2d conv = Conv2d.builder(1, 1, 3).padding(3).paddingMode(PaddingMode.REFLECT).build();
        fails(() -> conv.forward(Nd4j.zeros(DataType.FLOAT, 1, 1, 3, 3)), "REFLECT", "at most 2");
    }

    @Test
    void backwardWithoutForwardIsAnError() {
        Conv2d conv = Conv2d.builder(1, 1, 3).build();
        assertThrows(IllegalStateException.class, () -> conv.backward(Nd4j.zeros(DataType.FLOAT, 1, 1, 3, 3)));
    }

    @Test
    void weightSharingSumsTheGradientsOfEveryApplication() {
        Conv2d conv = Conv2d.builder(2, 2, 3).padding(1).dataType(DataType.DOUBLE).seed(1).build();
        var x = Init.uniform(1, DataType.DOUBLE, -1, 1, 1, 2, 4, 4);
        var dy1 = Init.uniform(2, DataType.DOUBLE, -1, 1, 1, 2, 4, 4);
        var dy2 = Init.uniform(3, DataType.DOUBLE, -1, 1, 1, 2, 4, 4);
        // conv(conv(x)): the second application's backward comes first (last in, first out).
        var h = conv.forward(x);
        conv.forward(h);
        conv.backward(dy2);
        var sharedGrad = conv.weight().grad().dup();
        conv.weight().zeroGrad();
        conv.forward(h);
        conv.backward(dy2);
        var outer = conv.weight().grad().dup();
        conv.weight().zeroGrad();
        conv.forward(x);
        conv.backward(dy1);
        var inner = conv.weight().grad().dup();
        // After the first shared backward only the outer application has been accounted for.
        assertTrue(ConvOracle.maxAbsDiff(sharedGrad, outer) < 1e-12);
        assertTrue(inner.sub(outer).norm2Number().doubleValue() > 1e-3, "different applications, different grads");
    }
}
