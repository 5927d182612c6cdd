-- ANALYZE (autovacuum's, at most once a minute per table while rows keep coming) computes statistics of every column
-- from a 30 000-row sample: for the spans' and trace costs' jsonb content that is a sort of 30 000 documents per
-- column. Spans and trace costs are only ever looked up by trace id (and a span by its key); no plan reads the other
-- columns' statistics. Without them ANALYZE of spans took 0.54 s of CPU instead of 1.54 s (860 000 rows), of
-- trace_costs 0.38 s instead of 0.99 s (86 000 rows) (bench/RESULTS.md, issue 16 items 1-2). SET STATISTICS takes no
-- lock that readers or writers wait for.
ALTER TABLE spans
    ALTER COLUMN parent_span_id SET STATISTICS 0, ALTER COLUMN name SET STATISTICS 0,
    ALTER COLUMN span_type SET STATISTICS 0, ALTER COLUMN start_time_ns SET STATISTICS 0,
    ALTER COLUMN end_time_ns SET STATISTICS 0, ALTER COLUMN status_code SET STATISTICS 0,
    ALTER COLUMN status_message SET STATISTICS 0, ALTER COLUMN attributes SET STATISTICS 0,
    ALTER COLUMN inputs SET STATISTICS 0, ALTER COLUMN outputs SET STATISTICS 0,
    ALTER COLUMN events SET STATISTICS 0, ALTER COLUMN llm SET STATISTICS 0,
    ALTER COLUMN received_at SET STATISTICS 0;
ALTER TABLE trace_costs
    ALTER COLUMN metadata_patch SET STATISTICS 0, ALTER COLUMN judge_patch SET STATISTICS 0,
    ALTER COLUMN span_costs SET STATISTICS 0, ALTER COLUMN event SET STATISTICS 0,
    ALTER COLUMN unpriced_models SET STATISTICS 0;
