package io.keras4j.importer.onnx.export;

import static io.keras4j.importer.onnx.export.OnnxWriter.attr;
import static io.keras4j.importer.onnx.export.OnnxWriter.ints;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.CellOptions;
import io.keras4j.runtime.ops.RecurrentOp;
import io.keras4j.runtime.ops.RecurrentOptions;
import java.util.ArrayList;
import java.util.Collections;
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
        String zeros = w.binary("Expand", w.scalar(0f), w.apply("Concat", List.of(w.unary("Shape", x, attr("end", 1)),
                w.longs(op.units())), attr("axis", 0)));
        List<String> scanInputs = new ArrayList<>();
        for (int k = 0; k < states; k++) {
            scanInputs.add(o.initialState() ? node.inputs().get(2 + k) : zeros);
        }
        scanInputs.add(zeros);
        scanInputs.add(RecurrentCells.projection(node, w, op, x));
        scanInputs.add(w.once(mask + "/valid_steps", key -> w.binary("Unsqueeze", ElementwiseExporter.bool(w, mask),
                w.longs(-1))));
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (int k = 0; k <= states; k++) {
            in.add(w.fresh(base + "/state_in"));
            out.add(w.fresh(base + "/state_out"));
        }
        String proj = w.fresh(base + "/step_projection");
        String valid = w.fresh(base + "/step_valid");
        in.add(proj);
        in.add(valid);
        if (o.returnSequences()) {
            out.add(w.fresh(base + "/step_output"));
        }
        List<Integer> types = new ArrayList<>(Collections.nCopies(states + 2, OnnxWriter.FLOAT));
        types.add(OnnxWriter.BOOL);
        var body = w.body("body", in, types, out, () -> {
            List<String> next = RecurrentCells.step(node, w, op, proj, in.subList(0, states));
            for (int k = 0; k < states; k++) {
                w.add("Where", List.of(valid, next.get(k), in.get(k)), List.of(out.get(k)));
            }
            String masked = o.zeroOutputForMask() ? w.scalar(0f) : in.get(states);
            w.add("Where", List.of(valid, next.get(0), masked), List.of(out.get(states)));
            if (o.returnSequences()) {
                w.add("Identity", List.of(out.get(states)), List.of(out.get(states + 1)));
            }
        });
        List<String> results = new ArrayList<>();
        List<String> outs = node.outputs();
        for (int k = 0; k < states; k++) {
            results.add(o.returnState() ? outs.get(1 + k) : w.fresh(base + "/final_state"));
        }
        results.add(o.returnSequences() ? w.fresh(base + "/last_output") : outs.get(0));
        if (o.returnSequences()) {
            results.add(outs.get(0));
        }
        int direction = o.goBackwards() ? 1 : 0;
        var scan = w.addNamed(base, "Scan", scanInputs, results).addAttribute(body).addAttribute(attr("num_scan_inputs", 2))
                .addAttribute(ints("scan_input_axes", 1, 1)).addAttribute(ints("scan_input_directions", direction, direction));
        if (o.returnSequences()) {
            scan.addAttribute(ints("scan_output_axes", 1));
        }
    }
}
