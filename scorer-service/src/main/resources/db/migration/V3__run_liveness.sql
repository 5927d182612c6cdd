-- Runs execute in the instance that accepted them (owner = its host name, unique per Kubernetes pod). The owner
-- stamps heartbeat_at of its RUNNING runs on a schedule; any instance fails RUNNING runs whose owner stopped
-- stamping them (a pod that was killed and replaced under another name). A cancel may reach any instance: it sets
-- cancel_requested and the owner picks it up with its next heartbeat.
ALTER TABLE runs ADD COLUMN heartbeat_at timestamptz;
ALTER TABLE runs ADD COLUMN cancel_requested boolean NOT NULL DEFAULT false;
UPDATE runs SET heartbeat_at = now() WHERE status = 'RUNNING';
