package io.keras4j.spark;

import io.keras4j.runtime.Model;
import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.graph.ValueInfo;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;

/**
 * How a model's inputs and outputs map to DataFrame columns. An input of shape {@code (None, n)} reads a column
 * {@code array<number>} (token ids as {@code array<int>}, or features); an input {@code (None, t, f)} reads
 * {@code array<array<float>>} (one array of features per timestep; double also accepted). An output
 * {@code (None, n)} becomes {@code array<float>}, {@code (None, t, n)} becomes {@code array<array<float>>}.
 */
final class Signature implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final List<DataType> IDS_OR_FEATURES = List.of(DataTypes.IntegerType, DataTypes.LongType,
            DataTypes.ShortType, DataTypes.ByteType, DataTypes.FloatType, DataTypes.DoubleType);
    private static final List<DataType> FEATURES = List.of(DataTypes.FloatType, DataTypes.DoubleType);

    private final String[] inputCols;
    private final String[] inputNames;
    private final int[][] inputShapes;
    /** The numeric type inside each input column's arrays. */
    private final DataType[] inputElements;
    private final int[] outputRanks;

    private Signature(String[] inputCols, String[] inputNames, int[][] inputShapes, DataType[] inputElements,
                      int[] outputRanks) {
        this.inputCols = inputCols;
        this.inputNames = inputNames;
        this.inputShapes = inputShapes;
        this.inputElements = inputElements;
        this.outputRanks = outputRanks;
    }

    /**
     * Checks that {@code schema} has a column of the right type for every model input and no column named like
     * an output, and returns the signature with the schema of the scored rows (input columns, then outputs).
     *
     * @throws IllegalArgumentException naming the column, the expected and the found type
     */
    static Signature check(Model model, StructType schema, String[] inputCols, String[] outputCols) {
        List<ValueInfo> inputs = model.inputs();
        List<ValueInfo> outputs = model.outputs();
        if (inputCols.length != inputs.size()) {
            throw new IllegalArgumentException("the model takes " + inputs.size() + " input(s) " + inputs + " but "
                    + inputCols.length + " input column(s) were given: " + Arrays.toString(inputCols));
        }
        if (outputCols.length != outputs.size()) {
            throw new IllegalArgumentException("the model gives " + outputs.size() + " output(s) " + outputs + " but "
                    + outputCols.length + " output column(s) were given: " + Arrays.toString(outputCols));
        }
        String[] names = new String[inputs.size()];
        int[][] shapes = new int[inputs.size()][];
        DataType[] elements = new DataType[inputs.size()];
        for (int i = 0; i < inputCols.length; i++) {
            ValueInfo in = inputs.get(i);
            names[i] = in.name();
            shapes[i] = in.shape();
            StructField field = field(schema, inputCols[i]);
            String expected = switch (shapes[i].length) {
                case 2 -> matches(field.dataType(), IDS_OR_FEATURES, 1) ? null : "array<int> or array<float> (or bigint, double)";
                case 3 -> matches(field.dataType(), FEATURES, 2) ? null : "array<array<float>> (or double)";
                default -> throw new IllegalArgumentException("model input '" + in.name() + "' has shape "
                        + Shapes.toString(shapes[i]) + "; keras4j-spark feeds inputs (batch, n) and (batch, time, features)");
            };
            if (expected != null) {
                throw new IllegalArgumentException("input column '" + inputCols[i] + "' for model input " + describe(in)
                        + " must be " + expected + " but is " + field.dataType().simpleString());
            }
            elements[i] = element(field.dataType());
        }
        int[] ranks = new int[outputs.size()];
        for (int o = 0; o < outputCols.length; o++) {
            ranks[o] = outputs.get(o).shape().length;
            if (ranks[o] < 1 || ranks[o] > 3) {
                throw new IllegalArgumentException("model output " + describe(outputs.get(o))
                        + " has a rank keras4j-spark cannot put in a column (it writes (batch,), (batch, n) and (batch, time, n))");
            }
            if (Arrays.asList(schema.fieldNames()).contains(outputCols[o])) {
                throw new IllegalArgumentException("output column '" + outputCols[o] + "' already exists in " + schema.simpleString());
            }
        }
        return new Signature(inputCols.clone(), names, shapes, elements, ranks);
    }

    /** The schema of scored rows: {@code schema} followed by one column per output. */
    StructType outputSchema(StructType schema, String[] outputCols) {
        StructType out = schema;
        for (int o = 0; o < outputCols.length; o++) {
            DataType t = DataTypes.FloatType;
            for (int r = 1; r < outputRanks[o]; r++) {
                t = DataTypes.createArrayType(t, false);
            }
            out = out.add(outputCols[o], t, false);
        }
        return out;
    }

    static StructField field(StructType schema, String column) {
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException("column '" + column + "' does not exist; the columns are "
                    + Arrays.toString(schema.fieldNames()));
        }
        return schema.apply(column);
    }

    private static boolean matches(DataType type, List<DataType> elements, int depth) {
        for (int d = 0; d < depth; d++) {
            if (!(type instanceof ArrayType a)) {
                return false;
            }
            type = a.elementType();
        }
        return elements.contains(type);
    }

    private static DataType element(DataType type) {
        while (type instanceof ArrayType a) {
            type = a.elementType();
        }
        return type;
    }

    private static String describe(ValueInfo v) {
        return "'" + v.name() + "' " + Shapes.toString(v.shape());
    }

    int inputCount() {
        return inputCols.length;
    }

    /**
     * The values of input {@code i} in {@code row} (the column at {@code index}), row-major, and their shape
     * without the batch axis in {@code dims}. Reads Spark's internal values ({@link ArrayData}) element by element,
     * without boxing: an {@code UnsafeRow} is read in place.
     *
     * @throws IllegalArgumentException naming the column when the value is null, ragged or of the wrong size
     */
    float[] read(InternalRow row, int index, int i, int[] dims) {
        if (row.isNullAt(index)) {
            throw new IllegalArgumentException("input column '" + inputCols[i] + "' is null in a row;"
                    + " keras4j scores complete rows only (filter or fill nulls first)");
        }
        ArrayData outer = row.getArray(index);
        int[] declared = inputShapes[i];
        dims[0] = outer.numElements();
        if (declared.length == 2) {
            checkDims(i, dims);
            float[] data = new float[dims[0]];
            read(outer, i, data, 0);
            return data;
        }
        dims[1] = dims[0] == 0 ? Math.max(declared[2], 0) : step(outer, 0, i).numElements();
        checkDims(i, dims);
        float[] data = new float[dims[0] * dims[1]];
        for (int t = 0; t < dims[0]; t++) {
            ArrayData step = step(outer, t, i);
            if (step.numElements() != dims[1]) {
                throw new IllegalArgumentException("input column '" + inputCols[i] + "': timestep " + t + " has "
                        + step.numElements() + " features but timestep 0 has " + dims[1]);
            }
            read(step, i, data, t * dims[1]);
        }
        return data;
    }

    private ArrayData step(ArrayData outer, int t, int i) {
        if (outer.isNullAt(t)) {
            throw nullElement(i);
        }
        return outer.getArray(t);
    }

    /** The numbers of {@code a} (of input {@code i}'s element type) into {@code data} from {@code at}. */
    private void read(ArrayData a, int i, float[] data, int at) {
        int n = a.numElements();
        DataType type = inputElements[i];
        for (int k = 0; k < n; k++) {
            if (a.isNullAt(k)) {
                throw nullElement(i);
            }
        }
        if (type instanceof FloatType) {
            for (int k = 0; k < n; k++) {
                data[at + k] = a.getFloat(k);
            }
        } else if (type instanceof DoubleType) {
            for (int k = 0; k < n; k++) {
                data[at + k] = (float) a.getDouble(k);
            }
        } else if (type instanceof IntegerType) {
            for (int k = 0; k < n; k++) {
                data[at + k] = a.getInt(k);
            }
        } else if (type instanceof LongType) {
            for (int k = 0; k < n; k++) {
                data[at + k] = a.getLong(k);
            }
        } else if (type instanceof ShortType) {
            for (int k = 0; k < n; k++) {
                data[at + k] = a.getShort(k);
            }
        } else {
            for (int k = 0; k < n; k++) {
                data[at + k] = a.getByte(k);
            }
        }
    }

    private IllegalArgumentException nullElement(int i) {
        return new IllegalArgumentException("input column '" + inputCols[i] + "' holds a null element");
    }

    /** Dimensions of input {@code i} without the batch axis. */
    int rank(int i) {
        return inputShapes[i].length - 1;
    }

    private void checkDims(int i, int[] dims) {
        int[] declared = inputShapes[i];
        for (int d = 1; d < declared.length; d++) {
            if (declared[d] >= 0 && declared[d] != dims[d - 1]) {
                int[] given = new int[declared.length];
                given[0] = -1;
                System.arraycopy(dims, 0, given, 1, declared.length - 1);
                throw new IllegalArgumentException("input column '" + inputCols[i] + "' holds a value of shape "
                        + Shapes.toString(given) + " but model input '" + inputNames[i] + "' takes " + Shapes.toString(declared));
            }
        }
    }

    /** {@code rows} rows of one input, each of shape {@code dims}, stacked in {@code data}: a tensor {@code [rows, dims...]}. */
    static Tensor batch(float[] data, int rows, int[] dims) {
        int[] shape = new int[dims.length + 1];
        shape[0] = rows;
        System.arraycopy(dims, 0, shape, 1, dims.length);
        return Tensor.of(data, shape);
    }

    /**
     * Output {@code o} of a batch as one column value per row, as Spark's internal values: a {@code Float}, an
     * {@link UnsafeArrayData} of floats, or an array of those (for {@code (batch, time, n)}).
     */
    Object[] values(Tensor output, int o) {
        int[] shape = output.shape();
        float[] all = output.toArray();
        Object[] rows = new Object[shape[0]];
        int per = all.length / shape[0];
        for (int r = 0; r < rows.length; r++) {
            int at = r * per;
            rows[r] = switch (outputRanks[o]) {
                case 1 -> all[at];
                case 2 -> floats(all, at, per);
                default -> {
                    Object[] steps = new Object[shape[1]];
                    for (int t = 0; t < steps.length; t++) {
                        steps[t] = floats(all, at + t * shape[2], shape[2]);
                    }
                    yield new GenericArrayData(steps);
                }
            };
        }
        return rows;
    }

    private static UnsafeArrayData floats(float[] all, int from, int length) {
        return UnsafeArrayData.fromPrimitiveArray(all, Platform.FLOAT_ARRAY_OFFSET + from * Float.BYTES, length, Float.BYTES);
    }
}
