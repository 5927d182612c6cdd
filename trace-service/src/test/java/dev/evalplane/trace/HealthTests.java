package dev.evalplane.trace;

import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.OpsEndpointsTests;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Health, metrics and OpenAPI are served (test-support {@link OpsEndpointsTests}). */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class HealthTests extends OpsEndpointsTests {
}
