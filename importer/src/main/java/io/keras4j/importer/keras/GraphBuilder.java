package io.keras4j.importer.keras;

import io.keras4j.importer.keras.layers.LayerTranslator;
import io.keras4j.importer.keras.layers.Translation;
import io.keras4j.importer.keras.layers.Translators;
import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.graph.ValueInfo;
import io.keras4j.runtime.ops.Op;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates a parsed Keras model into a {@link Graph}: each layer call, once its inputs exist, goes to
 * the translator of its class. Every problem of every layer is collected before failing.
 */
public final class GraphBuilder {
    /** More outputs than any op produces, so a failed emit can stand in for all of them. */
    private static final int MAX_OUTPUTS = 8;
    private final ParsedModel model;
    private final KerasVersion version;
    private final WeightStore weights;
    private final Problems problems;
    private final List<ValueInfo> graphInputs = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, int[]> shapes = new HashMap<>();
    private final Set<String> broken = new HashSet<>();
    private final Map<TensorRef, KTensor> tensors = new HashMap<>();

    public GraphBuilder(ParsedModel model, KerasVersion version, WeightStore weights, Problems problems) {
        this.model = model;
        this.version = version;
        this.weights = weights;
        this.problems = problems;
    }

    /** Builds the graph, or returns null after recording the problems that prevent it. */
    public Graph build(Map<String, String> metadata) throws IOException {
        for (TensorRef in : model.inputs()) {
            int[] shape = model.inputShapes().get(in.layer());
            if (shape == null) {
                problems.add("model input '" + in.layer() + "' is not an InputLayer");
                continue;
            }
            shape = shape.clone();
            if (shape.length > 0) {
                shape[0] = -1;
            }
            graphInputs.add(new ValueInfo(in.layer(), shape));
            shapes.put(in.layer(), shape);
            tensors.put(in, new KTensor(in.layer(), null));
        }
        List<int[]> pending = new ArrayList<>();
        List<LayerSpec> layers = model.layers();
        for (int l = 0; l < layers.size(); l++) {
            for (int c = 0; c < layers.get(l).calls().size(); c++) {
                pending.add(new int[] {l, c});
            }
        }
        Map<Integer, List<Weight>> weightCache = new HashMap<>();
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (int p = 0; p < pending.size(); p++) {
                int[] lc = pending.get(p);
                LayerSpec layer = layers.get(lc[0]);
                LayerCall call = layer.calls().get(lc[1]);
                List<KTensor> ins = resolve(call.inputs());
                List<KTensor> state = resolve(call.initialState());
                if (ins == null || state == null) {
                    continue;
                }
                pending.remove(p--);
                progress = true;
                List<Weight> w = weightCache.get(lc[0]);
                if (w == null) {
                    w = weights.weights(layer, lc[0]);
                    weightCache.put(lc[0], w);
                }
                translate(layer, lc[1], ins, state, w);
            }
        }
        for (int[] lc : pending) {
            LayerSpec layer = layers.get(lc[0]);
            problems.add(layer, "its inputs " + layer.calls().get(lc[1]).inputs() + " are never computed by the model");
        }
        List<String> outputs = new ArrayList<>();
        for (TensorRef out : model.outputs()) {
            KTensor t = tensors.get(out);
            if (t == null) {
                problems.add("model output " + out + " is not computed by any layer");
            } else {
                outputs.add(t.value());
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new Graph(graphInputs, nodes, outputs, metadata);
    }

    private List<KTensor> resolve(List<TensorRef> refs) {
        List<KTensor> out = new ArrayList<>();
        for (TensorRef r : refs) {
            KTensor t = tensors.get(r);
            if (t == null) {
                return null;
            }
            out.add(t);
        }
        return out;
    }

    private void translate(LayerSpec layer, int callIndex, List<KTensor> ins, List<KTensor> state, List<Weight> w) {
        String nodeBase = callIndex == 0 ? layer.name() : layer.name() + "#" + callIndex;
        List<KTensor> outs;
        boolean inputBroken = ins.stream().anyMatch(t -> broken.contains(t.value()))
                || state.stream().anyMatch(t -> broken.contains(t.value()));
        LayerTranslator translator = Translators.forClass(layer.className());
        LayerConfig config = new LayerConfig(layer, problems);
        if (translator == null) {
            problems.add(layer, Translators.unsupportedReason(layer.className()));
            outs = List.of(placeholder(nodeBase));
        } else if (inputBroken) {
            outs = List.of(placeholder(nodeBase));
        } else {
            outs = translator.translate(config, new CallTranslation(nodeBase, ins, state, w));
            config.finish();
        }
        for (int i = 0; i < outs.size(); i++) {
            tensors.put(new TensorRef(layer.name(), callIndex, i), outs.get(i));
        }
    }

    private KTensor placeholder(String nodeBase) {
        String v = nodeBase + ":unavailable";
        broken.add(v);
        return new KTensor(v, null);
    }

    /** The view one layer call's translator has of the build. */
    private final class CallTranslation implements Translation {
        private final String nodeBase;
        private final List<KTensor> inputs;
        private final List<KTensor> state;
        private final List<Weight> weights;
        private int emitted;

        CallTranslation(String nodeBase, List<KTensor> inputs, List<KTensor> state, List<Weight> weights) {
            this.nodeBase = nodeBase;
            this.inputs = inputs;
            this.state = state;
            this.weights = weights;
        }

        @Override
        public KerasVersion version() {
            return version;
        }

        @Override
        public List<KTensor> inputs() {
            return inputs;
        }

        @Override
        public List<KTensor> initialState() {
            return state;
        }

        @Override
        public List<Weight> weights() {
            return weights;
        }

        @Override
        public int[] shape(String value) {
            int[] s = shapes.get(value);
            return s == null ? new int[0] : s.clone();
        }

        @Override
        public KTensor unavailable() {
            return placeholder(nodeBase + "/" + emitted++);
        }

        @Override
        public List<String> emit(Op op, List<String> ins) {
            String name = emitted == 0 ? nodeBase : nodeBase + "/" + emitted;
            emitted++;
            int[][] inShapes = ins.stream().map(shapes::get).toArray(int[][]::new);
            int[][] outShapes;
            List<String> outs = new ArrayList<>();
            try {
                outShapes = op.outputShapes(inShapes);
            } catch (IllegalArgumentException e) {
                problems.add("layer '" + nodeBase + "' (" + op.type() + "): " + e.getMessage());
                String v = placeholder(name).value();
                return java.util.Collections.nCopies(MAX_OUTPUTS, v);
            }
            for (int i = 0; i < outShapes.length; i++) {
                String v = i == 0 ? name : name + ":" + i;
                outs.add(v);
                shapes.put(v, outShapes[i]);
            }
            nodes.add(new Node(name, op, ins, outs));
            return outs;
        }
    }
}
