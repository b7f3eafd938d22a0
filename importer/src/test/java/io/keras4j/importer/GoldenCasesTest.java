package io.keras4j.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every generated case reproduces Keras' outputs within the case's tolerance. */
class GoldenCasesTest {

    static List<Path> cases() {
        return TestData.cases();
    }

    @Test
    void thereAreCases() {
        assertFalse(cases().isEmpty(), "no golden cases under " + TestData.root());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesKeras(Path dir) throws Exception {
        CaseFolder c = CaseFolder.open(dir);
        Model model = ModelImporter.load(c.model());
        List<Tensor[]> calls = c.run(model);
        for (int k = 0; k < calls.size(); k++) {
            Tensor[] got = calls.get(k);
            assertEquals(c.outputs(k).size(), got.length, "number of outputs");
            for (int i = 0; i < got.length; i++) {
                Comparison r = c.compare(k, i, got[i]);
                assertTrue(r.passed(), dir.getFileName() + " call " + k + " output " + i + ": " + (r.sameShape()
                        ? r.violations() + " of " + r.count() + " values outside tolerance, max abs error " + r.maxAbsError()
                        : r.detail()));
            }
        }
    }
}
