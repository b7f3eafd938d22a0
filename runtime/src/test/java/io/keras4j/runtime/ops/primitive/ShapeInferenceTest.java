package io.keras4j.runtime.ops.primitive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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
}
