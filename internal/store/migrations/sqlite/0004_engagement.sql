-- Engagement (issue 5): the question bank, surveys and their pulses (rounds), answers
-- kept apart from identity, action plans, and the generic jobs table.
--
-- Privacy by construction:
--   * survey_responses, survey_answers and survey_comments have no person id, no
--     timestamp and no reference to participation, members or invitations. Their ids
--     are random (chosen in Go), so neither the id nor the row order follows the order
--     in which people answered (see the comment on survey_responses).
--   * A respondent is known to answers only by survey_groups: the department, location,
--     manager's team, level and tenure band frozen when the pulse launched.
--   * survey_participation (person, pulse) only stops anyone answering twice.

CREATE TABLE survey_questions (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    dimension  TEXT NOT NULL CHECK (dimension IN ('engagement', 'purpose', 'safety', 'manager', 'inclusion', 'enps', 'comment')),
    kind       TEXT NOT NULL CHECK (kind IN ('likert', 'enps', 'comment')),
    text       TEXT NOT NULL,
    builtin    INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    in_pulse   INTEGER NOT NULL DEFAULT 0 CHECK (in_pulse IN (0, 1)),
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    position   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);

CREATE TABLE surveys (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL,
    intro         TEXT NOT NULL DEFAULT '',
    audience      TEXT NOT NULL CHECK (audience IN ('everyone', 'departments', 'locations')),
    every_weeks   INTEGER NOT NULL DEFAULT 0 CHECK (every_weeks BETWEEN 0 AND 52),
    open_days     INTEGER NOT NULL CHECK (open_days BETWEEN 1 AND 60),
    reminder_days INTEGER NOT NULL DEFAULT 0 CHECK (reminder_days BETWEEN 0 AND 30),
    status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
    account_id    INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

CREATE TABLE survey_audience (
    survey_id     INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    department_id INTEGER REFERENCES departments (id),
    location_id   INTEGER REFERENCES locations (id),
    CHECK ((department_id IS NULL) <> (location_id IS NULL))
);
CREATE INDEX survey_audience_survey ON survey_audience (survey_id);

CREATE TABLE survey_items (
    survey_id   INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES survey_questions (id),
    position    INTEGER NOT NULL,
    PRIMARY KEY (survey_id, question_id)
);

-- A round is one pulse of a survey: a one-off survey has one, a recurring pulse one
-- per period. min_group is the anonymity threshold k, frozen at launch.
CREATE TABLE survey_rounds (
    id        INTEGER PRIMARY KEY,
    survey_id INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    number    INTEGER NOT NULL,
    opens_on  TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    status    TEXT NOT NULL CHECK (status IN ('scheduled', 'open', 'closed', 'cancelled')),
    min_group INTEGER NOT NULL CHECK (min_group BETWEEN 3 AND 10),
    invited   INTEGER NOT NULL DEFAULT 0,
    reminded  INTEGER NOT NULL DEFAULT 0 CHECK (reminded IN (0, 1)),
    opened_at INTEGER NOT NULL DEFAULT 0,
    closed_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (survey_id, number)
);
CREATE INDEX survey_rounds_status ON survey_rounds (status);

-- The frozen demographic groups of a round: people who shared every attribute at launch.
-- respondents and block are written when the round closes (block: the anonymity
-- engine's partition, stored so that every later view uses the same one).
CREATE TABLE survey_groups (
    id            INTEGER PRIMARY KEY,
    round_id      INTEGER NOT NULL REFERENCES survey_rounds (id) ON DELETE CASCADE,
    department_id INTEGER REFERENCES departments (id),
    location_id   INTEGER REFERENCES locations (id),
    team_id       INTEGER REFERENCES people (id),
    path          TEXT NOT NULL,
    level         INTEGER NOT NULL,
    tenure        TEXT NOT NULL CHECK (tenure IN ('under_1', '1_to_3', '3_to_5', '5_plus', 'unknown')),
    invited       INTEGER NOT NULL,
    respondents   INTEGER NOT NULL DEFAULT 0,
    block         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX survey_groups_round ON survey_groups (round_id);

-- Who was invited to a round, and into which group they were frozen. Deleted when the
-- round closes: only the counts in survey_groups remain.
CREATE TABLE survey_members (
    round_id  INTEGER NOT NULL REFERENCES survey_rounds (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id),
    group_id  INTEGER NOT NULL REFERENCES survey_groups (id) ON DELETE CASCADE,
    PRIMARY KEY (round_id, person_id)
);

-- That a person answered a round, and nothing else: no time, no link to the answers.
CREATE TABLE survey_participation (
    round_id  INTEGER NOT NULL REFERENCES survey_rounds (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id),
    channel   TEXT NOT NULL CHECK (channel IN ('signed_in', 'link', 'import')),
    PRIMARY KEY (round_id, person_id)
);

-- Single-use links to answer without an account, by the hash of their token. Links go
-- to everyone invited, whether they answered or not, so a file of links says nothing
-- about who answered; a link of someone who answered says so when opened.
CREATE TABLE survey_invitations (
    id         INTEGER PRIMARY KEY,
    round_id   INTEGER NOT NULL REFERENCES survey_rounds (id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people (id),
    token_hash TEXT NOT NULL UNIQUE,
    used       INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1)),
    created_at INTEGER NOT NULL
);
CREATE INDEX survey_invitations_person ON survey_invitations (round_id, person_id);

-- One row per submitted questionnaire: it counts respondents per group. The primary
-- key orders rows by round, group and random id; as a WITHOUT ROWID table SQLite stores them in that order, so the file's order says nothing about when they were written.
CREATE TABLE survey_responses (
    id       INTEGER NOT NULL,
    round_id INTEGER NOT NULL REFERENCES survey_rounds (id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES survey_groups (id) ON DELETE CASCADE,
    PRIMARY KEY (round_id, group_id, id)
) WITHOUT ROWID;

-- One row per answered scale question (Likert 1-5, eNPS 0-10). A skipped question has
-- no row. Answers are not linked to their response either.
CREATE TABLE survey_answers (
    id          INTEGER NOT NULL,
    round_id    INTEGER NOT NULL REFERENCES survey_rounds (id) ON DELETE CASCADE,
    group_id    INTEGER NOT NULL REFERENCES survey_groups (id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES survey_questions (id),
    value       INTEGER NOT NULL CHECK (value BETWEEN 0 AND 10),
    PRIMARY KEY (round_id, group_id, question_id, value, id)
) WITHOUT ROWID;

CREATE TABLE survey_comments (
    id          INTEGER NOT NULL,
    round_id    INTEGER NOT NULL REFERENCES survey_rounds (id) ON DELETE CASCADE,
    group_id    INTEGER NOT NULL REFERENCES survey_groups (id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES survey_questions (id),
    body        TEXT NOT NULL,
    PRIMARY KEY (round_id, group_id, id)
) WITHOUT ROWID;

-- The answers of a closed round summed per anonymity block, one row per block:
-- tallies is JSON, {"question id": [answers of value 0, 1, …, 10]}. Every figure
-- Throughline shows is a sum over whole blocks, so results read these few rows instead
-- of every answer. Written when the round closes, with the blocks.
CREATE TABLE survey_block_tallies (
    round_id INTEGER NOT NULL REFERENCES survey_rounds (id) ON DELETE CASCADE,
    block    INTEGER NOT NULL,
    tallies  TEXT NOT NULL,
    PRIMARY KEY (round_id, block)
);

-- Team results of a closed round, as the anonymity engine allowed them: the feed of the
-- engagement and eNPS observations on managers' scorecards. A team below the threshold
-- is recorded as insufficient, with no figures.
CREATE TABLE survey_team_results (
    round_id    INTEGER NOT NULL REFERENCES survey_rounds (id) ON DELETE CASCADE,
    manager_id  INTEGER NOT NULL REFERENCES people (id),
    period      TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('ok', 'insufficient')),
    respondents INTEGER,
    engagement  REAL,
    enps        REAL,
    PRIMARY KEY (round_id, manager_id)
);
CREATE INDEX survey_team_results_manager ON survey_team_results (manager_id);

CREATE TABLE action_plans (
    id          INTEGER PRIMARY KEY,
    round_id    INTEGER NOT NULL REFERENCES survey_rounds (id) ON DELETE CASCADE,
    manager_id  INTEGER NOT NULL REFERENCES people (id),
    note        TEXT NOT NULL DEFAULT '',
    account_id  INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    author_name TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (round_id, manager_id)
);
CREATE INDEX action_plans_manager ON action_plans (manager_id);

CREATE TABLE action_plan_focus (
    plan_id   INTEGER NOT NULL REFERENCES action_plans (id) ON DELETE CASCADE,
    dimension TEXT NOT NULL CHECK (dimension IN ('engagement', 'purpose', 'safety', 'manager', 'inclusion', 'enps')),
    PRIMARY KEY (plan_id, dimension)
);

CREATE TABLE action_items (
    id              INTEGER PRIMARY KEY,
    plan_id         INTEGER NOT NULL REFERENCES action_plans (id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    owner_person_id INTEGER REFERENCES people (id),
    due_on          TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
    position        INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX action_items_plan ON action_items (plan_id);

-- Scheduled work, claimed from the table so that exactly one server runs each job when
-- several share a database. A running job whose lease (locked_until) has expired is
-- claimed again.
CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    dedupe_key   TEXT UNIQUE,
    payload      TEXT NOT NULL DEFAULT '{}',
    run_at       INTEGER NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed', 'cancelled')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 5,
    locked_by    TEXT NOT NULL DEFAULT '',
    locked_until INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    finished_at  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX jobs_due ON jobs (status, run_at);

-- The built-in question bank, in our own words. in_pulse marks the short default pulse:
-- two statements per dimension, the eNPS question and one open question.
INSERT INTO survey_questions (key, dimension, kind, text, builtin, in_pulse, position, created_at) VALUES
('eng_energy', 'engagement', 'likert', 'Most weeks, my work gives me more energy than it takes.', TRUE, TRUE, 10, 0),
('eng_proud', 'engagement', 'likert', 'I am proud to tell people where I work.', TRUE, TRUE, 11, 0),
('eng_stay', 'engagement', 'likert', 'I can see myself still working here two years from now.', TRUE, FALSE, 12, 0),
('eng_extra', 'engagement', 'likert', 'I am willing to go the extra mile when the work calls for it.', TRUE, FALSE, 13, 0),
('pur_contribute', 'purpose', 'likert', 'I can explain how my daily work contributes to our organization''s purpose.', TRUE, TRUE, 20, 0),
('pur_real', 'purpose', 'likert', 'Our purpose shows up in the decisions we make, not only on the walls.', TRUE, TRUE, 21, 0),
('pur_goals', 'purpose', 'likert', 'I understand how my team''s goals connect to what the organization is trying to achieve.', TRUE, FALSE, 22, 0),
('pur_tradeoff', 'purpose', 'likert', 'When short-term numbers and our purpose pull apart, we talk about it openly.', TRUE, FALSE, 23, 0),
('saf_mistakes', 'safety', 'likert', 'I can admit a mistake on my team without it being held against me.', TRUE, TRUE, 30, 0),
('saf_disagree', 'safety', 'likert', 'It is safe to disagree with how things are done on my team.', TRUE, TRUE, 31, 0),
('saf_help', 'safety', 'likert', 'People on my team ask each other for help without hesitation.', TRUE, FALSE, 32, 0),
('mgr_feedback', 'manager', 'likert', 'My manager gives me feedback that helps me get better at my work.', TRUE, TRUE, 40, 0),
('mgr_why', 'manager', 'likert', 'My manager explains the reasons behind decisions that affect me.', TRUE, TRUE, 41, 0),
('mgr_growth', 'manager', 'likert', 'My manager cares about my wellbeing and my growth, not only my output.', TRUE, FALSE, 42, 0),
('mgr_time', 'manager', 'likert', 'My manager makes time to talk about the things that matter to me.', TRUE, FALSE, 43, 0),
('inc_fair', 'inclusion', 'likert', 'People here are treated fairly, whoever they are and wherever they come from.', TRUE, TRUE, 50, 0),
('inc_self', 'inclusion', 'likert', 'I can be myself at work without worrying about how I will be received.', TRUE, TRUE, 51, 0),
('inc_voices', 'inclusion', 'likert', 'On my team, different points of view are asked for and taken seriously.', TRUE, FALSE, 52, 0),
('enps', 'enps', 'enps', 'How likely is it that you would recommend this organization to a friend as a place to work?', TRUE, TRUE, 60, 0),
('cmt_better', 'comment', 'comment', 'What is one thing that would make your work here better?', TRUE, TRUE, 70, 0),
('cmt_keep', 'comment', 'comment', 'What should we keep doing, because it works?', TRUE, FALSE, 71, 0);
