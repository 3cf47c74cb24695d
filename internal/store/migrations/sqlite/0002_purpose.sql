-- Purpose, values, strategic objectives, personal purpose, and goals that cascade.
CREATE TABLE purpose_versions (
    id          INTEGER PRIMARY KEY,
    statement   TEXT NOT NULL,
    explanation TEXT NOT NULL DEFAULT '',
    account_id  INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    author_name TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);

CREATE TABLE org_values (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    behaviours  TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE objectives (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    why             TEXT NOT NULL,
    horizon         TEXT NOT NULL DEFAULT '',
    owner_person_id INTEGER REFERENCES people (id),
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('proposed', 'active', 'achieved', 'retired')),
    position        INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

CREATE TABLE personal_purposes (
    person_id      INTEGER PRIMARY KEY REFERENCES people (id),
    statement      TEXT NOT NULL,
    share_manager  INTEGER NOT NULL DEFAULT 0 CHECK (share_manager IN (0, 1)),
    share_coach    INTEGER NOT NULL DEFAULT 0 CHECK (share_coach IN (0, 1)),
    updated_at     INTEGER NOT NULL
);

CREATE TABLE personal_values (
    person_id INTEGER NOT NULL REFERENCES people (id),
    rank      INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 5),
    value_id  INTEGER REFERENCES org_values (id),
    own_words TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (person_id, rank)
);

CREATE TABLE goals (
    id              INTEGER PRIMARY KEY,
    level           TEXT NOT NULL CHECK (level IN ('department', 'team', 'individual')),
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    owner_person_id INTEGER NOT NULL REFERENCES people (id),
    department_id   INTEGER REFERENCES departments (id),
    period          TEXT NOT NULL,
    starts_on       TEXT NOT NULL,
    ends_on         TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'on_track' CHECK (status IN ('on_track', 'at_risk', 'off_track', 'done')),
    progress        REAL NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX goals_owner ON goals (owner_person_id);
CREATE INDEX goals_period ON goals (period);
CREATE INDEX goals_department ON goals (department_id);

CREATE TABLE goal_links (
    id             INTEGER PRIMARY KEY,
    child_id       INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    parent_goal_id INTEGER REFERENCES goals (id) ON DELETE CASCADE,
    objective_id   INTEGER REFERENCES objectives (id) ON DELETE CASCADE,
    weight         REAL NOT NULL DEFAULT 1 CHECK (weight > 0),
    CHECK ((parent_goal_id IS NULL) <> (objective_id IS NULL))
);
CREATE UNIQUE INDEX goal_links_goal ON goal_links (child_id, parent_goal_id) WHERE parent_goal_id IS NOT NULL;
CREATE UNIQUE INDEX goal_links_objective ON goal_links (child_id, objective_id) WHERE objective_id IS NOT NULL;
CREATE INDEX goal_links_parent ON goal_links (parent_goal_id);
CREATE INDEX goal_links_objective_id ON goal_links (objective_id);

CREATE TABLE goal_contributors (
    goal_id   INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id),
    PRIMARY KEY (goal_id, person_id)
);
CREATE INDEX goal_contributors_person ON goal_contributors (person_id);

CREATE TABLE key_results (
    id            INTEGER PRIMARY KEY,
    goal_id       INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('measured', 'milestone')),
    start_value   REAL NOT NULL DEFAULT 0,
    target_value  REAL NOT NULL DEFAULT 0,
    current_value REAL NOT NULL DEFAULT 0,
    unit          TEXT NOT NULL DEFAULT '',
    done          INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    weight        REAL NOT NULL DEFAULT 1 CHECK (weight > 0),
    position      INTEGER NOT NULL DEFAULT 0,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX key_results_goal ON key_results (goal_id);

CREATE TABLE goal_updates (
    id          INTEGER PRIMARY KEY,
    goal_id     INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    person_id   INTEGER REFERENCES people (id),
    author_name TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('on_track', 'at_risk', 'off_track', 'done')),
    progress    REAL NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
CREATE INDEX goal_updates_goal ON goal_updates (goal_id, created_at);
