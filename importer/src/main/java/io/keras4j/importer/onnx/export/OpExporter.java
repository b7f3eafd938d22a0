package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;

/** Writes one kind of runtime op as ONNX nodes, or records with {@link OnnxWriter#problem} why it cannot. */
interface OpExporter {
    void export(Node node, OnnxWriter w);
}
