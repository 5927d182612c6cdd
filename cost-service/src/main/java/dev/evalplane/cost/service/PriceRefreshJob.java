package dev.evalplane.cost.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.evalplane.cost.messaging.TraceCostPublisher;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Loads prices at startup, publishes what a crash left unpublished, and refreshes the LiteLLM map on schedule. */
@ApplicationScoped
public class PriceRefreshJob {

    private final PriceTableService prices;
    private final TraceCostPublisher publisher;

    public PriceRefreshJob(PriceTableService prices, TraceCostPublisher publisher) {
        this.prices = prices;
        this.publisher = publisher;
    }

    void onStart(@Observes StartupEvent event) {
        prices.ready().chain(publisher::publishAllPending).subscribe().with(
                published -> Log.infof("startup: %d pending trace cost aggregates published", published),
                error -> Log.errorf(error, "startup: pending trace cost aggregates not published"));
    }

    @Scheduled(identity = "litellm-price-refresh", every = "${evalplane.prices.litellm.refresh}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return prices.refreshLiteLlm().replaceWithVoid();
    }
}
