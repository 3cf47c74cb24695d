-- When a personal purpose statement was first written, so the index of past periods
-- counts only the statements that existed then.
ALTER TABLE personal_purposes ADD COLUMN written_at INTEGER NOT NULL DEFAULT 0;
UPDATE personal_purposes SET written_at = updated_at;

-- The Purpose Leadership Index is precomputed per period: one run row per period, and
-- one row per middle manager with the components and their inputs as JSON. A run is
-- recomputed when it is older than its time to live, from the jobs table, so exactly
-- one server does it; a test proves a run equals a fresh computation.
CREATE TABLE index_runs (
    period      TEXT PRIMARY KEY,
    computed_at INTEGER NOT NULL,
    managers    INTEGER NOT NULL,
    weights     TEXT NOT NULL
);

CREATE TABLE index_values (
    period        TEXT NOT NULL,
    person_id     INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    department_id INTEGER NOT NULL DEFAULT 0,
    location_id   INTEGER NOT NULL DEFAULT 0,
    depth         INTEGER NOT NULL,
    has           INTEGER NOT NULL CHECK (has IN (0, 1)),
    value         REAL NOT NULL,
    coverage      INTEGER NOT NULL,
    -- Each component 0–100, NULL when missing (never zero).
    line_of_sight   REAL,
    development     REAL,
    purpose_results REAL,
    collaboration   REAL,
    team_engagement REAL,
    -- The team's latest pulse of the period: ok (shown), insufficient (below the
    -- threshold: no figure at all) or none; respondents only when ok.
    engagement_status TEXT NOT NULL CHECK (engagement_status IN ('ok', 'insufficient', 'none')),
    respondents     INTEGER NOT NULL DEFAULT 0,
    -- The facts the components were computed from (model.IndexInputs as JSON).
    inputs          TEXT NOT NULL,
    PRIMARY KEY (period, person_id)
);
CREATE INDEX index_values_person ON index_values (person_id);

-- Calibrated ratings that hr records from the calibration grid; they appear in the
-- person's review of the cycle.
CREATE TABLE calibrations (
    id            INTEGER PRIMARY KEY,
    cycle_id      INTEGER NOT NULL REFERENCES review_cycles (id) ON DELETE CASCADE,
    person_id     INTEGER NOT NULL REFERENCES people (id),
    rating        INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    results_band  TEXT NOT NULL CHECK (results_band IN ('low', 'medium', 'high', 'none')),
    purpose_band  TEXT NOT NULL CHECK (purpose_band IN ('low', 'medium', 'high', 'none')),
    reason        TEXT NOT NULL,
    by_name       TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    UNIQUE (cycle_id, person_id)
);
CREATE INDEX calibrations_person ON calibrations (person_id);

-- Whole-organization views that are too costly to compute on every page view (the
-- executive dashboard), stored as JSON by the same job that recomputes the index.
CREATE TABLE analytics_snapshots (
    name        TEXT PRIMARY KEY,
    computed_at INTEGER NOT NULL,
    body        TEXT NOT NULL
);
