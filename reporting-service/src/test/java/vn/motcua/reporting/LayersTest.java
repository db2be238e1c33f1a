package vn.motcua.reporting;

import org.junit.jupiter.api.Test;
import vn.motcua.testinfra.Layers;

/** No class of this service outside its api package uses the REST layer (app never imports api). */
class LayersTest {
    @Test
    void nothingBelowTheApiUsesIt() {
        Layers.requireNothingBelowApiUsesIt("vn.motcua.reporting");
    }
}
