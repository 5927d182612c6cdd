package dev.evalplane.judge.provider;

/** A judge model as MLflow writes it: {@code provider:/model}, e.g. {@code openai:/gpt-4.1-mini}. */
public record ModelUri(String provider, String model) {

    public static ModelUri parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("model URI is empty; expected provider:/model, e.g. openai:/gpt-4.1-mini");
        }
        int sep = uri.indexOf(":/");
        if (sep <= 0 || sep + 2 >= uri.length()) {
            throw new IllegalArgumentException("model URI '" + uri + "' is not of the form provider:/model, e.g. openai:/gpt-4.1-mini");
        }
        return new ModelUri(uri.substring(0, sep).trim().toLowerCase(), uri.substring(sep + 2).trim());
    }

    @Override
    public String toString() {
        return provider + ":/" + model;
    }
}
