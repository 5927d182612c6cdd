-- fold_run_summary_marks (V6) planned its whole fold (one statement over the marks, feedback, links and trace costs,
-- planned on every call) even when every mark was a trace cost that no feedback names: on an ingestion stream each
-- call (every second per replica) spent ~15 ms of PostgreSQL's CPU mostly planning, about 3.5-5 µs per span stored
-- (bench/RESULTS.md, issue 16 items 1-2). Such marks are now dropped first, and the fold is planned only for the rest.
CREATE OR REPLACE FUNCTION fold_run_summary_marks(wait boolean) RETURNS bigint
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    dropped bigint;
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
    -- a trace cost no feedback names (every trace of an ingestion stream) changes no summary: its marks go without
    -- planning the fold below. The fold itself drops them the same way (touched joins feedback at its snapshot); a
    -- feedback committed after this statement has its own mark, which the next fold reads with this cost.
    DELETE FROM run_summary_marks m
    WHERE m.scorer_trace_id IS NOT NULL AND m.assessment_id IS NULL AND m.run_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.scorer_trace_id = m.scorer_trace_id);
    GET DIAGNOSTICS dropped = ROW_COUNT;
    IF NOT EXISTS (SELECT 1 FROM run_summary_marks) THEN
        RETURN dropped;
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
    RETURN dropped + folded;
END $$;
