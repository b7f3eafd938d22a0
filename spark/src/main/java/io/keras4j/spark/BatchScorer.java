package io.keras4j.spark;

import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores a partition in batches of up to {@code batchSize} rows, one forward pass per batch (rows of unequal
 * sequence lengths go in separate passes, so nothing is padded). Each row gets its input columns followed by
 * the outputs. The result depends on the row alone, whatever the batching, so retried and speculative tasks
 * give the same rows.
 */
final class BatchScorer implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final SharedModel model;
    private final Signature signature;
    private final int[] inputIndex;
    private final int batchSize;

    BatchScorer(SharedModel model, Signature signature, int[] inputIndex, int batchSize) {
        this.model = model;
        this.signature = signature;
        this.inputIndex = inputIndex;
        this.batchSize = batchSize;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        Model m = model.model();
        return new Iterator<>() {
            private Iterator<Row> scored = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                while (!scored.hasNext() && rows.hasNext()) {
                    List<Row> batch = new ArrayList<>(batchSize);
                    while (batch.size() < batchSize && rows.hasNext()) {
                        batch.add(rows.next());
                    }
                    scored = score(m, batch).iterator();
                }
                return scored.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return scored.next();
            }
        };
    }

    private List<Row> score(Model m, List<Row> batch) {
        int n = batch.size();
        int k = inputIndex.length;
        float[][][] data = new float[n][k][];
        Map<Dims, List<Integer>> groups = new LinkedHashMap<>();
        for (int r = 0; r < n; r++) {
            int[][] dims = new int[k][];
            for (int i = 0; i < k; i++) {
                dims[i] = new int[signature.rank(i)];
                data[r][i] = signature.read(batch.get(r), inputIndex[i], i, dims[i]);
            }
            groups.computeIfAbsent(new Dims(dims), d -> new ArrayList<>()).add(r);
        }
        Object[][] outputs = new Object[n][];
        for (Map.Entry<Dims, List<Integer>> group : groups.entrySet()) {
            List<Integer> members = group.getValue();
            Tensor[] in = new Tensor[k];
            for (int i = 0; i < k; i++) {
                int[] dims = group.getKey().dims[i];
                int per = data[members.get(0)][i].length;
                float[] stacked = new float[members.size() * per];
                for (int j = 0; j < members.size(); j++) {
                    System.arraycopy(data[members.get(j)][i], 0, stacked, j * per, per);
                }
                int[] shape = new int[dims.length + 1];
                shape[0] = members.size();
                System.arraycopy(dims, 0, shape, 1, dims.length);
                in[i] = Tensor.of(stacked, shape);
            }
            Tensor[] out = m.predictAll(in);
            for (int j = 0; j < members.size(); j++) {
                outputs[members.get(j)] = new Object[out.length];
            }
            for (int o = 0; o < out.length; o++) {
                Object[] values = signature.values(out[o], o);
                for (int j = 0; j < members.size(); j++) {
                    outputs[members.get(j)][o] = values[j];
                }
            }
        }
        List<Row> result = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            result.add(append(batch.get(r), outputs[r]));
        }
        return result;
    }

    /** {@code row}'s values followed by {@code outputs}. */
    static Row append(Row row, Object[] outputs) {
        Object[] values = new Object[row.size() + outputs.length];
        for (int j = 0; j < row.size(); j++) {
            values[j] = row.get(j);
        }
        System.arraycopy(outputs, 0, values, row.size(), outputs.length);
        return RowFactory.create(values);
    }

    /** The shapes of one row's inputs, without the batch axis: rows with equal shapes share a forward pass. */
    private record Dims(int[][] dims) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Dims d && Arrays.deepEquals(dims, d.dims);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(dims);
        }
    }
}
