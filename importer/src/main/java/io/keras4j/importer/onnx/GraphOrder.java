package io.keras4j.importer.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which node computes each value of an ONNX graph, checked before translation: every value is defined once (by a
 * graph input, an initializer or one node output), and the nodes form no cycle. Explains why a node input is not
 * available when a node is reached: nothing defines it, or only a later node does.
 */
final class GraphOrder {
    private final List<OnnxNode> nodes;
    private final Map<String, Integer> producer = new HashMap<>();
    private final Set<Integer> redefining = new HashSet<>();
    private final List<String> problems = new ArrayList<>();

    /**
     * @param defined the values defined before any node: graph inputs and initializers, in file order
     * @param nodes   the nodes in file order
     */
    GraphOrder(List<String> defined, List<OnnxNode> nodes) {
        this.nodes = nodes;
        Set<String> given = new HashSet<>();
        for (String v : defined) {
            if (!given.add(v)) {
                problems.add("value '" + v + "' is declared twice as a graph input or initializer");
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            for (String out : nodes.get(i).outputs()) {
                if (out.isEmpty()) {
                    continue;
                }
                Integer earlier = producer.putIfAbsent(out, i);
                if (given.contains(out) || earlier != null) {
                    redefining.add(i);
                    problems.add(nodes.get(i).label() + " computes '" + out + "', which "
                            + (earlier != null ? nodes.get(earlier).label() + " computes too" : "is already a graph input or initializer"));
                }
            }
        }
        List<String> cycle = cycle();
        if (!cycle.isEmpty()) {
            problems.add("the nodes form a cycle: " + String.join(" -> ", cycle));
        }
    }

    /** Problems of the graph as a whole: values defined twice, a cycle. */
    List<String> problems() {
        return problems;
    }

    /** Whether node {@code index} computes a value defined before it (and is not translated). */
    boolean redefines(int index) {
        return redefining.contains(index);
    }

    /** Why {@code value} is not defined when a node that reads it is reached. */
    String whyMissing(String value) {
        Integer p = producer.get(value);
        return p == null ? "no node, graph input or initializer defines '" + value + "'"
                : "'" + value + "' is computed only later, by " + nodes.get(p).label()
                + " (ONNX nodes must be in topological order)";
    }

    /** The names of the nodes on one cycle in data-flow order, the first repeated at the end; empty when there is none. */
    private List<String> cycle() {
        int n = nodes.size();
        int[][] pred = new int[n][];
        for (int i = 0; i < n; i++) {
            pred[i] = nodes.get(i).inputs().stream().map(producer::get).filter(p -> p != null).mapToInt(p -> p).toArray();
        }
        int[] state = new int[n]; // 0 unvisited, 1 on the current path, 2 done
        int[] next = new int[n];
        int[] parent = new int[n]; // the node the path came from, which reads this node's output
        for (int start = 0; start < n; start++) {
            if (state[start] != 0) {
                continue;
            }
            state[start] = 1;
            parent[start] = -1;
            for (int at = start; at >= 0; ) {
                if (next[at] == pred[at].length) {
                    state[at] = 2;
                    at = parent[at];
                    continue;
                }
                int p = pred[at][next[at]++];
                if (state[p] == 1) {
                    return path(p, at, parent);
                }
                if (state[p] == 0) {
                    state[p] = 1;
                    parent[p] = at;
                    at = p;
                }
            }
        }
        return List.of();
    }

    /** The cycle {@code from -> to -> parent[to] -> ... -> from}, by node names. */
    private List<String> path(int from, int to, int[] parent) {
        List<String> names = new ArrayList<>();
        names.add("'" + nodes.get(from).name() + "'");
        for (int v = to; v != from; v = parent[v]) {
            names.add("'" + nodes.get(v).name() + "'");
        }
        names.add("'" + nodes.get(from).name() + "'");
        return names;
    }
}
