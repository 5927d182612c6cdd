package dev.evalplane.gateway.client;

import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The fault tolerance of every call to a service ({@link UpstreamCalls}): per service, one circuit breaker with the
 * timeout inside it, and retries of safe methods (GET, HEAD) around it. An answer, whatever its status, is a success:
 * only a service that does not answer trips the breaker.
 */
@ApplicationScoped
public class UpstreamGuards {

    private final Map<Upstream, Guard> breakers = new EnumMap<>(Upstream.class);
    private final Guard retries;

    public UpstreamGuards(UpstreamCalls calls) {
        for (Upstream upstream : Upstream.values()) {
            breakers.put(upstream, Guard.create().withDescription(upstream.serviceName())
                    .withTimeout().duration(calls.timeout().toMillis(), ChronoUnit.MILLIS).done()
                    .withCircuitBreaker().requestVolumeThreshold(calls.breakerVolume())
                    .failureRatio(calls.breakerFailureRatio())
                    .delay(calls.breakerDelay().toMillis(), ChronoUnit.MILLIS).done()
                    .build());
        }
        retries = Guard.create().withDescription("safe service calls")
                .withRetry().maxRetries(calls.retries()).delay(calls.retryDelay().toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS).abortOn(CircuitBreakerOpenException.class).done()
                .build();
    }

    /** {@code call} to {@code upstream} under its breaker and timeout, retried when {@code method} is safe. */
    public <T> Uni<T> call(Upstream upstream, HttpMethod method, Supplier<Uni<T>> call) {
        Supplier<Uni<T>> guarded = () -> breakers.get(upstream).get(call, new TypeLiteral<Uni<T>>() {
        });
        boolean safe = method == HttpMethod.GET || method == HttpMethod.HEAD;
        return safe ? retries.get(guarded, new TypeLiteral<Uni<T>>() {
        }) : guarded.get();
    }
}
