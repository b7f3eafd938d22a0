package io.keras4j.spark;

import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.types.StructType;

/**
 * The one place keras4j-spark meets Spark's rows: the scorers read and write Spark's internal rows
 * ({@link InternalRow}), and this class runs them over a DataFrame in one of two ways.
 *
 * <p>{@link #mapInternal}, the fast way, hands the scorer the rows Spark already holds ({@code UnsafeRow}s, read in
 * place) and takes back each input row joined with its outputs, which Spark turns into an {@code UnsafeRow} with
 * generated code (input arrays are copied as bytes). The public {@code mapPartitions} with {@code Encoders.row}
 * instead deserializes every row into boxed Scala collections and serializes every output row back, input columns
 * included: for the seed LSTM(64) about 3 us of CPU per row more than this way, an eighth of the scoring query
 * (README, "Throughput"). The price of the fast way: it uses two Spark APIs that
 * are public in the bytecode but internal in Spark's sources, {@code Dataset.queryExecution().toRdd()} and the
 * classic {@code SparkSession.internalCreateDataFrame} ({@code private[sql]} in Scala), so a Spark upgrade may
 * change them (written against Spark 4.1.0; the tests run this path). And like {@code Dataset.rdd}, {@code toRdd}
 * plans the input query when {@link Keras4jScoring#score} is called: with adaptive execution (on by default) the
 * shuffles the input itself needs, if any (a join, a repartition), run then rather than at the first action; the
 * scoring still runs at the action. The Spark UI shows the scoring query as a scan of an existing RDD. Streaming
 * DataFrames have no {@code toRdd}.
 *
 * <p>Setting the session's {@code spark.keras4j.internalRows} to {@code false} makes stateless scoring take the
 * public way below instead: slower, but lazy in every case and not tied to Spark's internals (for a Spark release
 * where the fast way breaks).
 *
 * <p>{@link #mapExternal} keeps to the public Dataset API ({@code mapPartitions} with {@code Encoders.row}) and
 * converts each row to and from Spark's internal form; it is lazy in every case and takes streaming DataFrames.
 * Stateful scoring uses it (its own repartition by key would otherwise run at call time; it scores one event per
 * forward pass, which costs far more than the conversions), and so does stateless scoring of a stream.
 */
final class CatalystRows {
    private CatalystRows() {
    }

    /** Scores one partition: input rows in, for each input row one output row out, in order. */
    interface PartitionScorer extends Serializable {
        /**
         * The scored rows. {@code rows} may hand out one row object again and again (copy a row to keep it); each
         * returned row must stay valid until the next is asked for.
         */
        Iterator<InternalRow> score(Iterator<InternalRow> rows);
    }

    /** The session setting that, set to {@code false}, keeps stateless scoring to the public Dataset API. */
    static final String INTERNAL_ROWS = "spark.keras4j.internalRows";

    /**
     * {@code rows} scored by {@code scorer} into rows of {@code schema}: on Spark's internal rows, unless
     * {@code rows} is a stream or the session sets {@link #INTERNAL_ROWS} to {@code false}.
     */
    static Dataset<Row> map(Dataset<Row> rows, StructType schema, PartitionScorer scorer) {
        boolean internal = !rows.isStreaming() && Boolean.parseBoolean(rows.sparkSession().conf().get(INTERNAL_ROWS, "true"));
        return internal ? mapInternal(rows, schema, scorer) : mapExternal(rows, schema, scorer);
    }

    /** {@code rows} scored by {@code scorer} into rows of {@code schema}, on Spark's internal rows (see above). */
    static Dataset<Row> mapInternal(Dataset<Row> rows, StructType schema, PartitionScorer scorer) {
        if (!(rows.sparkSession() instanceof org.apache.spark.sql.classic.SparkSession session)) {
            throw new IllegalArgumentException("keras4j-spark needs a classic SparkSession (not Spark Connect), got "
                    + rows.sparkSession().getClass().getName());
        }
        RDD<InternalRow> in = rows.queryExecution().toRdd();
        RDD<InternalRow> out = in.toJavaRDD().mapPartitions(new Internal(scorer)).rdd();
        return session.internalCreateDataFrame(out, schema, false);
    }

    /** {@code rows} scored by {@code scorer} into rows of {@code schema}, through the public Dataset API (see above). */
    static Dataset<Row> mapExternal(Dataset<Row> rows, StructType schema, PartitionScorer scorer) {
        return rows.mapPartitions(new External(scorer, rows.schema(), schema), Encoders.row(schema));
    }

    /** {@code row}'s columns followed by {@code outputs} (Spark internal values), without copying {@code row}. */
    static InternalRow append(InternalRow row, Object[] outputs) {
        return new JoinedRow(row, new GenericInternalRow(outputs));
    }

    private record Internal(PartitionScorer scorer) implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
        @Override
        public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
            return scorer.score(rows);
        }
    }

    private record External(PartitionScorer scorer, StructType in, StructType out) implements MapPartitionsFunction<Row, Row> {
        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            scala.Function1<Object, Object> toCatalyst = CatalystTypeConverters.createToCatalystConverter(in);
            scala.Function1<Object, Object> toRow = CatalystTypeConverters.createToScalaConverter(out);
            Iterator<InternalRow> scored = scorer.score(map(rows, r -> (InternalRow) toCatalyst.apply(r)));
            return map(scored, r -> (Row) toRow.apply(r));
        }
    }

    private static <A, B> Iterator<B> map(Iterator<A> it, java.util.function.Function<A, B> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public B next() {
                return f.apply(it.next());
            }
        };
    }
}
