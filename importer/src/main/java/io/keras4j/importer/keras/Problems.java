package io.keras4j.importer.keras;

import java.util.ArrayList;
import java.util.List;

/** Problems found while importing one model, collected so that all of them are reported at once. */
public final class Problems {
    private final List<String> list = new ArrayList<>();

    public void add(String problem) {
        list.add(problem);
    }

    /** Records a problem of one layer: {@code layer 'name' (Class): what} ({@code operation ...} for an operation). */
    public void add(LayerSpec layer, String what) {
        list.add((layer.operation() ? "operation '" : "layer '") + layer.name() + "' (" + layer.className() + "): " + what);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    public List<String> list() {
        return List.copyOf(list);
    }
}
