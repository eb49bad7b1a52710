package org.convlab.experiments;

import java.util.Arrays;
import java.util.Optional;

/**
 * The claims of the article "types of convolution" that {@code convlab reproduce} checks, in the
 * article's order: for each, the id used on the command line, a title, the claim in English and the
 * article's own sentences in Chinese (markdown emphasis removed; separate passages on separate lines).
 *
 * <p>The catalogue exists whether or not an experiment for a claim is written yet, so that
 * {@code convlab list} and the report can say which claims still wait for one.
 */
public enum ArticleClaim {
    FLIPPED_KERNEL("flipped-kernel",
            "Cross-correlation vs convolution: the learned kernel is the flipped one",
            "Deep learning's \"convolution\" is cross-correlation, and that costs nothing: trained on data made by a true convolution with g, a cross-correlation layer learns flip(g).",
            "在深度学习中，卷积中的过滤器不经过反转，严格来说，这是 互相关。我们本质上是执行逐个元数乘法和加法。但在深度学习中，直接将其称之为卷积更加方便。这没什么问题，因为 过滤器的权重是在训练阶段 学习到的。如果上面例子中的反转函数g是正确的函数，那么经过训练后，学习到的过滤器看起来就会像是 反转后的函数g。因此，在训练之前，没必要像在真正的卷积中那样首先反转过滤器。"),
    CONV3D("conv3d",
            "3D convolution: a kernel that slides along depth too",
            "A 3D kernel shallower than its input moves along height, width and depth, so its output is itself a 3D volume; the same weights are reused at every depth.",
            "3D卷积，其过滤器深度小于输入层深度(核大小 < 通道大小)。因此，3D卷积过滤器可以在所有三个方向(图像的高度、宽度、通道)上移动。在每个位置，逐元素的乘法和假发都会提供一个数值。因为过滤器是滑过一个 3D 空间，所以输出数值也按 3D 空间排布。也就是说输出是一个3D数据。"),
    TRANSPOSED("transposed",
            "Transposed convolution: multiplication by the transposed matrix",
            "A transposed convolution is a direct convolution over a zero-padded (and zero-inserted) input and equals multiplication by C^T, the transpose of the convolution's matrix C: a 3x3 kernel maps 2x2 to 4x4. The article adds that C^T x Small = Large because a matrix times its transpose is the identity, and that the operation is not a true deconvolution.",
            "我们一直都可以使用直接的卷积实现 转置卷积.如下图,我们在一个 2x2 的输入(周围加了 2x2 的单位步长的零填充))上应用了一个 3x3 核的转置卷积.上采样输出的大小是 4x4."
                    + "\n"
                    + "现在,如果我们在等式的两边都 乘上矩阵的转置$C^T$,并借助 一个矩阵与其转置矩阵的乘法得到一个单位矩阵 这一性质,那么我们就能得到公式: $C^T x Small = Large$"
                    + "\n"
                    + "从技术上讲,信号处理中的去卷积是卷积运算的 逆运算. 但这里却不是这种运算."),
    DILATED("dilated",
            "Dilated (atrous) convolution: a larger receptive field at no extra cost",
            "l = 1 is the standard convolution; 3x3 kernels with dilation l = 1, 2, 4 stacked (the article's figure; its text"
                    + " says l = 3 for 15x15) have receptive fields 3x3, 7x7 and 15x15 with the same 9 parameters per layer:"
                    + " a larger receptive field at no extra cost.",
            "l=1时感受野为3x3,l=2时为7x7。l=3时，感受野的大小就增加到了15x15。有趣的是，与这些操作相关的参数的数量是相等的。我们 [观察]更大的感受野不会有额外的成本。"),
    SPATIALLY_SEPARABLE("spatially-separable",
            "Spatially separable convolution: cheaper but restricted",
            "A 3x1 then 1x3 convolution (e.g. Sobel = [1,2,1]^T x [-1,0,1]) needs 6 parameters instead of 9 and 45 + 27 = 72"
                    + " multiplications instead of 81 on a 5x5 image (cost ratio 2/m + 2/(m(N-2)), tending to 2/m), but only"
                    + " separable (rank-one) kernels can be expressed, so training with it may give a worse model.",
            "在空间可分卷积中，3x1核首先与图像卷积，然后再应用 1x3核。这样，执行同样的操作仅需要6参数，而不是9个。"
                    + "\n"
                    + "因此，总体而言，空间可分卷积需要 45+27=72次乘法，少于普通卷积。"
                    + "\n"
                    + "一大主要原因是并非所有的核都能分成两个更小的核。如果我们用空间可分卷积替代所有的传统卷积，那么我们就限制了自己在训练过程中搜索所有可能的核。这样得到的训练结果可能是次优的。"),
    DEPTHWISE_SEPARABLE("depthwise-separable",
            "Depthwise separable convolution: efficiency against capacity",
            "A depthwise then 1x1 convolution turns 7x7x3 into 5x5x128 with 675 + 9600 = 10275 multiplications instead of"
                    + " 86400 (about 12%; ratio 1/Nc + 1/h^2); it cuts parameters, which can noticeably lower the accuracy"
                    + " of a small model; used well, it keeps accuracy while saving work.",
            "因此，深度可分卷积共有 675 + 9600 = 10275 次乘法。这样的成本大概仅有 2D 卷积的 12%！"
                    + "\n"
                    + "深度可分卷积会降低卷积中参数的数量。因此，对于较小的模型而言，如果用深度可分卷积替代 2D 卷积，模型的能力可能会显著下降。"
                    + "\n"
                    + "但是，如果使用得当，深度可分卷积能在不降低你的模型性能的前提下帮助你实现效率提升。"),
    GROUPED("grouped",
            "Grouped convolution: half the parameters, parallel paths",
            "With 2 filter groups a convolution has half the parameters of the full one ((h w Din/2 Dout/2) x 2 vs h w Din Dout), it equals a standard convolution with a block-diagonal weight, its groups are independent paths that can be computed in parallel, and (the Deep Roots figure the article shows) the responses of adjacent layers become block-diagonally correlated, more so with more groups.",
            "因为卷积被分成了多个路径，每个路径都可由不同的 GPU 分开处理，所以模型可以并行方式在多个 GPU 上进行训练。相比于在单个 GPU 上完成所有任务，这样的在多个 GPU 上的模型并行化能让网络在每个步骤处理更多图像。"
                    + "\n"
                    + "具有 2 个过滤器分组的分组卷积有 (h x w x Din/2 x Dout/2) x 2 个参数。参数数量减少了一半。"
                    + "\n"
                    + "上图是当用 1、2、4、8、16 个过滤器分组训练模型时，相邻层的过滤器之间的相关性。"),
    ARITHMETIC("arithmetic",
            "Output-size arithmetic of every convolution type; the 1x1 convolution as a matrix product",
            "Output sizes follow from input size, kernel, stride, padding and dilation for every convolution type"
                    + " (a 3x3x3 filter maps 7x7x3 to 5x5x1, 128 of them to 5x5x128, the depthwise step gives 5x5x3,"
                    + " 128 1x1x3 filters turn 5x5x3 into 5x5x128), and a 1x1 convolution is a matrix product over"
                    + " channels at every pixel.",
            "举一个具体例子，假设输入层的大小是 7×7×3（高×宽×通道），而过滤器的大小是 3×3×3。经过与一个过滤器的 2D 卷积之后，输出层的大小是 5×5×1（仅有一个通道）。"
                    + "\n"
                    + "每个过滤器的大小为 3×3×1。每个核与输入层的一个通道卷积（仅一个通道，而非所有通道！）。每个这样的卷积都能提供大小为 5×5×1 的映射图。然后我们将这些映射图堆叠在一起，创建一个 5×5×3 的图像。"
                    + "\n"
                    + "为了扩展深度，我们应用一个核大小为 1×1×3 的 1×1 卷积。将 5×5×3 的输入图像与每个 1×1×3 的核卷积，可得到大小为 5×5×1 的映射图。"
                    + "\n"
                    + "因此，在应用了 128 个 1×1 卷积之后，我们得到大小为 5×5×128 的层。"
                    + "\n"
                    + "通过这两个步骤，深度可分卷积也会将输入层（7×7×3）变换到输出层（5×5×128）。"),
    GROUP_SPECIALISATION("group-specialisation",
            "Filter groups specialise and regularise",
            "Filter groups split the learned filters into distinct kinds: in AlexNet, with two groups, one group's first-layer filters are black-and-white and the other's colour (the article also credits groups with a regularising, block-diagonal effect; the correlation maps are checked under 'grouped').",
            "第三个优点有些让人惊讶。分组卷积也许能提供比标准完整 2D 卷积更好的模型。"
                    + "\n"
                    + "过滤器分组的效果是在通道维度上学习块对角结构的稀疏性……在网络中，具有高相关性的过滤器是使用过滤器分组以一种更为结构化的方式学习到。从效果上看，不必学习的过滤器关系就不再参数化。这样显著地减少网络中的参数数量能使其不容易过拟合，因此，一种类似正则化的效果让优化器可以学习得到更准确更高效的深度网络"
                    + "\n"
                    + "过滤器分组似乎会将学习到的过滤器结构性地组织成两个不同的分组——黑白过滤器和彩色过滤器。");

    private final String id;
    private final String title;
    private final String claim;
    private final String quote;

    ArticleClaim(String id, String title, String claim, String quote) {
        this.id = id;
        this.title = title;
        this.claim = claim;
        this.quote = quote;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** The claim in English, one or two sentences. */
    public String claim() {
        return claim;
    }

    /** The article's sentences for the claim, in Chinese; passages separated by a newline. */
    public String quote() {
        return quote;
    }

    /** The claim with this command-line id, if any. */
    public static Optional<ArticleClaim> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }
}
