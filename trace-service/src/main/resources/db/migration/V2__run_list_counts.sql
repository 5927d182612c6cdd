-- The number of listed traces of a run (the evaluation list's exact total), maintained on write so that reading it
-- does not grow with the run. Every statement that changes trace_run_links appends, in its own transaction, one
-- delta row per run whose listed count it changed: writers only insert, so they never wait for each other on a hot
-- counter row. A run's total is the sum of its rows; RunListCountCompactor folds each run's rows into one, so the sum
-- reads a handful of rows whatever the run's size.
CREATE TABLE run_list_counts (
    run_id text   NOT NULL,
    id     bigint GENERATED ALWAYS AS IDENTITY,
    delta  bigint NOT NULL,
    PRIMARY KEY (run_id, id)
);
-- The compactor finds the runs written since its last pass through this index.
CREATE INDEX run_list_counts_by_id ON run_list_counts (id);

-- search_path fixed at creation (Flyway's schema): writers with another search_path still find run_list_counts.
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
        INSERT INTO run_list_counts (run_id, delta)
        SELECT run_id, sum(d) FROM (SELECT run_id, 1 AS d FROM new_links WHERE listed
                                    UNION ALL
                                    SELECT run_id, -1 FROM old_links WHERE listed) c
        GROUP BY run_id HAVING sum(d) <> 0;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER trace_run_links_count_insert AFTER INSERT ON trace_run_links
    REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION count_listed_links();
CREATE TRIGGER trace_run_links_count_update AFTER UPDATE ON trace_run_links
    REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION count_listed_links();
CREATE TRIGGER trace_run_links_count_delete AFTER DELETE ON trace_run_links
    REFERENCING OLD TABLE AS old_links FOR EACH STATEMENT EXECUTE FUNCTION count_listed_links();

-- Links written before this migration (the triggers' lock on trace_run_links keeps writers out until it commits).
INSERT INTO run_list_counts (run_id, delta)
SELECT run_id, count(*) FROM trace_run_links WHERE listed GROUP BY run_id;
