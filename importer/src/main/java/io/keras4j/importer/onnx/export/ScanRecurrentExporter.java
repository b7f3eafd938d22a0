package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.CellOptions;
import io.keras4j.runtime.ops.RecurrentOp;
import io.keras4j.runtime.ops.RecurrentOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * An LSTM, GRU or SimpleRNN as an ONNX Scan over the time axis, as Keras runs it: the input projection of every step
 * first, then per step the cell ({@link RecurrentCells}), with any activation that has an ONNX form. Masked (exact for
 * any mask), a Where on the step's mask per sequence: a masked step keeps the states and outputs the previous output (0
 * before the first valid step), or 0 with zero_output_for_mask. go_backwards scans the steps from the last, the output
 * sequence in processing order.
 */
final class ScanRecurrentExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        RecurrentOp op = (RecurrentOp) node.op();
        RecurrentOptions o = op.options();
        CellOptions cell = op.cellOptions();
        if (cell.clip() != 0 || cell.peepholes() != null || cell.outputActivation() != null || cell.coupledInputForget()) {
            w.problem(node, (o.masked() ? "masked input" : "an activation with no ONNX recurrent form")
                    + " to a cell with ONNX options (clip, peepholes, input_forget, output activation): the exporter writes"
                    + " such layers as a Scan of Keras cells only");
            return;
        }
        String x = node.inputs().get(0);
        String base = node.name();
        int states = op.stateCount();
        String zeros = TimeScan.zeros(w, x, op.units());
        List<String> initial = new ArrayList<>();
        for (int k = 0; k < states; k++) {
            initial.add(o.initialState() ? node.inputs().get((o.masked() ? 2 : 1) + k) : zeros);
        }
        initial.add(zeros);
        List<String> sequences = new ArrayList<>(List.of(RecurrentCells.projection(node, w, op, x)));
        List<Integer> types = new ArrayList<>(List.of(OnnxWriter.FLOAT));
        if (o.masked()) {
            String mask = node.inputs().get(1);
            sequences.add(w.once(mask + "/valid_steps", key -> w.binary("Unsqueeze", ElementwiseExporter.bool(w, mask),
                    w.longs(-1))));
            types.add(OnnxWriter.BOOL);
        }
        List<String> outs = node.outputs();
        List<String> results = new ArrayList<>();
        for (int k = 0; k < states; k++) {
            results.add(o.returnState() ? outs.get(1 + k) : w.fresh(base + "/final_state"));
        }
        results.add(o.returnSequences() ? w.fresh(base + "/last_output") : outs.get(0));
        if (o.returnSequences()) {
            results.add(outs.get(0));
        }
        TimeScan.write(w, base, initial, sequences, types, o.goBackwards(), results, (previous, step) -> {
            List<String> next = RecurrentCells.step(node, w, op, step.get(0), previous.subList(0, states));
            List<String> made = new ArrayList<>();
            String y = next.get(0);
            if (o.masked()) {
                String isValid = step.get(1);
                for (int k = 0; k < states; k++) {
                    made.add(w.apply("Where", List.of(isValid, next.get(k), previous.get(k))));
                }
                String masked = o.zeroOutputForMask() ? w.scalar(0f) : previous.get(states);
                y = w.apply("Where", List.of(isValid, y, masked));
            } else {
                made.addAll(next);
            }
            made.add(y);
            if (o.returnSequences()) {
                made.add(y);
            }
            return made;
        });
    }
}
