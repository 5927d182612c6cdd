-- MLflow's link-to-run (issue 14): the MLflow client links traces to a run it created (genai.evaluate links every
-- evaluated trace). The gateway lets a client link only into a run the client created (scorer-service origin
-- MLFLOW_CLIENT), never into a run evalplane executed. Such a link stays when the trace's metadata names another run.
-- (V3 is experiments.)
ALTER TABLE trace_run_links ADD COLUMN from_client_link boolean NOT NULL DEFAULT false;
