package dev.evalplane.judge;

import org.junit.jupiter.api.Test;

import dev.evalplane.testsupport.LayerRules;

/** Repositories don't know services, services don't know REST, the domain records know no layer (LayerRules). */
class LayerRulesTests {

    @Test
    void layersPointOneWay() {
        LayerRules.checkMainClasses();
    }
}
