package dev.evalplane.judge.provider;

/**
 * One provider call of a judgement (a retry is another attempt; an agent judge's next round is another round): its
 * timing and its answer or failure.
 */
public record LlmAttempt(int index, String provider, String model, ChatRequest request, long startNs, long endNs,
        ChatResponse response, ProviderException error, int round) {

    public LlmAttempt(int index, String provider, String model, ChatRequest request, long startNs, long endNs,
            ChatResponse response, ProviderException error) {
        this(index, provider, model, request, startNs, endNs, response, error, 0);
    }

    public boolean succeeded() {
        return response != null;
    }
}
