-- Run summaries kept incrementally (issue 16 item 6), instead of aggregating the whole run on a request:
--   run_summary_marks   - what a write changed (an assessment, a trace's stored cost, whether a run link is listed),
--                         appended by statement triggers in the writing transaction; writers only insert.
--   run_summary_rows    - what each (run, feedback) pair adds to the run's summary (view run_summary_row_values).
--   run_summary_scorers - per run and feedback name the sums of those rows; a summary reads these few rows.
--   run_summary_models  - per run and feedback name the unpriced models of its judge calls, with how many calls.
-- fold_run_summary_marks() takes the marks committed so far, computes the rows of every pair they may touch again
-- from the current data, and adds the difference to the sums. Folds run one at a time (advisory lock), so rows and
-- sums always agree; a pair's row is computed from the data, never from the event, so a redelivered or repeated
-- write changes nothing and the order in which feedback, costs and links arrive does not matter.

CREATE TABLE run_summary_marks (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id          text, -- with trace_id: the link (run_id, trace_id) became listed or stopped being listed
    trace_id        text,
    assessment_id   text, -- the assessment was written or deleted
    scorer_trace_id text  -- the stored cost of this (judge) trace was written
);

CREATE TABLE run_summary_rows (
    run_id          text    NOT NULL,
    assessment_id   text    NOT NULL,
    trace_id        text    NOT NULL,
    name            text    NOT NULL,
    valid           boolean NOT NULL,
    pass            int,     -- 1 or 0 for a valid, error-free yes/true/no/false value
    num             numeric, -- a valid, error-free numeric value
    error           boolean NOT NULL,
    cost_status     text,
    judge_cost      numeric,
    input_tokens    bigint,
    output_tokens   bigint,
    unpriced_models text[],
    PRIMARY KEY (run_id, assessment_id)
);
CREATE INDEX run_summary_rows_by_assessment ON run_summary_rows (assessment_id);
CREATE INDEX run_summary_rows_by_trace ON run_summary_rows (trace_id);

CREATE TABLE run_summary_scorers (
    run_id        text    NOT NULL,
    name          text    NOT NULL,
    feedback      bigint  NOT NULL, -- rows summed here; a name at 0 is dropped
    valid_count   bigint  NOT NULL,
    pass_sum      bigint  NOT NULL,
    pass_n        bigint  NOT NULL,
    num_sum       numeric NOT NULL,
    num_n         bigint  NOT NULL,
    errors        bigint  NOT NULL,
    costed        bigint  NOT NULL,
    priced        bigint  NOT NULL,
    unpriced      bigint  NOT NULL,
    cost_sum      numeric NOT NULL,
    cost_n        bigint  NOT NULL, -- rows with a judge cost (the sum is null when there are none)
    input_tokens  bigint  NOT NULL,
    output_tokens bigint  NOT NULL,
    PRIMARY KEY (run_id, name)
);
CREATE INDEX run_summary_scorers_empty ON run_summary_scorers (run_id) WHERE feedback = 0;

CREATE TABLE run_summary_models (
    run_id text   NOT NULL,
    name   text   NOT NULL,
    model  text   NOT NULL,
    calls  bigint NOT NULL,
    PRIMARY KEY (run_id, name, model)
);
CREATE INDEX run_summary_models_empty ON run_summary_models (run_id) WHERE calls = 0;

-- The row a feedback adds to a run's summary: feedback of the run (or without a source run) on a listed trace, with
-- its effective judge cost. The one definition of what a summary counts.
CREATE VIEW run_summary_row_values AS
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
            THEN ARRAY(SELECT jsonb_array_elements_text(tc.event -> 'unpriced_models'))
       END AS unpriced_models
FROM trace_run_links l
JOIN assessments_effective a ON a.trace_id = l.trace_id
LEFT JOIN trace_costs tc ON tc.trace_id = a.scorer_trace_id
WHERE l.listed AND a.assessment_type = 'FEEDBACK' AND (a.source_run_id IS NULL OR a.source_run_id = l.run_id);

-- Folds the committed marks into the rows and sums. wait = false gives up at once (-1) while another fold runs.
-- Every statement below sees what committed before it started (READ COMMITTED): marks are taken in one statement
-- with the rows they touch, and a write committed after that has its own mark, left for the next fold.
CREATE FUNCTION fold_run_summary_marks(wait boolean) RETURNS bigint
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    folded bigint;
    pending bigint;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM run_summary_marks) THEN
        RETURN 0;
    END IF;
    -- 0x65760006: this fold's advisory lock key (evalplane trace-service, V6)
    IF wait THEN
        PERFORM pg_advisory_xact_lock(1702297606);
    ELSIF NOT pg_try_advisory_xact_lock(1702297606) THEN
        RETURN -1;
    END IF;
    -- a queue's statistics are always stale: a large backlog (a bulk load, a backfill) is measured before planning
    SELECT count(*) INTO pending FROM run_summary_marks;
    IF pending > 10000 THEN
        ANALYZE run_summary_marks;
    END IF;
    -- EXECUTE: planned for the marks at hand each time (a plan cached while the tables were small would stay)
    EXECUTE $fold$
    WITH marks AS (
        DELETE FROM run_summary_marks RETURNING run_id, trace_id, assessment_id, scorer_trace_id
    ), touched AS (
        SELECT assessment_id FROM marks WHERE assessment_id IS NOT NULL
        UNION
        SELECT a.assessment_id FROM marks m JOIN assessments a ON a.scorer_trace_id = m.scorer_trace_id
        WHERE m.scorer_trace_id IS NOT NULL
    ), pairs AS (
        SELECT r.run_id, r.assessment_id FROM touched t JOIN run_summary_rows r USING (assessment_id)
        UNION
        SELECT a.source_run_id, a.assessment_id FROM touched t JOIN assessments a USING (assessment_id)
        WHERE a.source_run_id IS NOT NULL
        UNION
        SELECT l.run_id, a.assessment_id FROM touched t JOIN assessments a USING (assessment_id)
        JOIN trace_run_links l ON l.trace_id = a.trace_id AND l.listed WHERE a.source_run_id IS NULL
        UNION
        SELECT r.run_id, r.assessment_id FROM marks m JOIN run_summary_rows r
        ON r.trace_id = m.trace_id AND r.run_id = m.run_id WHERE m.run_id IS NOT NULL
        UNION
        SELECT m.run_id, a.assessment_id FROM marks m JOIN assessments a ON a.trace_id = m.trace_id
        WHERE m.run_id IS NOT NULL
    ), fresh AS (
        SELECT v.* FROM run_summary_row_values v JOIN pairs p USING (run_id, assessment_id)
    ), old AS (
        SELECT r.* FROM run_summary_rows r JOIN pairs p USING (run_id, assessment_id)
    ), kept AS (
        INSERT INTO run_summary_rows AS r (run_id, assessment_id, trace_id, name, valid, pass, num, error, cost_status,
            judge_cost, input_tokens, output_tokens, unpriced_models)
        SELECT run_id, assessment_id, trace_id, name, valid, pass, num, error, cost_status, judge_cost, input_tokens,
            output_tokens, unpriced_models FROM fresh
        ON CONFLICT (run_id, assessment_id) DO UPDATE SET trace_id = EXCLUDED.trace_id, name = EXCLUDED.name,
            valid = EXCLUDED.valid, pass = EXCLUDED.pass, num = EXCLUDED.num, error = EXCLUDED.error,
            cost_status = EXCLUDED.cost_status, judge_cost = EXCLUDED.judge_cost,
            input_tokens = EXCLUDED.input_tokens, output_tokens = EXCLUDED.output_tokens,
            unpriced_models = EXCLUDED.unpriced_models
    ), dropped AS (
        DELETE FROM run_summary_rows r USING old o
        WHERE r.run_id = o.run_id AND r.assessment_id = o.assessment_id
          AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.run_id = o.run_id AND f.assessment_id = o.assessment_id)
    ), changes AS (
        SELECT 1 AS sign, f.run_id, f.name, f.valid, f.pass, f.num, f.error, f.cost_status, f.judge_cost,
               f.input_tokens, f.output_tokens, f.unpriced_models FROM fresh f
        UNION ALL
        SELECT -1, o.run_id, o.name, o.valid, o.pass, o.num, o.error, o.cost_status, o.judge_cost,
               o.input_tokens, o.output_tokens, o.unpriced_models FROM old o
    ), scorers AS (
        INSERT INTO run_summary_scorers AS s (run_id, name, feedback, valid_count, pass_sum, pass_n, num_sum, num_n,
            errors, costed, priced, unpriced, cost_sum, cost_n, input_tokens, output_tokens)
        SELECT run_id, name, sum(sign), COALESCE(sum(sign) FILTER (WHERE valid), 0), COALESCE(sum(sign * pass), 0),
               COALESCE(sum(sign) FILTER (WHERE pass IS NOT NULL), 0), COALESCE(sum(sign * num), 0),
               COALESCE(sum(sign) FILTER (WHERE num IS NOT NULL), 0), COALESCE(sum(sign) FILTER (WHERE error), 0),
               COALESCE(sum(sign) FILTER (WHERE cost_status IN ('PRICED', 'PARTIALLY_PRICED', 'UNPRICED')), 0),
               COALESCE(sum(sign) FILTER (WHERE cost_status = 'PRICED'), 0),
               COALESCE(sum(sign) FILTER (WHERE cost_status = 'UNPRICED'), 0), COALESCE(sum(sign * judge_cost), 0),
               COALESCE(sum(sign) FILTER (WHERE judge_cost IS NOT NULL), 0),
               COALESCE(sum(sign * input_tokens), 0), COALESCE(sum(sign * output_tokens), 0)
        FROM changes GROUP BY run_id, name
        ON CONFLICT (run_id, name) DO UPDATE SET feedback = s.feedback + EXCLUDED.feedback,
            valid_count = s.valid_count + EXCLUDED.valid_count,
            pass_sum = s.pass_sum + EXCLUDED.pass_sum, pass_n = s.pass_n + EXCLUDED.pass_n,
            num_sum = s.num_sum + EXCLUDED.num_sum, num_n = s.num_n + EXCLUDED.num_n,
            errors = s.errors + EXCLUDED.errors, costed = s.costed + EXCLUDED.costed,
            priced = s.priced + EXCLUDED.priced, unpriced = s.unpriced + EXCLUDED.unpriced,
            cost_sum = s.cost_sum + EXCLUDED.cost_sum, cost_n = s.cost_n + EXCLUDED.cost_n,
            input_tokens = s.input_tokens + EXCLUDED.input_tokens,
            output_tokens = s.output_tokens + EXCLUDED.output_tokens
    ), models AS (
        INSERT INTO run_summary_models AS s (run_id, name, model, calls)
        SELECT c.run_id, c.name, m.model, sum(c.sign)
        FROM changes c CROSS JOIN LATERAL unnest(c.unpriced_models) m(model)
        GROUP BY c.run_id, c.name, m.model
        ON CONFLICT (run_id, name, model) DO UPDATE SET calls = s.calls + EXCLUDED.calls
    )
    SELECT count(*) FROM marks
    $fold$ INTO folded;
    DELETE FROM run_summary_scorers WHERE feedback = 0;
    DELETE FROM run_summary_models WHERE calls = 0;
    RETURN folded;
