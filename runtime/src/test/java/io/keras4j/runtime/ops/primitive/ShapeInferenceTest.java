package io.keras4j.runtime.ops.primitive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * While a graph is built only constants' values are known and dimensions may be unknown (-1): the ops whose shapes
 * depend on values give what those decide and -1 for the rest.
 */
class ShapeInferenceTest {

    private static int[] reshape(int[] x, float... target) {
        return new Reshape(false).outputShapes(new int[][] {x, {target.length}}, new float[][] {null, target})[0];
    }

    @Test
    void reshapeResolvesItsFreeDimensionWhenTheUnknownOnesAreCopied() {
        assertArrayEquals(new int[] {-1, -1, 10}, reshape(new int[] {-1, -1, 2, 5}, 0, 0, -1)); // torch, bidirectional
        assertArrayEquals(new int[] {-1, 3, 4}, reshape(new int[] {-1, 3, 4}, 0, 3, -1));
        assertArrayEquals(new int[] {2, 3, 4}, reshape(new int[] {2, 3, 4}, 2, 3, 4));
        assertArrayEquals(new int[] {2, -1}, reshape(new int[] {-1, 6}, 2, -1), "an unknown dimension not copied");
        assertArrayEquals(new int[] {-1, -1}, new Reshape(false).outputShapes(new int[][] {{2, 6}, {2}}, new float[][] {
                new float[12], null})[0], "the target unknown");
    }

    @Test
    void theOthersWaitForEveryValueTheyNeed() {
        assertArrayEquals(new int[] {-1, 4}, new Expand().outputShapes(new int[][] {{1, 4}, {2}},
                new float[][] {new float[4], null})[0]);
        assertArrayEquals(new int[] {-1, 2, 4}, new Slice(3).outputShapes(new int[][] {{-1, 5, 4}, {2}, {2}},
                new float[][] {null, {0, 1}, {2, 3}})[0], "an unknown input dimension: only its slice unknown");
        assertArrayEquals(new int[] {-1, -1, 4}, new Slice(3).outputShapes(new int[][] {{3, 5, 4}, {2}, {2}},
                new float[][] {null, {0, 1}, null})[0], "unknown ends");
        assertArrayEquals(new int[] {2, 2, 4}, new Slice(3).outputShapes(new int[][] {{3, 5, 4}, {2}, {2}},
                new float[][] {null, {0, 1}, {2, 3}})[0]);
    }

    @Test
    void padByComputedCountsLeavesItsAxesUnknownUntilTheCountsAre() {
        Pad pad = Pad.computed(new int[] {2, 0}, 0f, Pad.Mode.REFLECT);
        assertArrayEquals(new int[] {-1, 5, -1}, pad.outputShapes(new int[][] {{3, 5, 4}, {-1}}, null)[0]);
        assertArrayEquals(new int[] {3, 5, 7}, pad.outputShapes(new int[][] {{3, 5, 4}, {4}},
                new float[][] {null, {1, 0, 2, 0}})[0], "axis 2 by (1, 2), axis 0 by (0, 0)");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pad.outputShapes(
                new int[][] {{3, 5, 4}, {4}}, new float[][] {null, {4, 0, 0, 0}}));
        assertTrue(e.getMessage().contains("pads at most 3"), e.getMessage());
        assertArrayEquals(new int[] {3, 5, 5}, pad.outputShapes(new int[][] {{3, 5, 4}, {4}},
                new float[][] {null, {-1, 0, 2, 0}})[0], "axis 2 cropped by one, then reflected by two of the three kept");
        e = assertThrows(IllegalArgumentException.class, () -> pad.outputShapes(new int[][] {{3, 5, 4}, {4}},
                new float[][] {null, {-1, 0, 3, 0}}));
        assertTrue(e.getMessage().contains("pads at most 2 entries on each side of the 3 it keeps"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> pad.outputShapes(new int[][] {{3, 5, 4}, {4}},
                new float[][] {null, {0.5f, 0, 0, 0}}));
        assertTrue(e.getMessage().contains("must be an integer"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> pad.outputShapes(new int[][] {{3, 5, 4}, {6}}, null));
        assertTrue(e.getMessage().contains("for 2 axes"), e.getMessage());
    }
}
