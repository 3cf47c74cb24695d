-- Purposeful collaboration: cross-functional initiatives, hackathons, the ideas and
-- best-practice hub, the service corps, and the skills people develop on the way. The
-- collaboration network is derived from these tables; it has none of its own.
CREATE TABLE initiatives (
    id                INTEGER PRIMARY KEY,
    title             TEXT NOT NULL,
    mission           TEXT NOT NULL DEFAULT '',
    sponsor_person_id INTEGER NOT NULL REFERENCES people (id),
    lead_person_id    INTEGER NOT NULL REFERENCES people (id),
    status            TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'active', 'paused', 'completed', 'cancelled')),
    starts_on         TEXT NOT NULL,
    ends_on           TEXT NOT NULL DEFAULT '',
    outcomes          TEXT NOT NULL DEFAULT '',
    search_key        TEXT NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX initiatives_status ON initiatives (status);
CREATE INDEX initiatives_dates ON initiatives (starts_on, ends_on);

CREATE TABLE initiative_objectives (
    initiative_id INTEGER NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    objective_id  INTEGER NOT NULL REFERENCES objectives (id) ON DELETE CASCADE,
    PRIMARY KEY (initiative_id, objective_id)
);
CREATE INDEX initiative_objectives_objective ON initiative_objectives (objective_id);

CREATE TABLE initiative_members (
    initiative_id INTEGER NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    person_id     INTEGER NOT NULL REFERENCES people (id),
    role          TEXT NOT NULL DEFAULT '',
    joined_at     INTEGER NOT NULL,
    PRIMARY KEY (initiative_id, person_id)
);
CREATE INDEX initiative_members_person ON initiative_members (person_id);

CREATE TABLE initiative_milestones (
    id            INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    due_on        TEXT NOT NULL DEFAULT '',
    done_at       INTEGER NOT NULL DEFAULT 0,
    position      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);
CREATE INDEX initiative_milestones_initiative ON initiative_milestones (initiative_id);

