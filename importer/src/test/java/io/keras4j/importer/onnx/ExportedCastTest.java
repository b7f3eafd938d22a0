package io.keras4j.importer.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.graph.ValueInfo;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.primitive.Cast;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Casts exported to ONNX give, run by ONNX Runtime, what keras4j's Cast gives: an integer cast to a narrower integer
 * type wraps, also for integers beyond int32 (which ONNX Runtime's float-to-int32 conversion would turn into the lowest
 * int32 before wrapping).
 */
class ExportedCastTest {
    private static final float[] INTEGERS = {3e9f, -3e9f, 5e9f, -5e9f, 300f, -1f, 70000f, -129f, 65535f, 2147483648f, 0f, 7f};

    private static void check(Op op) throws Exception {
        Graph g = new Graph(List.of(new ValueInfo("x", new int[] {INTEGERS.length})),
                List.of(new Node("cast", op, List.of("x"), List.of("y"))), List.of("y"), Map.of());
        Tensor x = Tensor.of(INTEGERS, INTEGERS.length);
        float[] want = Model.of(g).predictAll(x)[0].toArray();
        float[] got = OnnxRuntimeCrossCheckTest.runOrt(OnnxExporter.export(g, "cast"), null, List.of(x)).get(0).toArray();
        assertArrayEquals(want, got, op.spec().toString());
    }

    @Test
    void integerCastsWrapBeyondInt32() throws Exception {
        for (int bits : new int[] {8, 16, 32, 64}) {
            for (boolean signed : new boolean[] {true, false}) {
                check(Cast.integerToInteger(bits, signed));
            }
        }
    }

    @Test
    void floatCastsTruncate() throws Exception {
        for (int bits : new int[] {8, 16, 32, 64}) {
            check(Cast.floatToInteger(bits, true));
        }
    }
}
