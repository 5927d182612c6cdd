-- Online scoring (README "Online scoring"): a started scorer scores a sample of an experiment's new traces.
-- One config per (experiment, scorer name); config_id is derived from both, so a stopped and restarted scorer is the
-- same config and keeps its claims.
CREATE TABLE online_configs (
    experiment_id    text NOT NULL,
    scorer_name      text NOT NULL,
    config_id        text NOT NULL UNIQUE,
    scorer_version   integer NOT NULL,
    sample_rate      double precision NOT NULL,
    filter_string    text,
    daily_budget_usd numeric,
    status           text NOT NULL,
    started_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (experiment_id, scorer_name)
);

-- One row per (trace, scorer name, scorer version) the sample selected: the primary key is what makes scoring happen
-- once whatever Kafka redelivers. PENDING until due (root span seen + grace), SCORING under a lease that its replica
-- extends while alive, then a final status.
CREATE TABLE online_claims (
    trace_id       text NOT NULL,
    scorer_name    text NOT NULL,
    scorer_version integer NOT NULL,
    config_id      text NOT NULL,
    experiment_id  text NOT NULL,
    status         text NOT NULL,
    completed_at   timestamptz NOT NULL,
    due_at         timestamptz NOT NULL,
    attempts       integer NOT NULL DEFAULT 0,
    lease_owner    text,
    lease_until    timestamptz,
    done_at        timestamptz,
    done_by        text,
    passed         boolean,
    cost_usd       numeric,
    detail         text,
    PRIMARY KEY (trace_id, scorer_name, scorer_version)
);
CREATE INDEX online_claims_due ON online_claims (due_at) WHERE status IN ('PENDING', 'SCORING');
CREATE INDEX online_claims_config_done ON online_claims (config_id, done_at) WHERE done_at IS NOT NULL;

-- Judge spend of a config per UTC day: what was spent (priced from the provider's usage) and what calls in flight
-- reserved. A call starts only when spent + reserved + its estimate stays within the daily budget.
CREATE TABLE online_spend (
    config_id         text NOT NULL,
    day               date NOT NULL,
    spent_usd         numeric NOT NULL DEFAULT 0,
    reserved_usd      numeric NOT NULL DEFAULT 0,
    scored            integer NOT NULL DEFAULT 0,
    skipped_budget    integer NOT NULL DEFAULT 0,
    budget_reached_at timestamptz,
    PRIMARY KEY (config_id, day)
);
