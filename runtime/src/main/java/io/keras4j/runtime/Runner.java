package io.keras4j.runtime;

/**
 * Runs one model again and again on one thread, as If, Loop and Scan run their graphs: it keeps the plan of the last
 * input shapes and plans again only when they change, so runs on inputs of the same shapes allocate nothing. Every run
 * starts from zero states, as {@link Model#predictAll} does; its outputs are buffers valid until the next run.
 */
public final class Runner {
    private final Model model;
    private Plan plan;

    public Runner(Model model) {
        this.model = model;
    }

    /**
     * Runs the model on input values of {@code shapes}, in model order. The shape arrays may be kept until a later run:
     * they must not change.
     *
     * @throws IllegalArgumentException naming the input and the expected versus given shape when an input does not fit
     */
    public void run(float[][] inputs, int[][] shapes) {
        if (plan == null || !plan.fits(shapes)) {
            model.checkInputs(shapes);
            plan = new Plan(model, shapes.clone(), false);
        }
        plan.run(inputs);
    }

    /** The values of output {@code i} of the last run; not to be changed. */
    public float[] output(int i) {
        return plan.output(i);
    }

    /** The shape of output {@code i} of the last run; not to be changed. */
    public int[] outputShape(int i) {
        return plan.outputShape(i);
    }
}
