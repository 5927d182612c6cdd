-- The scorer registry of scorer-service (schema scoring): every registration of a name in an experiment is a new
-- version (MLflow's register_scorer); a version is never changed, only deleted.
CREATE TABLE scorers (
    experiment_id  text        NOT NULL,
    name           text        NOT NULL,
    version        integer     NOT NULL CHECK (version > 0),
    description    text,
    scorer         jsonb       NOT NULL,
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (experiment_id, name, version)
);
