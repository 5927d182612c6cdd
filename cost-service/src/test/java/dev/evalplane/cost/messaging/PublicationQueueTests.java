package dev.evalplane.cost.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/** Publications are held open by hand (each one a future the test completes), so nothing waits on time. */
class PublicationQueueTests {

    private final List<String> started = new ArrayList<>();

    private CompletableFuture<String> publication(PublicationQueue queue, String name, CompletableFuture<String> done) {
        return queue.add(() -> {
            started.add(name);
            return Uni.createFrom().completionStage(done);
        });
    }

    @Test
    void runsOneAtATimeInTheOrderAddedWhateverTheOutcomeBefore() {
        PublicationQueue queue = new PublicationQueue(4);
        CompletableFuture<String> a = new CompletableFuture<>();
        CompletableFuture<String> b = new CompletableFuture<>();
        CompletableFuture<String> c = new CompletableFuture<>();
        CompletableFuture<String> first = publication(queue, "a", a);
        CompletableFuture<String> second = publication(queue, "b", b);
        publication(queue, "c", c);
        assertThat(started).containsExactly("a");
        a.completeExceptionally(new IllegalStateException("broker gone"));
        assertThat(first).isCompletedExceptionally();
        assertThat(started).as("the next one starts after a failure too").containsExactly("a", "b");
        b.complete("sent");
        assertThat(second).isCompletedWithValue("sent");
        assertThat(started).containsExactly("a", "b", "c");
    }

    @Test
    void theCallerGoesOnUntilMoreThanTheBoundAreBehindIt() {
        PublicationQueue queue = new PublicationQueue(2);
        List<CompletableFuture<String>> open = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            open.add(new CompletableFuture<>());
            publication(queue, "p" + i, open.get(i));
            queue.room().subscribe().withSubscriber(UniAssertSubscriber.create()).assertCompleted();
        }
        open.add(new CompletableFuture<>());
        publication(queue, "p2", open.get(2));
        UniAssertSubscriber<Void> waiting = queue.room().subscribe().withSubscriber(UniAssertSubscriber.create());
        waiting.assertNotTerminated();
        open.get(0).completeExceptionally(new IllegalStateException("broker gone"));
        waiting.assertCompleted();
        queue.room().subscribe().withSubscriber(UniAssertSubscriber.create()).assertCompleted();
    }
}
