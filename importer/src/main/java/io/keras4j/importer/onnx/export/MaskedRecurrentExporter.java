package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.CellOptions;
import io.keras4j.runtime.ops.RecurrentOp;
import io.keras4j.runtime.ops.RecurrentOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * A masked LSTM, GRU or SimpleRNN as an ONNX Scan over the time axis, exact for any mask, as Keras runs it: the input
 * projection of every step first, then per step the cell ({@link RecurrentCells}) and, per sequence, a Where on the
 * step's mask: a masked step keeps the states and outputs the previous output (0 before the first valid step), or 0
 * with zero_output_for_mask. go_backwards scans the steps from the last, the output sequence in processing order.
 */
final class MaskedRecurrentExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        RecurrentOp op = (RecurrentOp) node.op();
        RecurrentOptions o = op.options();
        CellOptions cell = op.cellOptions();
        if (cell.clip() != 0 || cell.peepholes() != null || cell.outputActivation() != null || cell.coupledInputForget()) {
            w.problem(node, "masked input to a cell with ONNX options (clip, peepholes, input_forget, output activation):"
                    + " the exporter writes masked Keras cells only");
            return;
        }
        String x = node.inputs().get(0);
        String mask = node.inputs().get(1);
        String base = node.name();
        int states = op.stateCount();
        String zeros = TimeScan.zeros(w, x, op.units());
        List<String> initial = new ArrayList<>();
        for (int k = 0; k < states; k++) {
            initial.add(o.initialState() ? node.inputs().get(2 + k) : zeros);
        }
        initial.add(zeros);
        String valid = w.once(mask + "/valid_steps", key -> w.binary("Unsqueeze", ElementwiseExporter.bool(w, mask),
                w.longs(-1)));
        List<String> outs = node.outputs();
        List<String> results = new ArrayList<>();
        for (int k = 0; k < states; k++) {
            results.add(o.returnState() ? outs.get(1 + k) : w.fresh(base + "/final_state"));
        }
        results.add(o.returnSequences() ? w.fresh(base + "/last_output") : outs.get(0));
        if (o.returnSequences()) {
            results.add(outs.get(0));
        }
        TimeScan.write(w, base, initial, List.of(RecurrentCells.projection(node, w, op, x), valid),
                List.of(OnnxWriter.FLOAT, OnnxWriter.BOOL), o.goBackwards(), results, (previous, step) -> {
                    String isValid = step.get(1);
                    List<String> next = RecurrentCells.step(node, w, op, step.get(0), previous.subList(0, states));
                    List<String> made = new ArrayList<>();
                    for (int k = 0; k < states; k++) {
                        made.add(w.apply("Where", List.of(isValid, next.get(k), previous.get(k))));
                    }
                    String masked = o.zeroOutputForMask() ? w.scalar(0f) : previous.get(states);
                    String y = w.apply("Where", List.of(isValid, next.get(0), masked));
                    made.add(y);
                    if (o.returnSequences()) {
                        made.add(y);
                    }
                    return made;
                });
    }
}
