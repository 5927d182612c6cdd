package dev.evalplane.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.evalplane.testsupport.FakeLlmProvider;

/**
 * What the fake provider and this machine allow at all: {@code requests} chat requests sent by {@code concurrency}
 * threads, each sending its next request as soon as its last answer arrived (the JDK HTTP client, no processing).
 * The judge run is measured against the same fake on the same machine a moment later.
 */
final class ProviderFloor {

    private static final String BODY = "{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"user\",\"content\":"
            + "\"Is 2 + 2 = 4? Answer yes or no.\"}]}";

    static long wallNanos(FakeLlmProvider llm, int requests, int concurrency) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(llm.openAiBaseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer bench").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
        AtomicInteger left = new AtomicInteger(requests);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            long start = System.nanoTime();
            List<Future<Void>> senders = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                senders.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        send(http, request);
                    }
                    return null;
                }));
            }
            for (Future<Void> sender : senders) {
                sender.get();
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
            throw new IllegalStateException("the fake provider answered " + status);
        }
    }

    private ProviderFloor() {
    }
}
