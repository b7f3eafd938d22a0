package io.keras4j.importer;

import java.util.List;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.AroundTryHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.TryExecutionResult;
import net.jqwik.api.lifecycle.TryExecutor;
import net.jqwik.api.lifecycle.TryLifecycleContext;

/**
 * Ends a fuzz property after a time budget instead of a number of tries: {@code -Dkeras4j.fuzz.seconds=600} for a
 * long run, a few seconds by default (CI). Each property reports its tries on standard output.
 */
public final class FuzzBudget implements AroundPropertyHook, AroundTryHook {
    private static final ThreadLocal<long[]> RUN = new ThreadLocal<>(); // {deadline nanos, tries, start nanos}

    /** The budget of one property, in seconds. */
    static double seconds() {
        return Double.parseDouble(System.getProperty("keras4j.fuzz.seconds", "4"));
    }

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        long start = System.nanoTime();
        RUN.set(new long[] {start + (long) (seconds() * 1e9), 0, start});
        try {
            return property.execute();
        } finally {
            long[] run = RUN.get();
            System.out.printf("fuzz %s: %d tries in %.1f s%n", context.label(), run[1], (System.nanoTime() - start) / 1e9);
            RUN.remove();
        }
    }

    @Override
    public TryExecutionResult aroundTry(TryLifecycleContext context, TryExecutor aTry, List<Object> parameters) {
        long[] run = RUN.get();
        run[1]++;
        TryExecutionResult result = aTry.execute(parameters);
        return result.isSatisfied() && System.nanoTime() > run[0] ? TryExecutionResult.satisfied(true) : result;
    }
}
