-- Single sign-on attempts, and SCIM provisioning's external ids.
CREATE TABLE sso_states (
    id         TEXT PRIMARY KEY,
    nonce      TEXT NOT NULL,
    verifier   TEXT NOT NULL,
    next       TEXT NOT NULL DEFAULT '/',
    expires_at BIGINT NOT NULL
);

ALTER TABLE people ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX people_external_id ON people (external_id) WHERE external_id IS NOT NULL;
