-- V5: V4 is online scoring (online_configs), landed separately.
-- The MLflow client's own runs and scorers (issue 14).
--
-- Runs: mlflow.genai.evaluate (and any MLflow client code) creates a run through runs/create and writes its
-- name, status, params, tags and metrics itself. Such a run lives next to evalplane's own evaluation runs, so the
-- run list and run view show both, with origin MLFLOW_CLIENT. scorer-service never executes it: it has no owner
-- process, no heartbeat and no model; its counters stay 0 (the client judged, not us).
ALTER TABLE runs ADD COLUMN origin text NOT NULL DEFAULT 'EVALPLANE' CHECK (origin IN ('EVALPLANE', 'MLFLOW_CLIENT'));
ALTER TABLE runs ADD COLUMN params jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE runs ADD COLUMN tags jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE runs ADD COLUMN user_id text;
ALTER TABLE runs ALTER COLUMN model DROP NOT NULL;
ALTER TABLE runs ALTER COLUMN max_concurrency DROP NOT NULL;
ALTER TABLE runs DROP CONSTRAINT runs_source_kind_check;
ALTER TABLE runs ADD CONSTRAINT runs_source_kind_check
    CHECK (source_kind IN ('data', 'trace_ids', 'filter_string', 'mlflow_client'));
ALTER TABLE runs ADD CONSTRAINT runs_origin_fields CHECK (origin = 'MLFLOW_CLIENT' OR (model IS NOT NULL AND max_concurrency IS NOT NULL));

-- Scorers: a scorer registered by the MLflow client keeps the client's serialized scorer verbatim (get_scorer
-- rebuilds exactly what was registered); scorer_id is MLflow's id of the name, the same for all its versions.
ALTER TABLE scorers ADD COLUMN mlflow_scorer text;
ALTER TABLE scorers ADD COLUMN scorer_id text;
UPDATE scorers s SET scorer_id = ids.scorer_id
FROM (SELECT experiment_id, name, gen_random_uuid()::text AS scorer_id FROM scorers GROUP BY experiment_id, name) ids
WHERE s.experiment_id = ids.experiment_id AND s.name = ids.name;
ALTER TABLE scorers ALTER COLUMN scorer_id SET NOT NULL;
CREATE INDEX scorers_by_id ON scorers (scorer_id);
