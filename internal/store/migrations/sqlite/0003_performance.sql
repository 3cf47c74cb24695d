-- Purpose-driven performance: the metric catalogue, observations and their history, the
-- combined results scorecards read, review cycles, check-ins and continuous feedback.
CREATE TABLE metrics (
    id                  INTEGER PRIMARY KEY,
    key                 TEXT NOT NULL UNIQUE,
    name                TEXT NOT NULL,
    perspective         TEXT NOT NULL CHECK (perspective IN ('financial', 'customer', 'people', 'impact', 'innovation', 'ethics')),
    unit                TEXT NOT NULL DEFAULT '',
    direction           TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),
    target              REAL NOT NULL,
    floor               REAL NOT NULL,
    weight              REAL NOT NULL DEFAULT 1 CHECK (weight > 0),
    combine             TEXT NOT NULL CHECK (combine IN ('sum', 'avg', 'last')),
    frequency           TEXT NOT NULL CHECK (frequency IN ('monthly', 'quarterly')),
    objective_id        INTEGER REFERENCES objectives (id) ON DELETE SET NULL,
    owner_person_id     INTEGER REFERENCES people (id),
    why                 TEXT NOT NULL DEFAULT '',
    description         TEXT NOT NULL DEFAULT '',
    scope               TEXT NOT NULL CHECK (scope IN ('all', 'department', 'named')),
    scope_department_id INTEGER REFERENCES departments (id),
    status              TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'retired')),
    position            INTEGER NOT NULL DEFAULT 0,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);
CREATE INDEX metrics_status ON metrics (status, perspective, position);

CREATE TABLE metric_managers (
    metric_id INTEGER NOT NULL REFERENCES metrics (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id),
    PRIMARY KEY (metric_id, person_id)
);
CREATE INDEX metric_managers_person ON metric_managers (person_id);

CREATE TABLE observations (
    id           INTEGER PRIMARY KEY,
    metric_id    INTEGER NOT NULL REFERENCES metrics (id) ON DELETE CASCADE,
    subject_type TEXT NOT NULL CHECK (subject_type IN ('team', 'department')),
    subject_id   INTEGER NOT NULL,
    period       TEXT NOT NULL,
    value        REAL NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('manual', 'csv', 'api', 'system', 'survey')),
    note         TEXT NOT NULL DEFAULT '',
    account_id   INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    by_name      TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    UNIQUE (metric_id, subject_type, subject_id, period)
);
CREATE INDEX observations_subject ON observations (subject_type, subject_id, period);

CREATE TABLE observation_history (
    id             INTEGER PRIMARY KEY,
    observation_id INTEGER NOT NULL REFERENCES observations (id) ON DELETE CASCADE,
    old_value      REAL NOT NULL,
    new_value      REAL NOT NULL,
    old_source     TEXT NOT NULL,
    old_note       TEXT NOT NULL DEFAULT '',
    account_id     INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    by_name        TEXT NOT NULL,
    changed_at     INTEGER NOT NULL
);
CREATE INDEX observation_history_observation ON observation_history (observation_id, id);

-- One combined value per metric, subject and scorecard period (a quarter), kept current
-- in the same transaction as every observation write, so a scorecard is one read.
-- WITHOUT ROWID on SQLite: the rows are stored in key order, and a period's scorecards
-- read one contiguous range.
CREATE TABLE metric_results (
    metric_id    INTEGER NOT NULL REFERENCES metrics (id) ON DELETE CASCADE,
    subject_type TEXT NOT NULL CHECK (subject_type IN ('team', 'department')),
    subject_id   INTEGER NOT NULL,
    period       TEXT NOT NULL,
    value        REAL NOT NULL,
    parts        INTEGER NOT NULL,
    expected     INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (period, subject_type, subject_id, metric_id)
) WITHOUT ROWID;
CREATE INDEX metric_results_metric ON metric_results (metric_id, period);

CREATE TABLE review_cycles (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    period          TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
    self_due        TEXT NOT NULL,
    manager_due     TEXT NOT NULL,
    signoff_due     TEXT NOT NULL,
    created_by_name TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    opened_at       INTEGER NOT NULL DEFAULT 0,
    closed_at       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE reviews (
    id                  INTEGER PRIMARY KEY,
    cycle_id            INTEGER NOT NULL REFERENCES review_cycles (id) ON DELETE CASCADE,
    person_id           INTEGER NOT NULL REFERENCES people (id),
    reviewer_id         INTEGER REFERENCES people (id),
    state               TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'self_review', 'manager_review', 'discussion', 'signed_off')),
    self_text           TEXT NOT NULL DEFAULT '',
    manager_text        TEXT NOT NULL DEFAULT '',
    self_submitted_at   INTEGER NOT NULL DEFAULT 0,
    manager_submitted_at INTEGER NOT NULL DEFAULT 0,
    person_signed_at    INTEGER NOT NULL DEFAULT 0,
    reviewer_signed_at  INTEGER NOT NULL DEFAULT 0,
    scorecard_snapshot  TEXT NOT NULL DEFAULT '',
    updated_at          INTEGER NOT NULL,
    UNIQUE (cycle_id, person_id)
);
CREATE INDEX reviews_person ON reviews (person_id);
CREATE INDEX reviews_reviewer ON reviews (reviewer_id);

