package dev.evalplane.events;

/** Keys shared with MLflow (CONTRACTS.md); use these exact strings. */
public final class MlflowKeys {
    // assessment metadata
    public static final String SOURCE_RUN_ID = "mlflow.assessment.sourceRunId";
    public static final String SCORER_TRACE_ID = "mlflow.assessment.scorerTraceId";
    public static final String JUDGE_COST = "mlflow.assessment.judgeCost";
    public static final String JUDGE_INPUT_TOKENS = "mlflow.assessment.judgeInputTokens";
    public static final String JUDGE_OUTPUT_TOKENS = "mlflow.assessment.judgeOutputTokens";
    public static final String JUDGE_COST_STATUS = "evalplane.assessment.judgeCostStatus";
    // trace tags and metadata
    public static final String SOURCE_SCORER_TAG = "mlflow.trace.sourceScorer";
    public static final String SOURCE_RUN = "mlflow.sourceRun";
    public static final String TRACE_TOKEN_USAGE = "mlflow.trace.tokenUsage";
    public static final String TRACE_COST = "mlflow.trace.cost";
    // span attributes
    public static final String SPAN_TYPE = "mlflow.spanType";
    public static final String CHAT_TOKEN_USAGE = "mlflow.chat.tokenUsage";
    public static final String LLM_COST = "mlflow.llm.cost";
    public static final String LLM_MODEL = "mlflow.llm.model";
    public static final String LLM_PROVIDER = "mlflow.llm.provider";
    public static final String SPAN_INPUTS = "mlflow.spanInputs";
    public static final String SPAN_OUTPUTS = "mlflow.spanOutputs";

    private MlflowKeys() {
    }
}
