package io.keras4j.importer;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keras4j.importer.onnx.proto.Onnx.ModelProto;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Mutants that ModelFileFuzzTest found crashing an import: each must now fail with an import error. */
class FuzzRegressionTest {
    /** A Reshape back to a tensor's whole Shape whose output the damaged graph left unrecorded (NullPointerException). */
    @Test
    void aReshapeToTheShapeOfADamagedValueFailsWithAnImportError() throws Exception {
        ProtoMutator m = new ProtoMutator(ModelProto.parseFrom(Files.readAllBytes(
                TestData.caseDir("onnx_dynamo_groupnorm_pixelshuffle_op18").resolve("model.onnx"))));
        m.edit(2, 0.17, 10);
        m.edit(4, 0.06, 4509);
        m.edit(1, 0.31, 6038);
        byte[] mutant = m.build().toByteArray();
        assertThrows(ModelImportException.class, () -> ModelImporter.load(mutant, "mutant.onnx"));
    }
}
