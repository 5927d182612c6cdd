-- Per-run counters kept on write, so that reading them does not grow with the run:
--   delta  - change of the number of listed traces (the evaluation list's exact total is their sum);
--   writes - statements that changed what the run's summary is computed from (its listed links, the feedback on
--            them, the judge costs of that feedback). A summary computed when the sum was N is still exact while
--            the sum is N (run_summaries).
-- Every such statement appends, in its own transaction, one row per run it touched: writers only insert, so they
-- never wait for each other on a hot counter row. RunListCountCompactor folds each run's rows into one.
CREATE TABLE run_list_counts (
    run_id text   NOT NULL,
    id     bigint GENERATED ALWAYS AS IDENTITY,
    delta  bigint NOT NULL,
    writes bigint NOT NULL DEFAULT 1,
    PRIMARY KEY (run_id, id)
);
-- The compactor finds the runs written since its last pass through this index.
CREATE INDEX run_list_counts_by_id ON run_list_counts (id);

-- search_path fixed at creation (Flyway's schema): writers with another search_path still find the tables.
CREATE FUNCTION count_listed_links() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO run_list_counts (run_id, delta)
        SELECT run_id, count(*) FROM new_links WHERE listed GROUP BY run_id;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO run_list_counts (run_id, delta)
        SELECT run_id, -count(*) FROM old_links WHERE listed GROUP BY run_id;
    ELSE
        -- run_id and trace_id are the key and never change; a run is touched when any of its links changed listed
        INSERT INTO run_list_counts (run_id, delta)
        SELECT n.run_id, sum(n.listed::int - o.listed::int)
        FROM new_links n JOIN old_links o USING (run_id, trace_id)
        WHERE n.listed IS DISTINCT FROM o.listed GROUP BY n.run_id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER trace_run_links_count_insert AFTER INSERT ON trace_run_links
    REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION count_listed_links();
CREATE TRIGGER trace_run_links_count_update AFTER UPDATE ON trace_run_links
    REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION count_listed_links();
CREATE TRIGGER trace_run_links_count_delete AFTER DELETE ON trace_run_links
    REFERENCING OLD TABLE AS old_links FOR EACH STATEMENT EXECUTE FUNCTION count_listed_links();

-- Runs whose summary may count these assessments: the run that wrote each one, and for assessments without a source
-- run (human feedback, older data) every run linked to their trace. The queries are written out per transition
-- table: plpgsql caches their plans (a shared SQL function would be planned again on every statement).
CREATE FUNCTION mark_assessment_runs() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO run_list_counts (run_id, delta)
        SELECT source_run_id, 0 FROM new_rows WHERE source_run_id IS NOT NULL
        UNION
        SELECT l.run_id, 0 FROM new_rows c JOIN trace_run_links l ON l.trace_id = c.trace_id
        WHERE c.source_run_id IS NULL;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        INSERT INTO run_list_counts (run_id, delta)
        SELECT source_run_id, 0 FROM old_rows WHERE source_run_id IS NOT NULL
        UNION
        SELECT l.run_id, 0 FROM old_rows c JOIN trace_run_links l ON l.trace_id = c.trace_id
        WHERE c.source_run_id IS NULL;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER assessments_mark_insert AFTER INSERT ON assessments
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mark_assessment_runs();
CREATE TRIGGER assessments_mark_update AFTER UPDATE ON assessments
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mark_assessment_runs();
CREATE TRIGGER assessments_mark_delete AFTER DELETE ON assessments
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION mark_assessment_runs();

-- A judge trace's cost changes the judge cost of the feedback it produced (stored costs are never deleted).
CREATE FUNCTION mark_cost_runs() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO run_list_counts (run_id, delta)
    SELECT a.source_run_id, 0 FROM new_costs c JOIN assessments a ON a.scorer_trace_id = c.trace_id
    WHERE a.source_run_id IS NOT NULL
    UNION
    SELECT l.run_id, 0 FROM new_costs c JOIN assessments a ON a.scorer_trace_id = c.trace_id
    JOIN trace_run_links l ON l.trace_id = a.trace_id WHERE a.source_run_id IS NULL;
    RETURN NULL;
END $$;

CREATE TRIGGER trace_costs_mark_insert AFTER INSERT ON trace_costs
    REFERENCING NEW TABLE AS new_costs FOR EACH STATEMENT EXECUTE FUNCTION mark_cost_runs();
CREATE TRIGGER trace_costs_mark_update AFTER UPDATE ON trace_costs
    REFERENCING NEW TABLE AS new_costs FOR EACH STATEMENT EXECUTE FUNCTION mark_cost_runs();

-- The last summary computed per run, with the writes sum it was computed at.
CREATE TABLE run_summaries (
    run_id  text   PRIMARY KEY,
    writes  bigint NOT NULL,
    summary text   NOT NULL
);

-- Links written before this migration (the triggers' locks keep writers out until it commits).
INSERT INTO run_list_counts (run_id, delta)
SELECT run_id, count(*) FROM trace_run_links WHERE listed GROUP BY run_id;
