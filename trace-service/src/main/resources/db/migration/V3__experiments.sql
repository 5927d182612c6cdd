-- Named experiments (MLflow's set_experiment / create_experiment / experiment tags). Experiment ids that only
-- appear in traces (ids chosen by OTLP exporters and evaluation requests) stay valid without a row here: they read
-- as experiments named after their id. Experiment "0" is MLflow's "Default".
CREATE TABLE experiments (
    experiment_id       text   PRIMARY KEY,
    name                text   NOT NULL,
    tags                jsonb  NOT NULL DEFAULT '{}',
    creation_time_ms    bigint NOT NULL,
    last_update_time_ms bigint NOT NULL
);
CREATE UNIQUE INDEX experiments_by_name ON experiments (name);

INSERT INTO experiments (experiment_id, name, creation_time_ms, last_update_time_ms)
VALUES ('0', 'Default', (extract(epoch FROM now()) * 1000)::bigint, (extract(epoch FROM now()) * 1000)::bigint);
