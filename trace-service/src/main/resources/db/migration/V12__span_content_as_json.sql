-- A span's content (attributes, inputs, outputs, events, llm) is written once and only ever read back whole, as text:
-- no statement, index or filter looks inside it (the span read casts attributes to jsonb to add the trace's costs).
-- As jsonb, PostgreSQL parsed and rebuilt every value on insert: the spans insert took 14.7-15.7 µs of backend CPU a
-- span of the ingestion bench's shape, as json (validated, kept as the text the record carried) 10.2-12.1
-- (bench/RESULTS.md, issue 16 items 1-2). What a client reads is unchanged: the API parses the stored text into
-- trees, so a key given twice keeps its last value either way, and escapes and numbers read the same; only the order
-- of keys inside inputs, outputs, events and llm is now the client's own, where jsonb sorted them (attributes are
-- still served in jsonb's order, through the cast).
--
-- The ALTER rewrites the table and its primary key under an ACCESS EXCLUSIVE lock, held until the migration commits:
-- span inserts and trace reads of every replica wait for it (322 000 spans of the bench's shape took 6.3 s on a loaded
-- 2-core machine, so about 20 s per million spans; the table shrank 150 -> 133 MB). On a large table, upgrade in a
-- quiet period: the consumers catch up from Kafka afterwards, reads wait or time out meanwhile.
--
-- Rolling upgrade: a replica of the previous version keeps working against the new columns. Its insert casts each
-- value to jsonb and the column is json: pg_cast's jsonb -> json is an assignment cast (castcontext 'a', I/O), applied
-- on insert. Its span read merges the costs into the attributes with jsonb's ||, which has no json || jsonb form: the
-- operator below gives it one (the jsonb concatenation of the attributes as jsonb), so that read keeps working until
-- the replica is replaced. This version does not use it; a later migration may drop it.
ALTER TABLE spans
    ALTER COLUMN attributes TYPE json,
    ALTER COLUMN inputs TYPE json,
    ALTER COLUMN outputs TYPE json,
    ALTER COLUMN events TYPE json,
    ALTER COLUMN llm TYPE json;
ALTER TABLE spans
    ALTER COLUMN attributes SET DEFAULT '{}'::json,
    ALTER COLUMN events SET DEFAULT '[]'::json;

CREATE FUNCTION json_concat_jsonb(json, jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT $1::jsonb || $2 $$;
CREATE OPERATOR || (LEFTARG = json, RIGHTARG = jsonb, FUNCTION = json_concat_jsonb);
