package dev.evalplane.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;

/**
 * The rule each service's {@code LayerRulesTests} runs ({@link LayerRules#checkExceptionMappers}) refuses a second
 * mapper for one exception type and priority, as the gateway once had (a 204 for unknown paths), and only that.
 */
class ExceptionMapperRuleTests {

    static class Mappers {
        @ServerExceptionMapper
        public Response illegalState(IllegalStateException e) {
            return Response.status(409).build();
        }

        @ServerExceptionMapper(IllegalArgumentException.class)
        public Response illegalArgument(RuntimeException e) {
            return Response.status(400).build();
        }
    }

    static class SameExceptionSamePriority {
        @ServerExceptionMapper
        public Response alsoIllegalState(IllegalStateException e) {
            return Response.status(500).build();
        }
    }

    static class SameExceptionNamedInTheAnnotation {
        @ServerExceptionMapper
        public Response alsoIllegalArgument(IllegalArgumentException e) {
            return Response.status(500).build();
        }
    }

    static class SameExceptionOtherPriority {
        @ServerExceptionMapper(priority = Priorities.USER - 1)
        public Response illegalStateFirst(IllegalStateException e) {
            return Response.status(409).build();
        }
    }

    @Test
    void aSecondMapperForOneExceptionAndPriorityIsRefused() {
        assertThatThrownBy(() -> LayerRules.checkExceptionMappers(new ClassFileImporter()
                .importClasses(Mappers.class, SameExceptionSamePriority.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("java.lang.IllegalStateException at priority 5000")
                .hasMessageContaining("alsoIllegalState");
    }

    @Test
    void theExceptionTypesNamedInTheAnnotationCount() {
        assertThatThrownBy(() -> LayerRules.checkExceptionMappers(new ClassFileImporter()
                .importClasses(Mappers.class, SameExceptionNamedInTheAnnotation.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("java.lang.IllegalArgumentException at priority 5000");
    }

    @Test
    void anotherPriorityIsAnotherMapper() {
        assertThatCode(() -> LayerRules.checkExceptionMappers(new ClassFileImporter()
                .importClasses(Mappers.class, SameExceptionOtherPriority.class))).doesNotThrowAnyException();
    }
}
