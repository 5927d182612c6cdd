package dev.evalplane.gateway;

import dev.evalplane.testsupport.OpsEndpointsTests;
import io.quarkus.test.junit.QuarkusTest;

/** Health, metrics and OpenAPI are served (test-support {@link OpsEndpointsTests}). */
@QuarkusTest
class HealthTests extends OpsEndpointsTests {
}
