-- When a claim was stored by the span consumer and when a replica first took it for scoring: with completed_at,
-- due_at and done_at they split a trace's completion -> feedback delay into its stages (bench/run online prints them).
ALTER TABLE online_claims ADD COLUMN stored_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE online_claims ADD COLUMN claimed_at timestamptz;
