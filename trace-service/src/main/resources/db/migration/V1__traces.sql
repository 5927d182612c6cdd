-- trace-service schema "traces": traces, spans, assessments, run membership, trace costs.
-- Every write is an idempotent upsert keyed by natural ids (at-least-once delivery).

-- One row per trace, upserted from any of its spans. Root-span data is authoritative: tags/metadata carried by
-- other spans are merged into span_tags/span_metadata, the root's into root_tags/root_metadata, and the effective
-- maps put the root's values on top (order-independent).
CREATE TABLE traces (
    trace_id              text PRIMARY KEY,
    experiment_id         text   NOT NULL,
    client_request_id     text,
    request_time_ms       bigint NOT NULL,
    execution_duration_ms bigint,
    state                 text   NOT NULL CHECK (state IN ('OK', 'ERROR', 'IN_PROGRESS')),
    request_preview       text,
    response_preview      text,
    root_span_id          text,
    root_tags             jsonb  NOT NULL DEFAULT '{}',
    root_metadata         jsonb  NOT NULL DEFAULT '{}',
    span_tags             jsonb  NOT NULL DEFAULT '{}',
    span_metadata         jsonb  NOT NULL DEFAULT '{}',
    tags                  jsonb GENERATED ALWAYS AS (span_tags || root_tags) STORED,
    trace_metadata        jsonb GENERATED ALWAYS AS (span_metadata || root_metadata) STORED,
    is_judge              boolean GENERATED ALWAYS AS ((span_tags || root_tags) ? 'mlflow.trace.sourceScorer') STORED,
    first_span_start_ms   bigint NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX traces_by_experiment_time ON traces (experiment_id, request_time_ms, trace_id);
CREATE INDEX traces_tags ON traces USING gin (tags jsonb_path_ops);
CREATE INDEX traces_metadata ON traces USING gin (trace_metadata jsonb_path_ops);

CREATE TABLE spans (
    trace_id       text   NOT NULL,
    span_id        text   NOT NULL,
    parent_span_id text,
    name           text   NOT NULL,
    span_type      text,
    start_time_ns  bigint NOT NULL,
    end_time_ns    bigint NOT NULL,
    status_code    text   NOT NULL,
    status_message text,
    attributes     jsonb  NOT NULL DEFAULT '{}',
    inputs         jsonb,
    outputs        jsonb,
    events         jsonb  NOT NULL DEFAULT '[]',
    llm            jsonb,
    received_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (trace_id, span_id)
);

-- Feedback and expectations. The judge cost columns hold what the assessment itself carried in its metadata;
-- a stored trace_costs row of the judge trace (scorer_trace_id) overrides them (view assessments_effective).
CREATE TABLE assessments (
    assessment_id            text PRIMARY KEY,
    trace_id                 text   NOT NULL,
    span_id                  text,
    name                     text   NOT NULL,
    assessment_type          text   NOT NULL CHECK (assessment_type IN ('FEEDBACK', 'EXPECTATION')),
    source_type              text,
    source_id                text,
    value                    jsonb,
    rationale                text,
    error                    jsonb,
    metadata                 jsonb  NOT NULL DEFAULT '{}',
    source_run_id            text GENERATED ALWAYS AS (NULLIF(metadata ->> 'mlflow.assessment.sourceRunId', '')) STORED,
    scorer_trace_id          text GENERATED ALWAYS AS (NULLIF(metadata ->> 'mlflow.assessment.scorerTraceId', '')) STORED,
    meta_judge_cost          numeric,
    meta_judge_input_tokens  bigint,
    meta_judge_output_tokens bigint,
    meta_judge_cost_status   text,
    create_time_ms           bigint  NOT NULL,
    last_update_time_ms      bigint  NOT NULL,
    overrides                text,
    valid                    boolean NOT NULL DEFAULT true
);
CREATE INDEX assessments_by_trace ON assessments (trace_id, create_time_ms, assessment_id);
CREATE INDEX assessments_by_scorer_trace ON assessments (scorer_trace_id) WHERE scorer_trace_id IS NOT NULL;
CREATE INDEX assessments_by_overrides ON assessments (overrides) WHERE overrides IS NOT NULL;

-- Latest cost of a trace (highest version wins), with the derived metadata patches applied on read.
CREATE TABLE trace_costs (
    trace_id       text PRIMARY KEY,
    version        bigint NOT NULL,
    input_tokens   bigint NOT NULL,
    output_tokens  bigint NOT NULL,
    total_tokens   bigint NOT NULL,
    input_cost     numeric,
    output_cost    numeric,
    total_cost     numeric,
    cost_status    text   NOT NULL,
    metadata_patch jsonb  NOT NULL,
    judge_patch    jsonb  NOT NULL,
    span_costs     jsonb  NOT NULL,
    event          jsonb  NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Run membership: one row per (run, trace), from the trace's effective metadata mlflow.sourceRun (from_metadata,
-- follows that value) and from assessments produced by the run (from_assessment, mlflow.assessment.sourceRunId). Denormalised columns are maintained on every write touching the trace
-- so the evaluation list is one index range scan: listed = has a qualifying assessment (seed rule), not a judge
-- trace, and the trace itself is stored.
CREATE TABLE trace_run_links (
    run_id          text    NOT NULL,
    trace_id        text    NOT NULL,
    request_time_ms bigint,
    is_judge        boolean NOT NULL DEFAULT false,
    qualifies       boolean NOT NULL DEFAULT false,
    from_metadata   boolean NOT NULL DEFAULT false,
    from_assessment boolean NOT NULL DEFAULT false,
    listed          boolean GENERATED ALWAYS AS (qualifies AND NOT is_judge AND request_time_ms IS NOT NULL) STORED,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, trace_id)
);
CREATE INDEX trace_run_links_by_trace ON trace_run_links (trace_id);
CREATE INDEX trace_run_links_listed ON trace_run_links (run_id, request_time_ms, trace_id) WHERE listed;

