-- The part of a span's cache writes that went to a 1-hour cache (priced at the 1-hour write rate); null when the
-- producer did not split 5-minute from 1-hour writes.
ALTER TABLE span_costs ADD COLUMN cache_creation_1h_input_tokens bigint;
