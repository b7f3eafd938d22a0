package io.keras4j.runtime.ops.primitive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.ops.Op;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Primitives that once allocated in forward() (a session's steady state must allocate nothing) stay allocation-free:
 * broadcasting Elementwise, Where and Expand, Tile, Reduce of every kind, TopK, GatherElements, GatherND, the Scatters,
 * Slice, Einsum and Shape.
 */
class ForwardAllocationTest {
    private static float[] values(int n, float offset) {
        SplittableRandom r = new SplittableRandom(n);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextDouble() + offset;
        }
        return v;
    }

    private static void assertAllocationFree(Op op, int[][] shapes, float[][] inputs) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean mx) || !mx.isThreadAllocatedMemorySupported()) {
            return;
        }
        int[][] outShapes = op.outputShapes(shapes, inputs);
        float[][] outputs = new float[outShapes.length][];
        for (int i = 0; i < outShapes.length; i++) {
            outputs[i] = new float[Shapes.checkedSize(outShapes[i])];
        }
        float[] scratch = new float[op.scratchSize(shapes)];
        for (int i = 0; i < 20_000; i++) {
            op.forward(inputs, shapes, outputs, scratch);
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 2_000; i++) {
            op.forward(inputs, shapes, outputs, scratch);
        }
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 2_000 * 4, op + " allocated " + allocated + " bytes in 2000 calls on " + Arrays.deepToString(shapes));
    }

    @Test
    void broadcastingOpsAndTopKAllocateNothing() {
        assertAllocationFree(new Elementwise(Elementwise.Kind.ADD), new int[][] {{2, 3, 4}, {3, 1}},
                new float[][] {values(24, 0), values(3, 0)});
        assertAllocationFree(new Where(), new int[][] {{1, 4}, {2, 3, 4}, {3, 1}},
                new float[][] {new float[] {1, 0, 1, 0}, values(24, 0), values(3, 0)});
        assertAllocationFree(new Expand(), new int[][] {{3, 1}, {3}}, new float[][] {values(3, 0), {2, 1, 4}});
        assertAllocationFree(new Tile(), new int[][] {{2, 3}, {2}}, new float[][] {values(6, 0), {2, 3}});
        assertAllocationFree(new TopK(1, true), new int[][] {{2, 5, 3}, {1}}, new float[][] {values(30, 0), {2}});
    }

    @Test
    void sliceAndEinsumAllocateNothing() {
        assertAllocationFree(new Slice(5), new int[][] {{2, 5, 3}, {2}, {2}, {2}, {2}},
                new float[][] {values(30, 0), {4, 0}, {0, 3}, {1, -1}, {-2, 2}});
        assertAllocationFree(new Einsum("bij,bjk->bik"), new int[][] {{2, 3, 4}, {2, 4, 5}},
                new float[][] {values(24, 0), values(40, 0)});
    }

    @Test
    void shapeAllocatesNothing() {
        assertAllocationFree(new ShapeOf(1, Long.MAX_VALUE), new int[][] {{2, 3, 4}}, new float[][] {values(24, 0)});
    }

    @Test
    void everyReduceAllocatesNothing() {
        for (Reduce.Kind kind : Reduce.Kind.values()) {
            assertAllocationFree(new Reduce(kind, new long[] {1, -1}, kind.ordinal() % 2 == 0), new int[][] {{2, 3, 4}},
                    new float[][] {values(24, 0.5f)});
        }
    }

    @Test
    void gathersAndScattersAllocateNothing() {
        assertAllocationFree(new GatherNd(1), new int[][] {{2, 3, 4}, {2, 1}}, new float[][] {values(24, 0), {2, -1}});
        assertAllocationFree(new GatherElements(1, false), new int[][] {{2, 3, 4}, {2, 2, 4}}, new float[][] {values(24, 0),
                {0, 2, -1, 1, 2, 0, 0, 1, 1, 1, 2, 0, 0, -1, 1, 2}});
        assertAllocationFree(new GatherElements(-1, true), new int[][] {{2, 3, 1}, {1, 3, 2}}, new float[][] {values(6, 0),
                {0, 0, -1, 0, 0, 0}});
        assertAllocationFree(Scatter.nd(Scatter.Reduction.ADD), new int[][] {{2, 3, 4}, {2, 2}, {2, 4}},
                new float[][] {values(24, 0), {0, 1, 1, -1}, values(8, 0)});
        assertAllocationFree(Scatter.elements(1, Scatter.Reduction.NONE), new int[][] {{2, 3, 4}, {2, 2, 4}, {2, 2, 4}},
                new float[][] {values(24, 0), new float[16], values(16, 0)});
    }
}
