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
-- run (human feedback, older data) every run linked to their trace.
CREATE FUNCTION mark_runs_of_assessments(changed_trace_ids text[], changed_source_runs text[]) RETURNS void
    LANGUAGE sql SET search_path FROM CURRENT AS $$
    INSERT INTO run_list_counts (run_id, delta)
    SELECT run_id, 0 FROM (
        SELECT r AS run_id FROM unnest(changed_source_runs) AS r WHERE r IS NOT NULL
        UNION
        SELECT l.run_id FROM unnest(changed_trace_ids, changed_source_runs) AS c(trace_id, source_run)
        JOIN trace_run_links l ON l.trace_id = c.trace_id WHERE c.source_run IS NULL) touched
$$;

CREATE FUNCTION mark_assessment_runs() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM mark_runs_of_assessments(array_agg(trace_id), array_agg(source_run_id)) FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM mark_runs_of_assessments(array_agg(trace_id), array_agg(source_run_id)) FROM old_rows;
    ELSE
        PERFORM mark_runs_of_assessments(array_agg(trace_id), array_agg(source_run_id))
        FROM (SELECT trace_id, source_run_id FROM new_rows UNION SELECT trace_id, source_run_id FROM old_rows) c;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER assessments_mark_insert AFTER INSERT ON assessments
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mark_assessment_runs();
CREATE TRIGGER assessments_mark_update AFTER UPDATE ON assessments
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mark_assessment_runs();
CREATE TRIGGER assessments_mark_delete AFTER DELETE ON assessments
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION mark_assessment_runs();

-- A judge trace's cost changes the judge cost of the feedback it produced.
CREATE FUNCTION mark_cost_runs() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM mark_runs_of_assessments(array_agg(a.trace_id), array_agg(a.source_run_id))
        FROM old_costs c JOIN assessments a ON a.scorer_trace_id = c.trace_id;
    ELSE
        PERFORM mark_runs_of_assessments(array_agg(a.trace_id), array_agg(a.source_run_id))
        FROM new_costs c JOIN assessments a ON a.scorer_trace_id = c.trace_id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER trace_costs_mark_insert AFTER INSERT ON trace_costs
    REFERENCING NEW TABLE AS new_costs FOR EACH STATEMENT EXECUTE FUNCTION mark_cost_runs();
CREATE TRIGGER trace_costs_mark_update AFTER UPDATE ON trace_costs
    REFERENCING OLD TABLE AS old_costs NEW TABLE AS new_costs FOR EACH STATEMENT EXECUTE FUNCTION mark_cost_runs();
CREATE TRIGGER trace_costs_mark_delete AFTER DELETE ON trace_costs
    REFERENCING OLD TABLE AS old_costs FOR EACH STATEMENT EXECUTE FUNCTION mark_cost_runs();

-- The last summary computed per run, with the writes sum it was computed at.
CREATE TABLE run_summaries (
    run_id  text   PRIMARY KEY,
    writes  bigint NOT NULL,
    summary text   NOT NULL
);

-- Links written before this migration (the triggers' locks keep writers out until it commits).
INSERT INTO run_list_counts (run_id, delta)
SELECT run_id, count(*) FROM trace_run_links WHERE listed GROUP BY run_id;
