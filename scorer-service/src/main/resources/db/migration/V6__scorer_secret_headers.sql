-- V6 (V4 online scoring and V5 MLflow client records land separately).
-- Remote scorer header values (Authorization, API keys) are kept out of the scorer spec that GET and LIST return:
-- the spec stores every header value as '***' and the values live in secret_headers, read only to run the scorer.
ALTER TABLE scorers ADD COLUMN secret_headers jsonb;
UPDATE scorers
SET secret_headers = scorer -> 'remote' -> 'headers',
    scorer = jsonb_set(scorer, '{remote,headers}',
        (SELECT jsonb_object_agg(key, '***') FROM jsonb_object_keys(scorer -> 'remote' -> 'headers') AS key))
WHERE jsonb_typeof(scorer -> 'remote' -> 'headers') = 'object' AND scorer -> 'remote' -> 'headers' <> '{}'::jsonb;
-- Runs keep their request's scorer list for reference only: mask the header values there too.
UPDATE runs r
SET scorers = (SELECT jsonb_agg(CASE WHEN jsonb_typeof(s -> 'remote' -> 'headers') = 'object'
                                          AND s -> 'remote' -> 'headers' <> '{}'::jsonb
                                     THEN jsonb_set(s, '{remote,headers}',
                                          (SELECT jsonb_object_agg(key, '***')
                                           FROM jsonb_object_keys(s -> 'remote' -> 'headers') AS key))
                                     ELSE s END ORDER BY ord)
               FROM jsonb_array_elements(r.scorers) WITH ORDINALITY AS e(s, ord))
WHERE jsonb_typeof(r.scorers) = 'array' AND r.scorers::text LIKE '%"headers"%';
