package io.keras4j.spark;

import io.keras4j.runtime.Session;
import io.keras4j.runtime.Tensor;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;

/**
 * Scores events that arrive grouped by key and sorted by time within each key: one session per key, reset
 * when the key changes, fed one event at a time, so recurrent states carry from each event of a key to the
 * next. Emits one row per event: its columns followed by the outputs for that event.
 */
final class KeyedScorer implements CatalystRows.PartitionScorer {
    private static final long serialVersionUID = 2L;

    private final SharedModel model;
    private final Signature signature;
    private final int[] inputIndex;
    private final int keyIndex;
    private final DataType keyType;
    private final int timeIndex;
    private final DataType timeType;
    private final String timeCol;

    KeyedScorer(SharedModel model, Signature signature, int[] inputIndex, int keyIndex, DataType keyType, int timeIndex,
                DataType timeType, String timeCol) {
        this.model = model;
        this.signature = signature;
        this.inputIndex = inputIndex;
        this.keyIndex = keyIndex;
        this.keyType = keyType;
        this.timeIndex = timeIndex;
        this.timeType = timeType;
        this.timeCol = timeCol;
    }

    @Override
    public Iterator<InternalRow> score(Iterator<InternalRow> rows) {
        Session session = model.model().newSession();
        return new Iterator<>() {
            private boolean started;
            private Object key;
            private Object time;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public InternalRow next() {
                if (!rows.hasNext()) {
                    throw new NoSuchElementException();
                }
                InternalRow row = rows.next();
                // Copies: the key and time are compared with the next row's, and the row object may be reused.
                Object k = InternalRow.copyValue(row.get(keyIndex, keyType));
                Object t = InternalRow.copyValue(row.get(timeIndex, timeType));
                if (started && Objects.deepEquals(k, key)) {
                    if (Objects.deepEquals(t, time)) {
                        throw new IllegalArgumentException("key " + CatalystTypeConverters.convertToScala(k, keyType)
                                + " has two events at " + timeCol + " = " + CatalystTypeConverters.convertToScala(t, timeType)
                                + "; the order of a key's events must be unique");
                    }
                } else {
                    session.reset();
                }
                started = true;
                key = k;
                time = t;
                Tensor[] in = new Tensor[inputIndex.length];
                for (int i = 0; i < in.length; i++) {
                    int[] dims = new int[signature.rank(i)];
                    in[i] = Signature.batch(signature.read(row, inputIndex[i], i, dims), 1, dims);
                }
                Tensor[] out = session.runAll(in);
                Object[] values = new Object[out.length];
                for (int o = 0; o < out.length; o++) {
                    values[o] = signature.values(out[o], o)[0];
                }
                return CatalystRows.append(row, values);
            }
        };
    }
}
