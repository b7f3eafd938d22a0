package io.keras4j.runtime.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.runtime.math.Activation;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Convolution gathers windows in chunks of {@link Patches#CHUNK} output positions for one matrix product, and
 * ConvTranspose multiplies chunks of input positions; over more positions than a chunk (the golden cases hold few) they
 * agree with the convolution's sum written out directly.
 */
class ConvolutionTest {
    private static final Activation LINEAR = Activation.of(Activation.Kind.LINEAR);

    private static float[] random(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    private static float[] run(Op op, int[] shape, float[] x) {
        int[][] in = {shape};
        int[] outShape = op.outputShapes(in)[0];
        int size = 1;
        for (int d : outShape) {
            size *= d;
        }
        float[][] out = {new float[size]};
        op.forward(new float[][] {x}, in, out, new float[op.scratchSize(in)]);
        return out[0];
    }

    @Test
    void aLongSameConv1DIsItsSum() {
        Random r = new Random(11);
        int batch = 2, steps = 601, channels = 3, filters = 5, k = 4, stride = 2, dilation = 1;
        float[] kernel = random(r, k * channels * filters);
        float[] bias = random(r, filters);
        float[] x = random(r, batch * steps * channels);
        float[] y = run(new Convolution(channels, filters, new int[] {k}, new int[] {stride}, new int[] {dilation}, Padding.SAME,
                null, 1, false, kernel, bias, LINEAR),
                new int[] {batch, steps, channels}, x);
        int out = (steps + stride - 1) / stride;
        int left = Padding.samePadBefore(steps, out, stride, k);
        assertEquals(batch * out * filters, y.length);
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < out; o++) {
                for (int f = 0; f < filters; f++) {
                    double want = bias[f];
                    for (int j = 0; j < k; j++) {
                        int t = o * stride - left + j;
                        for (int c = 0; t >= 0 && t < steps && c < channels; c++) {
                            want += (double) x[(b * steps + t) * channels + c] * kernel[(j * channels + c) * filters + f];
                        }
                    }
                    assertEquals(want, y[(b * out + o) * filters + f], 1e-4, "b " + b + " step " + o + " filter " + f);
                }
            }
        }
    }

    @Test
    void aWideKernelIsGatheredInFewerPositionsAtOnce() {
        Random r = new Random(13);
        int steps = 200, channels = 30000, k = 3;
        assertTrue(Patches.chunk((long) k * channels) < steps - k + 1, "the test needs more positions than a chunk");
        float[] kernel = random(r, k * channels);
        float[] x = random(r, steps * channels);
        float[] y = run(new Convolution(channels, 1, new int[] {k}, new int[] {1}, new int[] {1}, Padding.VALID, null, 1, false, kernel,
                null, LINEAR),
                new int[] {1, steps, channels}, x);
        for (int o = 0; o < steps - k + 1; o++) {
            double want = 0;
            for (int i = 0; i < k * channels; i++) {
                want += (double) x[o * channels + i] * kernel[i];
            }
            assertEquals(want, y[o], 1e-2, "step " + o);
        }
    }

    @Test
    void aWindowSpanningMoreThan2To30PositionsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Convolution(1, 1, new int[] {1, 256},
                new int[] {1, 1}, new int[] {1, 1 << 24}, Padding.VALID, null, 1, false, new float[256], null, LINEAR));
        assertEquals("Conv2D: kernel size 256 with dilation 16777216 spans 4278190081 positions, more than keras4j accepts"
                + " (2^30)", e.getMessage());
    }

    @Test
    void aLargeStridedDilatedConv2DIsItsSum() {
        Random r = new Random(12);
        int batch = 2, rows = 23, cols = 31, channels = 2, filters = 3;
        int[] k = {3, 2};
        int[] strides = {1, 2};
        int[] dilations = {2, 1};
        int[] pads = {1, 0, 2, 3};
        float[] kernel = random(r, k[0] * k[1] * channels * filters);
        float[] x = random(r, batch * rows * cols * channels);
        float[] y = run(new Convolution(channels, filters, k, strides, dilations, Padding.EXPLICIT, pads, 1, false, kernel,
                null, LINEAR), new int[] {batch, rows, cols, channels}, x);
        int outRows = (rows + pads[0] + pads[2] - ((k[0] - 1) * dilations[0] + 1)) / strides[0] + 1;
        int outCols = (cols + pads[1] + pads[3] - ((k[1] - 1) * dilations[1] + 1)) / strides[1] + 1;
        assertEquals(batch * outRows * outCols * filters, y.length);
        for (int b = 0; b < batch; b++) {
            for (int or = 0; or < outRows; or++) {
                for (int oc = 0; oc < outCols; oc++) {
                    for (int f = 0; f < filters; f++) {
                        double want = 0;
                        for (int i = 0; i < k[0]; i++) {
                            for (int j = 0; j < k[1]; j++) {
                                int rr = or * strides[0] - pads[0] + i * dilations[0];
                                int cc = oc * strides[1] - pads[1] + j * dilations[1];
                                for (int c = 0; rr >= 0 && rr < rows && cc >= 0 && cc < cols && c < channels; c++) {
                                    want += (double) x[((b * rows + rr) * cols + cc) * channels + c]
                                            * kernel[((i * k[1] + j) * channels + c) * filters + f];
                                }
                            }
                        }
                        assertEquals(want, y[((b * outRows + or) * outCols + oc) * filters + f], 1e-4,
                                "b " + b + " at " + or + "," + oc + " filter " + f);
                    }
                }
            }
        }
    }

    @Test
    void aLargeStridedDilatedConv3DTransposeIsItsSum() {
        Random r = new Random(14);
        int batch = 2, depth = 3, rows = 11, cols = 13, channels = 2, filters = 3;
        int[] k = {2, 3, 2};
        int[] strides = {2, 1, 3};
        int[] dilations = {1, 2, 1};
        int[] pads = {1, 2, 0, 0, 3, 1};
        assertTrue(depth * rows * cols > Patches.CHUNK, "the test needs more positions than a chunk");
        float[] kernel = random(r, k[0] * k[1] * k[2] * filters * channels);
        float[] bias = random(r, filters);
        float[] x = random(r, batch * depth * rows * cols * channels);
        float[] y = run(new ConvTranspose(channels, filters, k, strides, dilations, pads, kernel, bias, LINEAR),
                new int[] {batch, depth, rows, cols, channels}, x);
        int[] in = {depth, rows, cols};
        int[] out = new int[3];
        int[] crop = new int[3];
        for (int a = 0; a < 3; a++) {
            int span = (k[a] - 1) * dilations[a] + 1;
            out[a] = (in[a] - 1) * strides[a] + 1 + pads[a] + pads[a + 3] - span + 1;
            crop[a] = span - 1 - pads[a];
        }
        double[] want = new double[batch * out[0] * out[1] * out[2] * filters];
        for (int b = 0; b < batch; b++) {
            for (int q = 0; q < out[0] * out[1] * out[2]; q++) {
                for (int f = 0; f < filters; f++) {
                    want[(b * out[0] * out[1] * out[2] + q) * filters + f] = bias[f];
                }
            }
            for (int d = 0; d < depth; d++) {
                for (int rr = 0; rr < rows; rr++) {
                    for (int cc = 0; cc < cols; cc++) {
                        for (int i = 0; i < k[0]; i++) {
                            for (int j = 0; j < k[1]; j++) {
                                for (int l = 0; l < k[2]; l++) {
                                    int od = d * strides[0] + i * dilations[0] - crop[0];
                                    int or = rr * strides[1] + j * dilations[1] - crop[1];
                                    int oc = cc * strides[2] + l * dilations[2] - crop[2];
                                    if (od < 0 || od >= out[0] || or < 0 || or >= out[1] || oc < 0 || oc >= out[2]) {
                                        continue;
                                    }
                                    for (int f = 0; f < filters; f++) {
                                        for (int c = 0; c < channels; c++) {
                                            want[(((b * out[0] + od) * out[1] + or) * out[2] + oc) * filters + f] +=
                                                    (double) x[(((b * depth + d) * rows + rr) * cols + cc) * channels + c]
                                                    * kernel[(((i * k[1] + j) * k[2] + l) * filters + f) * channels + c];
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assertEquals(want.length, y.length);
        for (int q = 0; q < want.length; q++) {
            assertEquals(want[q], y[q], 1e-4, "output " + q);
        }
    }
}
