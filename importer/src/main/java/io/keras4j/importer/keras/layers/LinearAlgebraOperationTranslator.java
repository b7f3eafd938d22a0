package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Cholesky;
import io.keras4j.runtime.ops.Determinant;
import io.keras4j.runtime.ops.LinearSolve;
import io.keras4j.runtime.ops.Op;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.det(a)}, {@code slogdet(a)}, {@code logdet(a)}, {@code solve(a, b)},
 * {@code solve_triangular(a, b, lower)}, {@code cholesky(a, upper)} and {@code cholesky_inverse(a, upper)}: the
 * operations of linear algebra whose answer is unique, on the square matrices in the last two axes of a tensor of rank 3
 * or more (so never the batch axis), computed in double by the runtime ops {@link Determinant}, {@link LinearSolve} and
 * {@link Cholesky}.
 */
final class LinearAlgebraOperationTranslator implements LayerTranslator {
    /** Which operation. */
    enum Form { DET, SLOGDET, LOGDET, SOLVE, SOLVE_TRIANGULAR, CHOLESKY, CHOLESKY_INVERSE }

    private final Form form;

    LinearAlgebraOperationTranslator(Form form) {
        this.form = form;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        boolean solves = form == Form.SOLVE || form == Form.SOLVE_TRIANGULAR;
        Op op = switch (form) {
            case DET -> new Determinant(Determinant.Kind.DET);
            case SLOGDET -> new Determinant(Determinant.Kind.SIGN_LOG_ABS);
            case LOGDET -> new Determinant(Determinant.Kind.LOG_CHOLESKY);
            case SOLVE -> new LinearSolve(LinearSolve.Kind.GENERAL);
            case SOLVE_TRIANGULAR -> new LinearSolve(config.bool(false, "lower") ? LinearSolve.Kind.LOWER
                    : LinearSolve.Kind.UPPER);
            case CHOLESKY -> new Cholesky(Cholesky.Kind.FACTOR, config.bool(false, "upper"));
            case CHOLESKY_INVERSE -> new Cholesky(Cholesky.Kind.INVERSE, config.bool(false, "upper"));
        };
        List<KTensor> in = OperationArguments.leading(config, t, solves ? 2 : 1, solves ? 2 : 1,
                solves ? "two tensors, a and b" : "one tensor");
        if (in == null) {
            return List.of(t.unavailable());
        }
        int[] a = t.shape(in.get(0).value());
        if (a.length < 3 || a[a.length - 1] != a[a.length - 2] || a[a.length - 1] < 1) {
            config.problem("takes a of shape " + GeneralConfig.shapeText(a) + "; keras4j needs square matrices of a size"
                    + " known at import in the last two axes of a tensor of rank 3 or more (the batch axis first)");
            return List.of(t.unavailable());
        }
        int[] b = solves ? t.shape(in.get(1).value()) : null;
        if (solves && b.length != a.length && b.length != a.length - 1) {
            config.problem("takes b of shape " + GeneralConfig.shapeText(b) + " with a of " + GeneralConfig.shapeText(a)
                    + " (b of a's rank, or one less for a vector)");
            return List.of(t.unavailable());
        }
        return t.emit(op, in.stream().map(KTensor::value).toList()).stream().map(v -> new KTensor(v, null)).toList();
    }
}
