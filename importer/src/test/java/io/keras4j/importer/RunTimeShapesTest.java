package io.keras4j.importer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.runtime.Model;
import io.keras4j.runtime.Session;
import io.keras4j.runtime.Tensor;
import org.junit.jupiter.api.Test;

/**
 * One session called on inputs of the same shapes whose values decide other shapes works those shapes out again on
 * every call: each call of onnx_loop_run_time_trips_calls_op17 (trip count 3, then 5, then 2: the Loop's outputs, the
 * Reshapes to constant targets after it and a Range up to the trip count change shape) matches ONNX Runtime, through
 * runAll and then runInto, call after call.
 */
class RunTimeShapesTest {

    @Test
    void aSessionWorksOutAgainTheShapesThatValuesChangingBetweenCallsDecide() throws Exception {
        CaseFolder c = CaseFolder.open(TestData.caseDir("onnx_loop_run_time_trips_calls_op17"));
        Model model = ModelImporter.load(c.model(), c.importOptions(ImportOptions.inProcess()));
        try (Session session = model.newSession(1)) {
            for (int k = 0; k < c.calls(); k++) {
                Tensor[] got = session.runAll(c.inputs(k).toArray(new Tensor[0]));
                for (int i = 0; i < got.length; i++) {
                    assertPasses(c, k, i, got[i]);
                }
            }
            for (int k = 0; k < c.calls(); k++) {
                float[][] out = c.outputs(k).stream().map(t -> new float[t.size()]).toArray(float[][]::new);
                session.runInto(out, c.inputs(k).toArray(new Tensor[0]));
                for (int i = 0; i < out.length; i++) {
                    assertPasses(c, k, i, Tensor.of(out[i], c.outputs(k).get(i).shape()));
                }
            }
        }
    }

    private static void assertPasses(CaseFolder c, int call, int output, Tensor got) {
        Comparison r = c.compare(call, output, got);
        assertTrue(r.passed(), "call " + call + " output " + output + ": " + (r.sameShape()
                ? r.violations() + " of " + r.count() + " values outside tolerance, max abs error " + r.maxAbsError()
                : r.detail()));
    }
}
