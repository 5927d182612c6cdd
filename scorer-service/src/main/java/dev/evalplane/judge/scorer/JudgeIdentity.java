package dev.evalplane.judge.scorer;

import java.util.List;

import dev.evalplane.judge.provider.ModelUri;

/** What every LLM judge has: its name, its model and the aggregations asked for; the accessors live here once. */
abstract class JudgeIdentity implements LlmJudge {

    private final String name;
    private final ModelUri model;
    private final List<String> aggregations;

    JudgeIdentity(String name, ModelUri model, List<String> aggregations) {
        this.name = name;
        this.model = model;
        this.aggregations = aggregations;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ModelUri model() {
        return model;
    }

    @Override
    public List<String> aggregations() {
        return aggregations;
    }
}
