-- Evaluation runs of scorer-service (schema scoring). Counters are written as snapshots that only grow
-- (GREATEST), so an out-of-order progress write never moves them back.
CREATE TABLE runs (
    run_id              text PRIMARY KEY,
    experiment_id       text        NOT NULL,
    name                text,
    status              text        NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    source_kind         text        NOT NULL CHECK (source_kind IN ('data', 'trace_ids', 'filter_string')),
    model               text        NOT NULL,
    max_concurrency     integer     NOT NULL,
    budget_usd          numeric,
    scorers             jsonb       NOT NULL,
    rows_total          integer,
    rows_done           integer     NOT NULL DEFAULT 0,
    judge_calls         integer     NOT NULL DEFAULT 0,
    judge_calls_failed  integer     NOT NULL DEFAULT 0,
    judgements_skipped  integer     NOT NULL DEFAULT 0,
    llm_requests        integer     NOT NULL DEFAULT 0,
    input_tokens        bigint      NOT NULL DEFAULT 0,
    output_tokens       bigint      NOT NULL DEFAULT 0,
    metrics             jsonb       NOT NULL DEFAULT '{}'::jsonb,
    error               text,
    owner               text        NOT NULL,
    created_at          timestamptz NOT NULL,
    finished_at         timestamptz
);

CREATE INDEX runs_by_experiment ON runs (experiment_id, created_at DESC);
CREATE INDEX runs_running ON runs (status) WHERE status = 'RUNNING';
