package dev.evalplane.judge.support;

import dev.evalplane.testsupport.FakeLlmProvider;

/** The fake LLM provider the app under test is configured to call, shared by the {@code @QuarkusTest}s. */
public final class FakeLlm {

    private static FakeLlmProvider provider;

    public static synchronized FakeLlmProvider get() {
        if (provider == null) {
            provider = FakeLlmProvider.start(Integer.parseInt(System.getProperty(FakeLlmPort.PROPERTY, "18799")));
            Runtime.getRuntime().addShutdownHook(new Thread(provider::close, "fake-llm-stop"));
        }
        return provider.reset();
    }

    private FakeLlm() {
    }
}
