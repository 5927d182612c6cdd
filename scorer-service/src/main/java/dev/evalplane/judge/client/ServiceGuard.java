package dev.evalplane.judge.client;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import dev.evalplane.judge.config.ServiceUrls.ServiceCalls;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * SmallRye Fault Tolerance around the reads of one sibling service: a timeout per attempt, retries of failures that
 * may pass (unreachable, timed out, 5xx; never a 4xx answer) and a circuit breaker over the same failures. Every
 * failure leaves as a {@link ServiceCallException}, so callers see one kind of error whatever stopped the call.
 */
public final class ServiceGuard {

    private final String service;
    private final Guard guard;

    public ServiceGuard(String service, ServiceCalls calls, Duration timeout) {
        this.service = service;
        this.guard = Guard.create().withDescription(service + " calls")
                .withTimeout().duration(timeout.toMillis(), ChronoUnit.MILLIS).done()
                .withRetry().maxRetries(calls.retries()).delay(calls.retryDelay().toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .whenException(e -> mayPass(e) && !(e instanceof CircuitBreakerOpenException)).done()
                .withCircuitBreaker().requestVolumeThreshold(calls.breakerVolume())
                .failureRatio(calls.breakerFailureRatio()).delay(calls.breakerDelay().toMillis(), ChronoUnit.MILLIS)
                .when(ServiceGuard::mayPass).done()
                .build();
    }

    /** {@code call} (a safe, idempotent read) under the guard. */
    public <T> Uni<T> read(Supplier<Uni<T>> call) {
        return guard.get(() -> call.get().onFailure(e -> !(e instanceof ServiceCallException))
                .transform(e -> ServiceCallException.unreachable(service, e)), new TypeLiteral<Uni<T>>() {
                })
                .onFailure(e -> !(e instanceof ServiceCallException))
                .transform(e -> ServiceCallException.unreachable(service, e));
    }

    /** Unreachable (status 0), timed out or a 5xx: worth another try, and counts against the breaker. */
    static boolean mayPass(Throwable e) {
        if (e instanceof ServiceCallException call) {
            return call.status() == 0 || call.status() >= 500;
        }
        return true;
    }
}
