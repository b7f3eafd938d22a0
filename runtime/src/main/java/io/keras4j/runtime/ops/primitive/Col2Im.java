package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;
import java.util.Arrays;

/**
 * ONNX Col2Im (torch's {@code nn.Fold}): columns {@code [batch, channels·K, L]}, K the block's positions and L the
 * blocks, summed into images {@code [batch, channels, image...]}. Block {@code l} (row-major over the blocks that fit
 * the padded image) starts at {@code l_d·strides[d] - pads[d]} on axis d; its position {@code k} (row-major over the
 * block) lies {@code k_d·dilations[d]} further on; positions in the padding are dropped. Each pixel adds its values in
 * the order of the columns' rows, then of the blocks, as ONNX Runtime does.
 */
public final class Col2Im implements Op {
    private final int[] image;
    private final int[] block;
    private final int[] dilations;
    private final int[] pads;
    private final int[] strides;
    /** The blocks along each axis. */
    private final int[] blocks;
    /** K, the positions of a block. */
    private final int positions;
    /** L, the blocks. */
    private final int count;
    /** The image offset of position k of block l at {@code k·L + l}, or -1 in the padding. */
    private final int[] targets;

    /**
     * @param image     the image's sizes, one per axis
     * @param block     the block's sizes
     * @param dilations the spacing of a block's positions, per axis
     * @param pads      the padding before each axis, then after each axis
     * @param strides   the spacing of the blocks, per axis
     */
    public Col2Im(int[] image, int[] block, int[] dilations, int[] pads, int[] strides) {
        int n = image.length;
        if (n == 0 || block.length != n || dilations.length != n || pads.length != 2 * n || strides.length != n) {
            throw new IllegalArgumentException("Col2Im takes one block size, dilation and stride and two pads per image axis");
        }
        this.image = image.clone();
        this.block = block.clone();
        this.dilations = dilations.clone();
        this.pads = pads.clone();
        this.strides = strides.clone();
        blocks = new int[n];
        long k = 1;
        long l = 1;
        for (int d = 0; d < n; d++) {
            long span = (long) dilations[d] * (block[d] - 1) + 1;
            long padded = (long) image[d] + pads[d] + pads[n + d];
            if (image[d] < 1 || block[d] < 1 || dilations[d] < 1 || strides[d] < 1 || pads[d] < 0 || pads[n + d] < 0
                    || padded < span) {
                throw new IllegalArgumentException("Col2Im: blocks of " + Shapes.toString(block) + " with dilations "
                        + Shapes.toString(dilations) + " do not fit the image " + Shapes.toString(image) + " padded by "
                        + Shapes.toString(pads));
            }
            blocks[d] = (int) ((padded - span) / strides[d] + 1);
            k *= block[d];
            l *= blocks[d];
        }
        if (k * l > Dims.EXACT) {
            throw new IllegalArgumentException("Col2Im: " + k + " block positions times " + l + " blocks is more than 2^24");
        }
        positions = (int) k;
        count = (int) l;
        targets = targets();
    }

    private int[] targets() {
        int n = image.length;
        int[] t = new int[positions * count];
        for (int k = 0; k < positions; k++) {
            for (int l = 0; l < count; l++) {
                int offset = 0;
                int restK = k;
                int restL = l;
                int unit = 1;
                for (int d = n - 1; d >= 0 && offset >= 0; d--) {
                    int at = restL % blocks[d] * strides[d] - pads[d] + restK % block[d] * dilations[d];
                    restK /= block[d];
                    restL /= blocks[d];
                    offset = at < 0 || at >= image[d] ? -1 : offset + at * unit;
                    unit *= image[d];
                }
                t[k * count + l] = offset;
            }
        }
        return t;
    }

    @Override
    public String type() {
        return "Col2Im";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("image", image).attr("block", block).attr("dilations", dilations)
                .attr("pads", pads).attr("strides", strides).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Col2Im fromSpec(OpSpec s) {
        return new Col2Im(s.intsAttr("image"), s.intsAttr("block"), s.intsAttr("dilations"), s.intsAttr("pads"),
                s.intsAttr("strides"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 1, type());
        int[] x = in[0];
        if (x.length != 3 || x[1] == 0 || x[1] > 0 && x[1] % positions != 0 || x[2] >= 0 && x[2] != count) {
            throw new IllegalArgumentException("Col2Im takes [batch, channels·" + positions + ", " + count + "] for blocks of " + Shapes.toString(block) + " in an image of " + Shapes.toString(image) + ", got "
                    + Shapes.toString(x));
        }
        int[] y = new int[2 + image.length];
        y[0] = x[0];
        y[1] = x[1] < 0 ? -1 : x[1] / positions;
        System.arraycopy(image, 0, y, 2, image.length);
        return new int[][] {y};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        float[] y = outputs[0];
        int rows = inputShapes[0][0] * inputShapes[0][1];
        int pixels = Shapes.product(image, 0, image.length);
        Arrays.fill(y, 0f);
        for (int r = 0; r < rows; r++) {
            int base = r / positions * pixels;
            int from = r * count;
            int to = r % positions * count;
            for (int l = 0; l < count; l++) {
                int t = targets[to + l];
                if (t >= 0) {
                    y[base + t] += x[from + l];
                }
            }
        }
    }
}
