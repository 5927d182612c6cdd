-- Per-span cost ledger: one row per LLM span, upserted by span id, so a redelivered span never changes a total.
CREATE TABLE span_costs (
    span_id                     text PRIMARY KEY,
    trace_id                    text        NOT NULL,
    provider                    text,
    model                       text,
    resolved_model              text,
    price_source                text,
    input_tokens                bigint,
    output_tokens               bigint,
    total_tokens                bigint,
    cache_read_input_tokens     bigint,
    cache_creation_input_tokens bigint,
    reasoning_tokens            bigint,
    input_cost                  numeric,
    output_cost                 numeric,
    total_cost                  numeric,
    cost_status                 text        NOT NULL,
    price_table_version         text        NOT NULL,
    priced_at                   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX span_costs_trace_id_idx ON span_costs (trace_id);

-- The aggregate last computed for each trace: its version (bumped only when the content changes), a hash of the
-- content, the TraceCostEvent itself (JSON) and the highest version known to be on trace-costs (the outbox mark).
CREATE TABLE trace_cost_versions (
    trace_id          text PRIMARY KEY,
    version           bigint      NOT NULL DEFAULT 0,
    content_hash      text,
    event             text,
    published_version bigint      NOT NULL DEFAULT 0,
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX trace_cost_versions_unpublished_idx ON trace_cost_versions (trace_id) WHERE version > published_version;

-- Per-deployment price overrides set through the API; rates is a JSON object of LiteLLM fields to decimal strings.
CREATE TABLE price_overrides (
    model            text PRIMARY KEY,
    litellm_provider text,
    base_model       text,
    rates            text        NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
