package dev.evalplane.cost.messaging;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Runs publications one at a time, in the order they were added, whatever the outcome of the one before. It also
 * says when a producer may go on without waiting for its own publication: once at most {@code bound} publications
 * are queued or running, so a slow or unreachable broker holds the producer back instead of growing the queue.
 */
final class PublicationQueue {

    private final int bound;
    private final Deque<CompletableFuture<?>> queued = new ArrayDeque<>();
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

    PublicationQueue(int bound) {
        this.bound = Math.max(1, bound);
    }

    /** Adds a publication; the stage completes with its outcome. */
    synchronized <T> CompletableFuture<T> add(Supplier<Uni<T>> publication) {
        CompletableFuture<T> next = tail.handle((ignored, error) -> null)
                .thenCompose(ignored -> publication.get().subscribeAsCompletionStage());
        tail = next;
        queued.addLast(next);
        return next;
    }

    /** Completes (never fails) when at most {@code bound} publications are queued or running. */
    synchronized Uni<Void> room() {
        queued.removeIf(CompletableFuture::isDone);
        if (queued.size() <= bound) {
            return Uni.createFrom().voidItem();
        }
        // publications finish in order: once this one has, at most `bound` are left behind it
        Iterator<CompletableFuture<?>> it = queued.iterator();
        for (int i = 0; i < queued.size() - bound - 1; i++) {
            it.next();
        }
        CompletableFuture<?> leaving = it.next();
        return Uni.createFrom().completionStage(leaving.handle((ignored, error) -> null)).replaceWithVoid();
    }
}
