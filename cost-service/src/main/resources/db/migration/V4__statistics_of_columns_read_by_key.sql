-- ANALYZE (autovacuum's, at most once a minute per table while rows keep coming) computes statistics of every column
-- from a 30 000-row sample; for trace_cost_versions that includes sorting 30 000 events of ~1.2 kB. The ledger and the
-- versions are only ever looked up by trace id or span id (and the versions by version > published_version); no
-- plan reads the other columns' statistics (bench/RESULTS.md, issue 16 items 1-2). SET STATISTICS takes no lock that
-- readers or writers wait for.
ALTER TABLE trace_cost_versions
    ALTER COLUMN content_hash SET STATISTICS 0, ALTER COLUMN event SET STATISTICS 0,
    ALTER COLUMN updated_at SET STATISTICS 0;
ALTER TABLE span_costs
    ALTER COLUMN provider SET STATISTICS 0, ALTER COLUMN model SET STATISTICS 0,
    ALTER COLUMN resolved_model SET STATISTICS 0, ALTER COLUMN price_source SET STATISTICS 0,
    ALTER COLUMN input_tokens SET STATISTICS 0, ALTER COLUMN output_tokens SET STATISTICS 0,
    ALTER COLUMN total_tokens SET STATISTICS 0, ALTER COLUMN cache_read_input_tokens SET STATISTICS 0,
    ALTER COLUMN cache_creation_input_tokens SET STATISTICS 0, ALTER COLUMN reasoning_tokens SET STATISTICS 0,
    ALTER COLUMN input_cost SET STATISTICS 0, ALTER COLUMN output_cost SET STATISTICS 0,
    ALTER COLUMN total_cost SET STATISTICS 0, ALTER COLUMN cost_status SET STATISTICS 0,
    ALTER COLUMN price_table_version SET STATISTICS 0, ALTER COLUMN priced_at SET STATISTICS 0,
    ALTER COLUMN cache_creation_1h_input_tokens SET STATISTICS 0, ALTER COLUMN price_match SET STATISTICS 0;
