-- The run summary fold (fold_run_summary_marks, V6) looks up, for each (run, feedback) pair its marks touch, the run's
-- listed link to the feedback's trace (view run_summary_row_values). The only index on listed links starts with
-- (run_id, request_time_ms): PostgreSQL seeks it by run_id alone and filters every listed link of the run by trace_id,
-- so each pair cost as much as the run is long (a growing online run: 33 344 links read for 203 pairs at 165 links a
-- run, bench/RESULTS.md "online, session 16"). With this index both columns are index conditions: one entry a pair.
CREATE INDEX trace_run_links_listed_pairs ON trace_run_links (run_id, trace_id) WHERE listed;
