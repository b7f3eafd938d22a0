package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;
import java.util.Arrays;

/**
 * ONNX RoiAlign (torchvision's {@code roi_align}) in the float32 steps of ONNX Runtime 1.30's CPU kernel: images
 * {@code [N, C, H, W]}, regions {@code [R, 4]} as {@code (x1, y1, x2, y2)} times {@code spatialScale} (less 0.5 with
 * half-pixel coordinates; without them a region is at least 1 x 1), the image of each region's batch index. Each of the
 * {@code outHeight x outWidth} bins samples a grid of {@code samplingRatio} points a side (0: {@code ceil} of the bin's
 * size), each bilinear between its four neighbours (clamped to the image; 0 beyond one pixel outside it). AVG averages
 * the samples; MAX takes, as ONNX Runtime, the largest of each sample's four weighted neighbours, not of the samples.
 */
public final class RoiAlign implements Op {
    /** How a bin combines its samples. */
    public enum Mode { AVG, MAX }

    private final Mode mode;
    private final int outHeight;
    private final int outWidth;
    private final int samplingRatio;
    private final float spatialScale;
    private final boolean halfPixel;

    /** A RoiAlign with the ONNX attributes of those names. */
    public RoiAlign(Mode mode, int outHeight, int outWidth, int samplingRatio, float spatialScale, boolean halfPixel) {
        if (outHeight < 1 || outWidth < 1 || samplingRatio < 0) {
            throw new IllegalArgumentException("RoiAlign takes output sizes of at least 1 and a sampling_ratio of at least 0,"
                    + " got " + outHeight + " x " + outWidth + " and " + samplingRatio);
        }
        this.mode = mode;
        this.outHeight = outHeight;
        this.outWidth = outWidth;
        this.samplingRatio = samplingRatio;
        this.spatialScale = spatialScale;
        this.halfPixel = halfPixel;
    }

    @Override
    public String type() {
        return "RoiAlign";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("mode", mode.name()).attr("output_height", outHeight)
                .attr("output_width", outWidth).attr("sampling_ratio", samplingRatio)
                .attr("spatial_scale", (double) spatialScale).attr("half_pixel", halfPixel).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static RoiAlign fromSpec(OpSpec s) {
        return new RoiAlign(s.enumAttr("mode", Mode.class), s.intAttr("output_height"), s.intAttr("output_width"),
                s.intAttr("sampling_ratio"), (float) s.doubleAttr("spatial_scale"), s.boolAttr("half_pixel"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        Dims.inputs(in, 3, type());
        int[] x = in[0];
        int[] rois = in[1];
        int[] indices = in[2];
        boolean fits = x.length == 4 && rois.length == 2 && (rois[1] < 0 || rois[1] == 4) && indices.length == 1
                && (rois[0] < 0 || indices[0] < 0 || rois[0] == indices[0]);
        if (!fits) {
            throw new IllegalArgumentException("RoiAlign takes images [N, C, H, W], rois [R, 4] and batch_indices [R], got "
                    + Shapes.toString(x) + ", " + Shapes.toString(rois) + " and " + Shapes.toString(indices));
        }
        return new int[][] {{rois[0] >= 0 ? rois[0] : indices[0], x[1], outHeight, outWidth}};
    }

    /** The four weighted neighbours of one sample. */
    @Override
    public int scratchSize(int[][] inputShapes) {
        return 4;
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        float[] rois = inputs[1];
        float[] indices = inputs[2];
        int[] s = inputShapes[0];
        int channels = s[1];
        int height = s[2];
        int width = s[3];
        float[] y = outputs[0];
        float offset = halfPixel ? 0.5f : 0f;
        for (int n = 0; n < indices.length; n++) {
            int image = Dims.integer(indices[n], "batch index");
            if (image < 0 || image >= s[0]) {
                throw new IllegalArgumentException("RoiAlign: batch index " + image + " of region " + n + " is outside the "
                        + s[0] + " images");
            }
            float startW = rois[4 * n] * spatialScale - offset;
            float startH = rois[4 * n + 1] * spatialScale - offset;
            float roiWidth = rois[4 * n + 2] * spatialScale - offset - startW;
            float roiHeight = rois[4 * n + 3] * spatialScale - offset - startH;
            if (!halfPixel) {
                roiWidth = Math.max(roiWidth, 1f);
                roiHeight = Math.max(roiHeight, 1f);
            }
            float binH = roiHeight / outHeight;
            float binW = roiWidth / outWidth;
            int gridH = samplingRatio > 0 ? samplingRatio : (int) Math.ceil(roiHeight / outHeight);
            int gridW = samplingRatio > 0 ? samplingRatio : (int) Math.ceil(roiWidth / outWidth);
            for (int c = 0; c < channels; c++) {
                int plane = (image * channels + c) * height * width;
                int out = ((n * channels + c) * outHeight) * outWidth;
                for (int ph = 0; ph < outHeight; ph++) {
                    for (int pw = 0; pw < outWidth; pw++) {
                        float value = 0f;
                        boolean first = true;
                        for (int iy = 0; iy < gridH; iy++) {
                            float sy = startH + ph * binH + (iy + .5f) * binH / gridH;
                            for (int ix = 0; ix < gridW; ix++) {
                                float sx = startW + pw * binW + (ix + .5f) * binW / gridW;
                                corners(x, plane, height, width, sy, sx, scratch);
                                if (mode == Mode.AVG) {
                                    value += scratch[0] + scratch[1] + scratch[2] + scratch[3];
                                } else {
                                    float v = Math.max(Math.max(Math.max(scratch[0], scratch[1]), scratch[2]), scratch[3]);
                                    value = first ? v : Math.max(value, v);
                                    first = false;
                                }
                            }
                        }
                        y[out + ph * outWidth + pw] = mode == Mode.AVG ? value / (gridH * gridW) : value;
                    }
                }
            }
        }
    }

    /**
     * Writes into {@code to} the four weighted neighbours of point (sy, sx) in the plane at {@code plane}: clamped to the
     * image, and each a zero weight times the plane's first value beyond one pixel outside it (as ONNX Runtime).
     */
    private static void corners(float[] x, int plane, int height, int width, float sy, float sx, float[] to) {
        if (sy < -1f || sy > height || sx < -1f || sx > width) {
            Arrays.fill(to, 0, 4, 0f * x[plane]);
            return;
        }
        float py = Math.max(sy, 0f);
        float px = Math.max(sx, 0f);
        int yLow = (int) py;
        int xLow = (int) px;
        int yHigh = yLow + 1;
        int xHigh = xLow + 1;
        if (yLow >= height - 1) {
            yHigh = yLow = height - 1;
            py = yLow;
        }
        if (xLow >= width - 1) {
            xHigh = xLow = width - 1;
            px = xLow;
        }
        float ly = py - yLow;
        float lx = px - xLow;
        float hy = 1f - ly;
        float hx = 1f - lx;
        to[0] = hy * hx * x[plane + yLow * width + xLow];
        to[1] = hy * lx * x[plane + yLow * width + xHigh];
        to[2] = ly * hx * x[plane + yHigh * width + xLow];
        to[3] = ly * lx * x[plane + yHigh * width + xHigh];
    }
}
