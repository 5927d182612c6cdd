-- trace_costs.judge_patch held what a judge trace's cost puts on the feedback it produced: mlflow.assessment.judgeCost
-- (when the total is known), judgeInputTokens, judgeOutputTokens and evalplane.assessment.judgeCostStatus, each the
-- row's own column (total_cost, input_tokens, output_tokens, cost_status) as text. Parsing and storing it was about
-- 4 µs of PostgreSQL's CPU per trace cost written (bench/RESULTS.md, issue 16 items 1-2). The view now builds it from
-- those columns for every row, and judge_patch is no longer written: rows written before, and rows a replica of the
-- previous version writes during a rolling upgrade, hold in judge_patch exactly what the view builds. DROP NOT NULL
-- and the view's replacement change no row (no table rewrite, a short lock).
ALTER TABLE trace_costs ALTER COLUMN judge_patch DROP NOT NULL;

CREATE OR REPLACE VIEW assessments_effective AS
SELECT a.assessment_id, a.trace_id, a.span_id, a.name, a.assessment_type, a.source_type, a.source_id, a.value,
       a.rationale, a.error,
       CASE WHEN tc.trace_id IS NULL THEN a.metadata
            ELSE (a.metadata - 'mlflow.assessment.judgeCost' - 'mlflow.assessment.judgeInputTokens'
                  - 'mlflow.assessment.judgeOutputTokens' - 'evalplane.assessment.judgeCostStatus')
                 || jsonb_strip_nulls(jsonb_build_object('mlflow.assessment.judgeCost', tc.total_cost::text,
                        'mlflow.assessment.judgeInputTokens', tc.input_tokens::text,
                        'mlflow.assessment.judgeOutputTokens', tc.output_tokens::text,
                        'evalplane.assessment.judgeCostStatus', tc.cost_status))
       END AS metadata,
       a.source_run_id, a.scorer_trace_id,
       CASE WHEN tc.trace_id IS NULL THEN a.meta_judge_cost ELSE tc.total_cost END AS judge_cost,
       CASE WHEN tc.trace_id IS NULL THEN a.meta_judge_input_tokens ELSE tc.input_tokens END AS judge_input_tokens,
       CASE WHEN tc.trace_id IS NULL THEN a.meta_judge_output_tokens ELSE tc.output_tokens END AS judge_output_tokens,
       CASE WHEN tc.trace_id IS NULL THEN a.meta_judge_cost_status ELSE tc.cost_status END AS judge_cost_status,
       a.create_time_ms, a.last_update_time_ms, a.overrides, a.valid
FROM assessments a
LEFT JOIN trace_costs tc ON tc.trace_id = a.scorer_trace_id;
