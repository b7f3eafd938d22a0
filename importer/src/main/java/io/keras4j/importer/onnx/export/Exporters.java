package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.BidirectionalMerge;
import io.keras4j.runtime.ops.Dense;
import io.keras4j.runtime.ops.Embedding;
import io.keras4j.runtime.ops.Gru;
import io.keras4j.runtime.ops.Identity;
import io.keras4j.runtime.ops.Lstm;
import io.keras4j.runtime.ops.Masking;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.RecurrentOp;
import io.keras4j.runtime.ops.SimpleRnn;
import java.util.Map;

/** The exporter of each runtime op class. */
final class Exporters {
    private static final OpExporter RECURRENT = new RecurrentExporter();
    private static final Map<Class<? extends Op>, OpExporter> BY_OP = Map.ofEntries(
            Map.entry(Lstm.class, RECURRENT),
            Map.entry(Gru.class, RECURRENT),
            Map.entry(SimpleRnn.class, RECURRENT),
            Map.entry(BidirectionalMerge.class, new BidirectionalMergeExporter()),
            Map.entry(Dense.class, new DenseExporter()),
            Map.entry(ActivationOp.class, new Activations()),
            Map.entry(Identity.class, new IdentityExporter()),
            Map.entry(Masking.class, new MaskingExporter()),
            Map.entry(Embedding.class, new EmbeddingExporter()));

    private Exporters() {
    }

    /** Writes {@code node}, or records why it cannot be written. */
    static void export(Node node, OnnxWriter w) {
        OpExporter e = BY_OP.get(node.op().getClass());
        if (e == null && node.op() instanceof RecurrentOp) {
            e = RECURRENT;
        }
        if (e == null) {
            w.problem(node, "not supported by the ONNX exporter (LSTM, GRU, SimpleRNN, Bidirectional, Dense, Activation,"
                    + " Masking, Embedding, Dropout and the other inference identities are)");
        } else {
            e.export(node, w);
        }
    }
}
