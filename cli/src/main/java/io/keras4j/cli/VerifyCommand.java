package io.keras4j.cli;

import io.keras4j.importer.CaseFolder;
import io.keras4j.importer.Comparison;
import io.keras4j.importer.ModelImporter;
import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keras4j verify CASE_DIR}. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Runs the model of a case folder on its inputs and compares with Keras' outputs.",
                "A case folder holds model.h5, model.keras or model.onnx, input_<i>.npy, output_<i>.npy and optionally case.json.",
                "Passes when every value is within atol + rtol*|want| (default 1e-5 each)."})
final class VerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CASE_DIR")
    Path dir;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CaseFolder c = CaseFolder.open(dir);
        Model m = ModelImporter.load(c.model());
        List<Tensor[]> calls = c.run(m);
        boolean ok = true;
        var out = spec.commandLine().getOut();
        for (int k = 0; k < calls.size(); k++) {
            Tensor[] got = calls.get(k);
            if (got.length != c.outputs(k).size()) {
                throw new IllegalArgumentException(dir + ": the model gives " + got.length + " outputs but the case holds "
                        + c.outputs(k).size());
            }
            String call = calls.size() > 1 ? "call " + k + " " : "";
            for (int i = 0; i < got.length; i++) {
                Comparison r = c.compare(k, i, got[i]);
                ok &= r.passed();
                if (r.sameShape()) {
                    out.printf("%soutput %d %s: max abs error %.2e, %d of %d values outside tolerance: %s%n", call, i,
                            m.outputs().get(i).name(), r.maxAbsError(), r.violations(), r.count(), r.passed() ? "PASS" : "FAIL");
                } else {
                    out.printf("%soutput %d %s: %s: FAIL%n", call, i, m.outputs().get(i).name(), r.detail());
                }
            }
        }
        out.println(ok ? "PASS " + dir : "FAIL " + dir);
        return ok ? 0 : Main.MISMATCH;
    }
}