CREATE TABLE initiative_join_requests (
    id              INTEGER PRIMARY KEY,
    initiative_id   INTEGER NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people (id),
    message         TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
    decided_by_name TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    decided_at      INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX initiative_join_requests_pending ON initiative_join_requests (initiative_id, person_id) WHERE status = 'pending';
CREATE INDEX initiative_join_requests_person ON initiative_join_requests (person_id);

CREATE TABLE hackathons (
    id                  INTEGER PRIMARY KEY,
    title               TEXT NOT NULL,
    theme               TEXT NOT NULL,
    description         TEXT NOT NULL DEFAULT '',
    starts_on           TEXT NOT NULL,
    ends_on             TEXT NOT NULL,
    team_min            INTEGER NOT NULL CHECK (team_min >= 1),
    team_max            INTEGER NOT NULL CHECK (team_max >= team_min),
    status              TEXT NOT NULL DEFAULT 'registration' CHECK (status IN ('registration', 'hacking', 'judging', 'finished')),
    votes_close_at      INTEGER NOT NULL,
    weight_impact       REAL NOT NULL CHECK (weight_impact >= 0),
    weight_feasibility  REAL NOT NULL CHECK (weight_feasibility >= 0),
    weight_alignment    REAL NOT NULL CHECK (weight_alignment >= 0),
    weight_innovation   REAL NOT NULL CHECK (weight_innovation >= 0),
    organizer_person_id INTEGER REFERENCES people (id),
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);

CREATE TABLE hackathon_challenges (
    id           INTEGER PRIMARY KEY,
    hackathon_id INTEGER NOT NULL REFERENCES hackathons (id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    objective_id INTEGER REFERENCES objectives (id) ON DELETE SET NULL,
    position     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX hackathon_challenges_hackathon ON hackathon_challenges (hackathon_id);

CREATE TABLE hackathon_judges (
    hackathon_id INTEGER NOT NULL REFERENCES hackathons (id) ON DELETE CASCADE,
    person_id    INTEGER NOT NULL REFERENCES people (id),
    PRIMARY KEY (hackathon_id, person_id)
);

CREATE TABLE hackathon_teams (
    id                   INTEGER PRIMARY KEY,
    hackathon_id         INTEGER NOT NULL REFERENCES hackathons (id) ON DELETE CASCADE,
    name                 TEXT NOT NULL,
    name_key             TEXT NOT NULL,
    challenge_id         INTEGER REFERENCES hackathon_challenges (id) ON DELETE SET NULL,
    created_by_person_id INTEGER REFERENCES people (id),
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    UNIQUE (hackathon_id, name_key)
);

CREATE TABLE hackathon_registrations (
    hackathon_id  INTEGER NOT NULL REFERENCES hackathons (id) ON DELETE CASCADE,
    person_id     INTEGER NOT NULL REFERENCES people (id),
    team_id       INTEGER REFERENCES hackathon_teams (id) ON DELETE SET NULL,
    registered_at INTEGER NOT NULL,
    PRIMARY KEY (hackathon_id, person_id)
);
CREATE INDEX hackathon_registrations_team ON hackathon_registrations (team_id);
CREATE INDEX hackathon_registrations_person ON hackathon_registrations (person_id);

CREATE TABLE hackathon_submissions (
    id                INTEGER PRIMARY KEY,
    hackathon_id      INTEGER NOT NULL REFERENCES hackathons (id) ON DELETE CASCADE,
    team_id           INTEGER NOT NULL UNIQUE REFERENCES hackathon_teams (id) ON DELETE CASCADE,
    title             TEXT NOT NULL,
    description       TEXT NOT NULL,
    links             TEXT NOT NULL DEFAULT '',
    impact_hypothesis TEXT NOT NULL,
    place             INTEGER NOT NULL DEFAULT 0 CHECK (place BETWEEN 0 AND 3),
    audience_choice   INTEGER NOT NULL DEFAULT 0 CHECK (audience_choice IN (0, 1)),
    initiative_id     INTEGER REFERENCES initiatives (id) ON DELETE SET NULL,
    submitted_at      INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX hackathon_submissions_hackathon ON hackathon_submissions (hackathon_id);

CREATE TABLE hackathon_scores (
    submission_id   INTEGER NOT NULL REFERENCES hackathon_submissions (id) ON DELETE CASCADE,
    judge_person_id INTEGER NOT NULL REFERENCES people (id),
    impact          INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
    feasibility     INTEGER NOT NULL CHECK (feasibility BETWEEN 1 AND 5),
    alignment       INTEGER NOT NULL CHECK (alignment BETWEEN 1 AND 5),
    innovation      INTEGER NOT NULL CHECK (innovation BETWEEN 1 AND 5),
    comment         TEXT NOT NULL DEFAULT '',
    scored_at       INTEGER NOT NULL,
    PRIMARY KEY (submission_id, judge_person_id)
);

-- One audience vote per person per event: the primary key is the rule, and votes are
-- written with INSERT … ON CONFLICT DO UPDATE, so concurrent requests cannot make two.
CREATE TABLE hackathon_votes (
    hackathon_id  INTEGER NOT NULL REFERENCES hackathons (id) ON DELETE CASCADE,
    person_id     INTEGER NOT NULL REFERENCES people (id),
    submission_id INTEGER NOT NULL REFERENCES hackathon_submissions (id) ON DELETE CASCADE,
    voted_at      INTEGER NOT NULL,
    PRIMARY KEY (hackathon_id, person_id)
);
CREATE INDEX hackathon_votes_submission ON hackathon_votes (submission_id);

CREATE TABLE posts (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('idea', 'practice', 'story')),
    title           TEXT NOT NULL,
    body            TEXT NOT NULL,
    author_person_id INTEGER NOT NULL REFERENCES people (id),
    team_manager_id INTEGER REFERENCES people (id),
    objective_id    INTEGER REFERENCES objectives (id) ON DELETE SET NULL,
    status          TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'under_review', 'adopted', 'implemented', 'declined')),
    decline_reason  TEXT NOT NULL DEFAULT '',
    adopted_on      TEXT NOT NULL DEFAULT '',
    implemented_on  TEXT NOT NULL DEFAULT '',
    search_key      TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX posts_created ON posts (created_at);
CREATE INDEX posts_status ON posts (status, kind);
CREATE INDEX posts_author ON posts (author_person_id);
CREATE INDEX posts_team ON posts (team_manager_id);

CREATE TABLE post_coauthors (
    post_id   INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id),
    PRIMARY KEY (post_id, person_id)
);
CREATE INDEX post_coauthors_person ON post_coauthors (person_id);

CREATE TABLE post_tags (
    post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    tag     TEXT NOT NULL,
    PRIMARY KEY (post_id, tag)
);
CREATE INDEX post_tags_tag ON post_tags (tag);

CREATE TABLE post_votes (
    post_id    INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people (id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (post_id, person_id)
);

CREATE TABLE post_comments (
    id               INTEGER PRIMARY KEY,
    post_id          INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    parent_id        INTEGER REFERENCES post_comments (id) ON DELETE CASCADE,
    author_person_id INTEGER NOT NULL REFERENCES people (id),
    body             TEXT NOT NULL,
    created_at       INTEGER NOT NULL
);
CREATE INDEX post_comments_post ON post_comments (post_id, created_at);

CREATE TABLE post_status_changes (
    id          INTEGER PRIMARY KEY,
    post_id     INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    by_name     TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX post_status_changes_post ON post_status_changes (post_id, created_at);

CREATE TABLE practice_adoptions (
    post_id          INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    team_manager_id  INTEGER NOT NULL REFERENCES people (id),
    adopted_on       TEXT NOT NULL,
    note             TEXT NOT NULL DEFAULT '',
    recorded_by_name TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    PRIMARY KEY (post_id, team_manager_id)
);
CREATE INDEX practice_adoptions_team ON practice_adoptions (team_manager_id, adopted_on);

CREATE TABLE service_programs (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    starts_on   TEXT NOT NULL,
    ends_on     TEXT NOT NULL,
    apply_by    TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'selecting', 'running', 'closed')),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE service_projects (
    id          INTEGER PRIMARY KEY,
    program_id  INTEGER NOT NULL REFERENCES service_programs (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    place       TEXT NOT NULL,
    partner     TEXT NOT NULL,
    starts_on   TEXT NOT NULL,
    ends_on     TEXT NOT NULL,
    capacity    INTEGER NOT NULL CHECK (capacity > 0),
    skills      TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL
);
CREATE INDEX service_projects_program ON service_projects (program_id);

CREATE TABLE service_applications (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES service_projects (id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people (id),
    motivation TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'selected', 'waitlisted', 'declined', 'withdrawn')),
    created_at INTEGER NOT NULL,
    decided_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (project_id, person_id)
);
CREATE INDEX service_applications_person ON service_applications (person_id);

CREATE TABLE service_logs (
    id            INTEGER PRIMARY KEY,
    project_id    INTEGER NOT NULL REFERENCES service_projects (id) ON DELETE CASCADE,
    person_id     INTEGER NOT NULL REFERENCES people (id),
    worked_on     TEXT NOT NULL,
    hours         REAL NOT NULL CHECK (hours > 0 AND hours <= 24),
    beneficiaries INTEGER NOT NULL DEFAULT 0 CHECK (beneficiaries >= 0),
    note          TEXT NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL
);
CREATE INDEX service_logs_project ON service_logs (project_id, worked_on);
CREATE INDEX service_logs_person ON service_logs (person_id);

-- Reflections belong to their author: shared is false until the author shares one with
-- the project team and the organizers. Administrators cannot read an unshared one.
CREATE TABLE service_reflections (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES service_projects (id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people (id),
    body       TEXT NOT NULL,
    shared     INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX service_reflections_project ON service_reflections (project_id, person_id);

-- Skills a person developed, with where they came from. The development profile of the
-- leadership pillar reads them.
CREATE TABLE person_skills (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people (id),
    skill      TEXT NOT NULL,
    skill_key  TEXT NOT NULL,
    source     TEXT NOT NULL CHECK (source IN ('service', 'initiative', 'hackathon')),
    source_id  INTEGER NOT NULL DEFAULT 0,
    noted_on   TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (person_id, skill_key, source, source_id)
);
