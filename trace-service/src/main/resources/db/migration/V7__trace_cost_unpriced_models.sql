-- trace_costs kept each cost event whole as jsonb, and only the run summary's view read it, for the unpriced models.
-- Parsing that jsonb (about 1.2 kB of numbers per trace) was over a third of a trace_costs row's cost under the
-- ingestion benchmark (bench/RESULTS.md, issue 16). A row now keeps just the unpriced models (text[]); event is
-- no longer written. A row that a replica of the previous version writes during a rolling upgrade has event and no
-- unpriced_models, so the view reads event when unpriced_models is null.
ALTER TABLE trace_costs ADD COLUMN unpriced_models text[];
ALTER TABLE trace_costs ALTER COLUMN event DROP NOT NULL;

CREATE OR REPLACE VIEW run_summary_row_values AS
SELECT l.run_id, a.assessment_id, a.trace_id, a.name, a.valid,
       CASE WHEN a.valid AND a.error IS NULL THEN
           CASE lower(a.value #>> '{}') WHEN 'yes' THEN 1 WHEN 'true' THEN 1 WHEN 'no' THEN 0 WHEN 'false' THEN 0 END
       END AS pass,
       CASE WHEN a.valid AND a.error IS NULL AND jsonb_typeof(a.value) = 'number' THEN (a.value::text)::numeric
       END AS num,
       a.valid AND a.error IS NOT NULL AS error,
       a.judge_cost_status AS cost_status, a.judge_cost, a.judge_input_tokens AS input_tokens,
       a.judge_output_tokens AS output_tokens,
       CASE WHEN tc.trace_id IS NOT NULL AND a.judge_cost_status IN ('UNPRICED', 'PARTIALLY_PRICED')
            THEN COALESCE(tc.unpriced_models, ARRAY(SELECT jsonb_array_elements_text(tc.event -> 'unpriced_models')))
       END AS unpriced_models
FROM trace_run_links l
JOIN assessments_effective a ON a.trace_id = l.trace_id
LEFT JOIN trace_costs tc ON tc.trace_id = a.scorer_trace_id
WHERE l.listed AND a.assessment_type = 'FEEDBACK' AND (a.source_run_id IS NULL OR a.source_run_id = l.run_id);
