package io.keras4j.importer.onnx;

/** Translates one ONNX operator into runtime ops; records problems on the node instead of throwing. */
interface OpTranslator {
    void translate(OnnxNode node, OnnxGraphBuilder b);

    /** How many leading inputs the operator cannot do without; checked before {@link #translate}. */
    default int requiredInputs() {
        return 1;
    }
}