-- Assessments with the judge cost of their judge trace applied (either arrival order gives the same result).
CREATE VIEW assessments_effective AS
SELECT a.assessment_id, a.trace_id, a.span_id, a.name, a.assessment_type, a.source_type, a.source_id, a.value,
       a.rationale, a.error,
       CASE WHEN tc.trace_id IS NULL THEN a.metadata
            ELSE (a.metadata - 'mlflow.assessment.judgeCost' - 'mlflow.assessment.judgeInputTokens'
                  - 'mlflow.assessment.judgeOutputTokens' - 'evalplane.assessment.judgeCostStatus') || tc.judge_patch
       END AS metadata,
       a.source_run_id, a.scorer_trace_id,
       CASE WHEN tc.trace_id IS NULL THEN a.meta_judge_cost ELSE tc.total_cost END AS judge_cost,
       CASE WHEN tc.trace_id IS NULL THEN a.meta_judge_input_tokens ELSE tc.input_tokens END AS judge_input_tokens,
       CASE WHEN tc.trace_id IS NULL THEN a.meta_judge_output_tokens ELSE tc.output_tokens END AS judge_output_tokens,
       CASE WHEN tc.trace_id IS NULL THEN a.meta_judge_cost_status ELSE tc.cost_status END AS judge_cost_status,
       a.create_time_ms, a.last_update_time_ms, a.overrides, a.valid
FROM assessments a
LEFT JOIN trace_costs tc ON tc.trace_id = a.scorer_trace_id;

-- Status of a sum of judge costs from the counts of its parts (NO_USAGE parts do not count), as CostStatus.combine.
CREATE FUNCTION judge_cost_status(costed bigint, priced bigint, unpriced bigint) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN costed = 0 THEN 'NO_USAGE'
                WHEN priced = costed THEN 'PRICED'
                WHEN unpriced = costed THEN 'UNPRICED'
                ELSE 'PARTIALLY_PRICED' END
$$;
