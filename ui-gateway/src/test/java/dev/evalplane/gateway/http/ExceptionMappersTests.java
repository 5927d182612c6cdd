package dev.evalplane.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;

import dev.evalplane.gateway.client.Problems;
import dev.evalplane.gateway.mlflow.MlflowError;
import dev.evalplane.gateway.mlflow.MlflowErrorCode;
import dev.evalplane.testsupport.LayerRules;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ServerErrorException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * The gateway's exception mappers are unambiguous and always answer: RESTEasy Reactive chose between two mappers of
 * one type by build order, and answered a mapper's null with an empty 204 (CI saw every unknown path answered 204).
 */
class ExceptionMappersTests {

    @Test
    void everyExceptionTypeHasOneMapperPerPriority() {
        LayerRules.checkExceptionMappers(new ClassFileImporter().importPath(Path.of("target", "classes")));
    }

    @Test
    void mappersReturnAResponseTheyBuilt() throws Exception {
        assertThat(mapperMethods()).allSatisfy(m -> assertThat(m.getReturnType()).isEqualTo(Response.class));
    }

    @Test
    void jaxRsErrorsOutsideMlflowAreProblems() {
        Response notFound = ExceptionMappers.answer(new NotFoundException(), "GET", "/bogus", null);
        assertThat(notFound.getStatus()).isEqualTo(404);
        assertThat(notFound.getMediaType().toString()).isEqualTo(Problems.MEDIA_TYPE);
        assertThat(notFound.getEntity()).asString().contains("GET /bogus");
        assertThat(type(notFound)).isEqualTo("https://evalplane.dev/problems/not-found");

        Response notAllowed = ExceptionMappers.answer(new NotAllowedException("GET", new String[] {"POST"}), "PATCH", "/api/v1/prices", null);
        assertThat(notAllowed.getStatus()).isEqualTo(405);
        assertThat(notAllowed.getAllowedMethods()).containsExactlyInAnyOrder("GET", "POST");
        assertThat(type(notAllowed)).isEqualTo("https://evalplane.dev/problems/method-not-allowed");

        Response unsupported = ExceptionMappers.answer(new NotSupportedException(), "POST", "/api/v1/x", "text/csv");
        assertThat(unsupported.getStatus()).isEqualTo(415);
        assertThat(unsupported.getEntity()).asString().contains("text/csv");
        assertThat(type(unsupported)).isEqualTo("https://evalplane.dev/problems/unsupported-media-type");
    }

    @Test
    void jaxRsErrorsOnMlflowPathsAreMlflowErrors() {
        Response notFound = ExceptionMappers.answer(new NotFoundException(), "GET", "/api/2.0/mlflow/nope", null);
        assertThat(notFound.getStatus()).isEqualTo(404);
        assertThat(((MlflowError) notFound.getEntity()).errorCode()).isEqualTo(MlflowErrorCode.ENDPOINT_NOT_FOUND);

        Response unreadable = ExceptionMappers.answer(new WebApplicationException("bad body", 400), "POST",
                "/api/3.0/mlflow/traces/search", null);
        assertThat(((MlflowError) unreadable.getEntity()).errorCode()).isEqualTo(MlflowErrorCode.BAD_REQUEST);
    }

    @Test
    void unexpectedErrorsAre500sWithoutTheExceptionText() {
        Response problem = ExceptionMappers.internal(new IllegalStateException("secret detail"), "GET", "/api/v1/x");
        assertThat(problem.getStatus()).isEqualTo(500);
        assertThat(problem.getMediaType().toString()).isEqualTo(Problems.MEDIA_TYPE);
        assertThat(problem.getEntity()).asString().doesNotContain("secret detail");
        assertThat(type(problem)).isEqualTo("https://evalplane.dev/problems/internal-error");

        Response mlflow = ExceptionMappers.internal(new IllegalStateException("secret detail"), "GET", "/api/2.0/mlflow/x");
        assertThat(((MlflowError) mlflow.getEntity()).errorCode()).isEqualTo(MlflowErrorCode.INTERNAL_ERROR);
        assertThat(((MlflowError) mlflow.getEntity()).message()).doesNotContain("secret detail");

        assertThat(ExceptionMappers.answer(new ServerErrorException(503), "GET", "/api/v1/x", null).getStatus())
                .isEqualTo(500);
    }

    private static Object type(Response problem) {
        return ((Map<?, ?>) problem.getEntity()).get("type");
    }

    /** Every {@code @ServerExceptionMapper} method among the gateway's own classes. */
    static List<Method> mapperMethods() throws URISyntaxException, IOException {
        Path classes = Path.of(ExceptionMappers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Method> methods = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                for (Method method : load(name).getDeclaredMethods()) {
                    if (method.isAnnotationPresent(ServerExceptionMapper.class)) {
                        methods.add(method);
                    }
                }
            }
        }
        return methods;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ExceptionMappersTests.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new UncheckedIOException(new IOException(name, e));
        }
    }
}
