package io.keras4j.spark;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Scores DataFrames with a keras4j model (Keras {@code .h5}/{@code .keras}, or any format keras4j reads).
 * The model file is read on the driver, broadcast, and loaded once per executor JVM. Each model input reads
 * one column: {@code array<array<float>>} for an input {@code (batch, time, features)}, {@code array<int>} or
 * {@code array<float>} for an input {@code (batch, n)}; each output becomes one column, {@code array<float>}
 * for {@code (batch, n)} and {@code array<array<float>>} for {@code (batch, time, n)}. Scoring is a pure
 * function of each row (or of each key's events), so task retries and speculative execution are safe.
 */
public final class Keras4jScoring {
    private Keras4jScoring() {
    }

    /**
     * Appends the model's outputs to every row, scoring each partition in batches of {@code batchSize} rows. Rows
     * are read and written as Spark's internal rows, without converting them to {@link Row}s; the input query is
     * planned when this is called, so shuffles the input itself needs run then (see {@link CatalystRows}). A
     * streaming Dataset, or any Dataset when the session sets {@code spark.keras4j.internalRows=false}, is scored
     * through the public {@code mapPartitions}: slower, lazy in every case.
     *
     * @param modelPath  a path any Hadoop file system of the session reads (local, hdfs:, s3a:, ...)
     * @param inputCols  one column per model input, in model input order
     * @param outputCols the names of the new columns, one per model output, in model output order
     * @throws IllegalArgumentException before any task runs, naming the column, the expected and the found type,
     *                                  when the rows do not fit the model
     */
    public static Dataset<Row> score(Dataset<Row> rows, String modelPath, String[] inputCols, String[] outputCols,
                                     int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        StructType schema = rows.schema();
        SharedModel model = SharedModel.broadcast(rows.sparkSession(), modelPath);
        Signature signature = Signature.check(model.model(), schema, inputCols, outputCols);
        BatchScorer scorer = new BatchScorer(model, signature, indices(schema, inputCols), batchSize);
        StructType scored = signature.outputSchema(schema, outputCols);
        return CatalystRows.map(rows, scored, scorer);
    }

    /**
     * Stateful scoring over time: groups {@code events} by {@code keyCol}, orders each key's events by
     * {@code timeCol} (unique within a key), and runs one keras4j session per key that carries the recurrent
     * states from each event to the next (a stateful LSTM's case; a model without stateful layers carries every
     * recurrent layer). Each event's input columns hold that event's chunk of timesteps; each event gets one
     * output row. Rows come out partitioned by key and sorted by key and time.
     *
     * @throws IllegalArgumentException before any task runs when a column is missing or does not fit the model
     */
    public static Dataset<Row> scoreByKey(Dataset<Row> events, String modelPath, String keyCol, String timeCol,
                                          String[] inputCols, String[] outputCols) {
        StructType schema = events.schema();
        Signature.field(schema, keyCol);
        Signature.field(schema, timeCol);
        SharedModel model = SharedModel.broadcast(events.sparkSession(), modelPath);
        Signature signature = Signature.check(model.model(), schema, inputCols, outputCols);
        KeyedScorer scorer = new KeyedScorer(model, signature, indices(schema, inputCols), schema.fieldIndex(keyCol),
                schema.apply(keyCol).dataType(), schema.fieldIndex(timeCol), schema.apply(timeCol).dataType(), timeCol);
        Dataset<Row> sorted = events.repartition(events.col(keyCol)).sortWithinPartitions(keyCol, timeCol);
        // The public path, so that the repartition runs at the first action like any Spark transformation's.
        return CatalystRows.mapExternal(sorted, signature.outputSchema(schema, outputCols), scorer);
    }

    /**
     * The schema {@link #score} gives for rows of {@code schema}: the same columns followed by the outputs.
     *
     * @throws IllegalArgumentException naming the column, the expected and the found type when the rows do not fit
     */
    public static StructType outputSchema(StructType schema, String modelPath, String[] inputCols, String[] outputCols) {
        return Signature.check(SharedModel.local(modelPath), schema, inputCols, outputCols).outputSchema(schema, outputCols);
    }

    private static int[] indices(StructType schema, String[] columns) {
        return Arrays.stream(columns).mapToInt(schema::fieldIndex).toArray();
    }
}