END $$;

-- The triggers of V2 now append marks (they appended to run_list_counts' writes counter, which nothing reads now).
CREATE OR REPLACE FUNCTION count_listed_links() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO run_list_counts (run_id, delta)
        SELECT run_id, count(*) FROM new_links WHERE listed GROUP BY run_id;
        INSERT INTO run_summary_marks (run_id, trace_id) SELECT run_id, trace_id FROM new_links WHERE listed;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO run_list_counts (run_id, delta)
        SELECT run_id, -count(*) FROM old_links WHERE listed GROUP BY run_id;
        INSERT INTO run_summary_marks (run_id, trace_id) SELECT run_id, trace_id FROM old_links WHERE listed;
    ELSE
        -- run_id and trace_id are the key and never change; a run is touched when any of its links changed listed
        INSERT INTO run_list_counts (run_id, delta)
        SELECT n.run_id, sum(n.listed::int - o.listed::int)
        FROM new_links n JOIN old_links o USING (run_id, trace_id)
        WHERE n.listed IS DISTINCT FROM o.listed GROUP BY n.run_id;
        INSERT INTO run_summary_marks (run_id, trace_id)
        SELECT n.run_id, n.trace_id FROM new_links n JOIN old_links o USING (run_id, trace_id)
        WHERE n.listed IS DISTINCT FROM o.listed;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION mark_assessment_runs() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO run_summary_marks (assessment_id) SELECT assessment_id FROM old_rows;
    ELSE
        INSERT INTO run_summary_marks (assessment_id) SELECT assessment_id FROM new_rows;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION mark_cost_runs() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO run_summary_marks (scorer_trace_id) SELECT trace_id FROM new_costs;
    RETURN NULL;
END $$;

DROP TABLE run_summaries;
ALTER TABLE run_list_counts DROP COLUMN writes;

-- Backfill: every listed link of existing runs, folded here (the triggers' locks keep writers out until commit).
INSERT INTO run_summary_marks (run_id, trace_id) SELECT run_id, trace_id FROM trace_run_links WHERE listed;
SELECT fold_run_summary_marks(true);
