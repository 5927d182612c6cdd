-- Run ownership (issue 12 item 3): a client may link traces only into runs it owns. The runs evalplane's pipeline
-- owns are registered here the first time a record the pipeline produced names them (an assessment on the
-- assessments topic, a spans record with scorer-service's mark: events PipelineRecords); any other run id is a
-- client's (an MLflow client run, or an id no run has).
CREATE TABLE pipeline_runs (
    run_id        text PRIMARY KEY,
    registered_at timestamptz NOT NULL DEFAULT now()
);

-- from_pipeline: a span the pipeline produced names the run (kept when the trace's metadata changes later).
-- pipeline_run: the run is in pipeline_runs (set on insert, by registration, and on every refresh of the trace).
-- member: the link counts. Links the pipeline made always count; links from client doors (from_metadata: the
-- trace's metadata, whoever wrote it; from_client_link: MLflow's link-to-run) count only in a run that is not the
-- pipeline's. listed and the run_id search filter use member, so no door can put a trace into a pipeline run.
ALTER TABLE trace_run_links
    ADD COLUMN from_pipeline boolean NOT NULL DEFAULT false,
    ADD COLUMN pipeline_run  boolean NOT NULL DEFAULT false;
ALTER TABLE trace_run_links DROP COLUMN listed; -- drops the partial index trace_run_links_listed with it
ALTER TABLE trace_run_links
    ADD COLUMN member boolean GENERATED ALWAYS AS (from_assessment OR from_pipeline OR NOT pipeline_run) STORED,
    ADD COLUMN listed boolean GENERATED ALWAYS AS (qualifies AND NOT is_judge AND request_time_ms IS NOT NULL
        AND (from_assessment OR from_pipeline OR NOT pipeline_run)) STORED;
CREATE INDEX trace_run_links_listed ON trace_run_links (run_id, request_time_ms, trace_id) WHERE listed;

-- Runs the pipeline assessed before this migration (from_assessment comes only from the assessments topic); their
-- evaluated traces stay members through that feedback, their other links stop counting (older judge traces are no
-- longer found by run_id). The update trigger (V2) records the change of each run's listed count.
INSERT INTO pipeline_runs (run_id) SELECT DISTINCT run_id FROM trace_run_links WHERE from_assessment;
UPDATE trace_run_links l SET pipeline_run = true FROM pipeline_runs p WHERE p.run_id = l.run_id;
