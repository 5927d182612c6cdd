package dev.evalplane.judge.provider;

/** One provider call of a judgement (a retry is another attempt): its timing and its answer or failure. */
public record LlmAttempt(int index, String provider, String model, ChatRequest request, long startNs, long endNs,
        ChatResponse response, ProviderException error) {

    public boolean succeeded() {
        return response != null;
    }
}
