package io.keras4j.spark;

import io.keras4j.runtime.Model;
import io.keras4j.runtime.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Scores a partition in batches of up to {@code batchSize} rows, one forward pass per batch (rows of unequal
 * sequence lengths go in separate passes, so nothing is padded). Each row gets its input columns followed by
 * the outputs. The result depends on the row alone, whatever the batching, so retried and speculative tasks
 * give the same rows.
 */
final class BatchScorer implements CatalystRows.PartitionScorer {
    private static final long serialVersionUID = 2L;

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
    public Iterator<InternalRow> score(Iterator<InternalRow> rows) {
        Model m = model.model();
        return new Iterator<>() {
            private Iterator<InternalRow> scored = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!scored.hasNext() && rows.hasNext()) {
                    scored = score(m, rows).iterator();
                }
                return scored.hasNext();
            }

            @Override
            public InternalRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return scored.next();
            }
        };
    }

    /** The next batch of {@code rows} (up to {@code batchSize}), scored. */
    private List<InternalRow> score(Model m, Iterator<InternalRow> rows) {
        int k = inputIndex.length;
        List<InternalRow> batch = new ArrayList<>(batchSize);
        List<float[][]> data = new ArrayList<>(batchSize);
        Map<Dims, List<Integer>> groups = new LinkedHashMap<>();
        while (batch.size() < batchSize && rows.hasNext()) {
            InternalRow row = rows.next();
            float[][] values = new float[k][];
            int[][] dims = new int[k][];
            for (int i = 0; i < k; i++) {
                dims[i] = new int[signature.rank(i)];
                values[i] = signature.read(row, inputIndex[i], i, dims[i]);
            }
            groups.computeIfAbsent(new Dims(dims), d -> new ArrayList<>()).add(batch.size());
            // Kept for its pass-through columns; the iterator may reuse the row object for the next row.
            batch.add(row.copy());
            data.add(values);
        }
        Object[][] outputs = new Object[batch.size()][];
        for (Map.Entry<Dims, List<Integer>> group : groups.entrySet()) {
            List<Integer> members = group.getValue();
            Tensor[] in = new Tensor[k];
            for (int i = 0; i < k; i++) {
                int[] dims = group.getKey().dims[i];
                int per = data.get(members.get(0))[i].length;
                float[] stacked = new float[members.size() * per];
                for (int j = 0; j < members.size(); j++) {
                    System.arraycopy(data.get(members.get(j))[i], 0, stacked, j * per, per);
                }
                in[i] = Signature.batch(stacked, members.size(), dims);
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
        List<InternalRow> result = new ArrayList<>(batch.size());
        for (int r = 0; r < batch.size(); r++) {
            result.add(CatalystRows.append(batch.get(r), outputs[r]));
        }
        return result;
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