CREATE TABLE review_actions (
    id              INTEGER PRIMARY KEY,
    review_id       INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    text            TEXT NOT NULL,
    owner_person_id INTEGER REFERENCES people (id),
    due_on          TEXT NOT NULL DEFAULT '',
    done            INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    created_at      INTEGER NOT NULL
);
CREATE INDEX review_actions_review ON review_actions (review_id);

CREATE TABLE checkin_series (
    id           INTEGER PRIMARY KEY,
    manager_id   INTEGER NOT NULL REFERENCES people (id),
    report_id    INTEGER NOT NULL REFERENCES people (id),
    cadence_days INTEGER NOT NULL CHECK (cadence_days BETWEEN 1 AND 92),
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at   INTEGER NOT NULL,
    UNIQUE (manager_id, report_id)
);
CREATE INDEX checkin_series_report ON checkin_series (report_id);

CREATE TABLE checkins (
    id           INTEGER PRIMARY KEY,
    series_id    INTEGER NOT NULL REFERENCES checkin_series (id) ON DELETE CASCADE,
    scheduled_on TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done')),
    shared_notes TEXT NOT NULL DEFAULT '',
    completed_at INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX checkins_series ON checkins (series_id, scheduled_on);

CREATE TABLE checkin_points (
    id         INTEGER PRIMARY KEY,
    checkin_id INTEGER NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
    author_id  INTEGER NOT NULL REFERENCES people (id),
    text       TEXT NOT NULL,
    goal_id    INTEGER REFERENCES goals (id) ON DELETE SET NULL,
    metric_id  INTEGER REFERENCES metrics (id) ON DELETE SET NULL,
    discussed  INTEGER NOT NULL DEFAULT 0 CHECK (discussed IN (0, 1)),
    created_at INTEGER NOT NULL
);
CREATE INDEX checkin_points_checkin ON checkin_points (checkin_id);

-- A private note is readable by its author alone: no role, page, API route or export
-- reads another person's note.
CREATE TABLE checkin_private_notes (
    checkin_id       INTEGER NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
    author_person_id INTEGER NOT NULL REFERENCES people (id),
    text             TEXT NOT NULL,
    updated_at       INTEGER NOT NULL,
    PRIMARY KEY (checkin_id, author_person_id)
);

CREATE TABLE checkin_actions (
    id                INTEGER PRIMARY KEY,
    series_id         INTEGER NOT NULL REFERENCES checkin_series (id) ON DELETE CASCADE,
    checkin_id        INTEGER NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
    origin_checkin_id INTEGER NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
    text              TEXT NOT NULL,
    owner_person_id   INTEGER NOT NULL REFERENCES people (id),
    due_on            TEXT NOT NULL DEFAULT '',
    carried           INTEGER NOT NULL DEFAULT 0,
    done_at           INTEGER NOT NULL DEFAULT 0,
    created_at        INTEGER NOT NULL
);
CREATE INDEX checkin_actions_checkin ON checkin_actions (checkin_id);
CREATE INDEX checkin_actions_owner ON checkin_actions (owner_person_id, done_at);

CREATE TABLE feedback_requests (
    id            INTEGER PRIMARY KEY,
    from_person_id INTEGER NOT NULL REFERENCES people (id),
    to_person_id   INTEGER NOT NULL REFERENCES people (id),
    message        TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'declined')),
    created_at     INTEGER NOT NULL,
    answered_at    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX feedback_requests_to ON feedback_requests (to_person_id, status);

CREATE TABLE feedback (
    id             INTEGER PRIMARY KEY,
    from_person_id INTEGER NOT NULL REFERENCES people (id),
    to_person_id   INTEGER NOT NULL REFERENCES people (id),
    visibility     TEXT NOT NULL CHECK (visibility IN ('private', 'public')),
    text           TEXT NOT NULL,
    value_id       INTEGER REFERENCES org_values (id) ON DELETE SET NULL,
    competency     TEXT NOT NULL DEFAULT '',
    request_id     INTEGER REFERENCES feedback_requests (id) ON DELETE SET NULL,
    created_at     INTEGER NOT NULL
);
CREATE INDEX feedback_to ON feedback (to_person_id, created_at);
CREATE INDEX feedback_from ON feedback (from_person_id, created_at);
CREATE INDEX feedback_public ON feedback (visibility, created_at);
