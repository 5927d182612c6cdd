package dev.evalplane.judge.support;

/**
 * The port of the fake LLM provider, as system property {@code evalplane.test.fake-llm-port}, which the {@code %test}
 * provider base URLs use. The {@code @QuarkusTest}s start the fake on it ({@link FakeLlm}).
 */
public class FakeLlmPort extends ReservedPort {

    public static final String PROPERTY = "evalplane.test.fake-llm-port";

    public FakeLlmPort() {
        super(PROPERTY, "the fake LLM provider");
    }
}
