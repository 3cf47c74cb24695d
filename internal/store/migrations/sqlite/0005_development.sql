-- Leadership development (issue 6): programs of modules and the cohorts that run them,
-- progress, workshops and registrations, personal calendar feeds, coaching, the private
-- journal, 360 assessments of the competencies, and development plans.
--
-- Privacy by construction:
--   * journal_entries are read by their author alone, and an entry shared with a coach by
--     that coach (shared_with_id); core has no other way in, for any role.
--   * coaching_notes are read and written by the session's coach alone.
--   * assessment_tallies hold 360 ratings as counts per assessment, relation, competency
--     and level: no row per answer, no person, no time. assessment_raters says who was
--     asked and whether they answered, never what. Direct reports' counts are shown only
--     through the anonymity engine; see core/assessment.go.
--   * dev_completions keeps a dilemma's choice (option_id) for the participant's own
--     view; facilitators see counts per option, and only from three answers.
--   * calendar_feeds keeps only the hash of a feed's secret token.

CREATE TABLE dev_programs (
    id             INTEGER PRIMARY KEY,
    key            TEXT UNIQUE,
    title          TEXT NOT NULL,
    summary        TEXT NOT NULL DEFAULT '',
    audience       TEXT NOT NULL DEFAULT '',
    builtin        INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    copied_from_id INTEGER REFERENCES dev_programs (id) ON DELETE SET NULL,
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);

CREATE TABLE dev_modules (
    id         INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES dev_programs (id) ON DELETE CASCADE,
    key        TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('lesson', 'workshop', 'coaching', 'reflection', 'assessment', 'action_project')),
    title      TEXT NOT NULL,
    body       TEXT NOT NULL DEFAULT '',
    prompt     TEXT NOT NULL DEFAULT '',
    required   INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0, 1)),
    due_days   INTEGER NOT NULL DEFAULT 0 CHECK (due_days BETWEEN 0 AND 730),
    due_on     TEXT NOT NULL DEFAULT '',
    competency TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE INDEX dev_modules_program ON dev_modules (program_id, position);
CREATE UNIQUE INDEX dev_modules_key ON dev_modules (key) WHERE key <> '';

CREATE TABLE dev_module_prereqs (
    module_id   INTEGER NOT NULL REFERENCES dev_modules (id) ON DELETE CASCADE,
    requires_id INTEGER NOT NULL REFERENCES dev_modules (id) ON DELETE CASCADE,
    PRIMARY KEY (module_id, requires_id),
    CHECK (module_id <> requires_id)
);
CREATE INDEX dev_module_prereqs_requires ON dev_module_prereqs (requires_id);

-- The options of a dilemma (a reflection module with choices).
CREATE TABLE dev_module_options (
    id        INTEGER PRIMARY KEY,
    module_id INTEGER NOT NULL REFERENCES dev_modules (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    label     TEXT NOT NULL
);
CREATE INDEX dev_module_options_module ON dev_module_options (module_id);

CREATE TABLE dev_cohorts (
    id         INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES dev_programs (id),
    name       TEXT NOT NULL,
    starts_on  TEXT NOT NULL,
    ends_on    TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    CHECK (ends_on >= starts_on)
);
CREATE INDEX dev_cohorts_program ON dev_cohorts (program_id);

CREATE TABLE dev_cohort_members (
    cohort_id INTEGER NOT NULL REFERENCES dev_cohorts (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id),
    role      TEXT NOT NULL CHECK (role IN ('participant', 'facilitator')),
    added_at  INTEGER NOT NULL,
    PRIMARY KEY (cohort_id, person_id)
);
CREATE INDEX dev_cohort_members_person ON dev_cohort_members (person_id);

-- A participant's completed modules, and how each was recorded.
CREATE TABLE dev_completions (
    cohort_id    INTEGER NOT NULL REFERENCES dev_cohorts (id) ON DELETE CASCADE,
    person_id    INTEGER NOT NULL REFERENCES people (id),
    module_id    INTEGER NOT NULL REFERENCES dev_modules (id) ON DELETE CASCADE,
    option_id    INTEGER REFERENCES dev_module_options (id) ON DELETE SET NULL,
    recorded_by  TEXT NOT NULL DEFAULT 'self' CHECK (recorded_by IN ('self', 'facilitator', 'attendance')),
    completed_at INTEGER NOT NULL,
    PRIMARY KEY (cohort_id, person_id, module_id)
);
CREATE INDEX dev_completions_person ON dev_completions (person_id);

-- Action projects: the plan, and the outcome report linked to a goal or a metric. Read by
-- the participant, the cohort's facilitators, hr and admin.
CREATE TABLE dev_action_projects (
    cohort_id    INTEGER NOT NULL REFERENCES dev_cohorts (id) ON DELETE CASCADE,
    person_id    INTEGER NOT NULL REFERENCES people (id),
    module_id    INTEGER NOT NULL REFERENCES dev_modules (id) ON DELETE CASCADE,
    plan         TEXT NOT NULL DEFAULT '',
    outcome      TEXT NOT NULL DEFAULT '',
    goal_id      INTEGER REFERENCES goals (id) ON DELETE SET NULL,
    metric_id    INTEGER REFERENCES metrics (id) ON DELETE SET NULL,
    submitted_at INTEGER NOT NULL DEFAULT 0,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (cohort_id, person_id, module_id)
);

CREATE TABLE journal_entries (
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER NOT NULL REFERENCES people (id),
    module_id      INTEGER REFERENCES dev_modules (id) ON DELETE SET NULL,
    cohort_id      INTEGER REFERENCES dev_cohorts (id) ON DELETE SET NULL,
    prompt         TEXT NOT NULL DEFAULT '',
    body           TEXT NOT NULL,
    shared_with_id INTEGER REFERENCES people (id),
    shared_at      INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX journal_entries_person ON journal_entries (person_id, created_at);
CREATE INDEX journal_entries_shared ON journal_entries (shared_with_id) WHERE shared_with_id IS NOT NULL;

-- Workshop sessions. registered counts the registrations: a registration raises it only
-- while it is below capacity (one conditional UPDATE, so two people can never take the
-- last seat), and the CHECK makes overbooking impossible even for a bug.
CREATE TABLE workshop_sessions (
    id             INTEGER PRIMARY KEY,
    cohort_id      INTEGER REFERENCES dev_cohorts (id) ON DELETE CASCADE,
    module_id      INTEGER REFERENCES dev_modules (id) ON DELETE SET NULL,
    title          TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    starts_at      INTEGER NOT NULL,
    ends_at        INTEGER NOT NULL,
    place          TEXT NOT NULL DEFAULT '',
    video_url      TEXT NOT NULL DEFAULT '',
    capacity       INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
    registered     INTEGER NOT NULL DEFAULT 0,
    facilitator_id INTEGER REFERENCES people (id),
    created_at     INTEGER NOT NULL,
    CHECK (ends_at > starts_at),
    CHECK (registered BETWEEN 0 AND capacity)
);
CREATE INDEX workshop_sessions_starts ON workshop_sessions (starts_at);
CREATE INDEX workshop_sessions_cohort ON workshop_sessions (cohort_id);

CREATE TABLE workshop_registrations (
    session_id    INTEGER NOT NULL REFERENCES workshop_sessions (id) ON DELETE CASCADE,
    person_id     INTEGER NOT NULL REFERENCES people (id),
    attendance    TEXT NOT NULL DEFAULT 'unknown' CHECK (attendance IN ('unknown', 'present', 'absent')),
    registered_at INTEGER NOT NULL,
    PRIMARY KEY (session_id, person_id)
);
CREATE INDEX workshop_registrations_person ON workshop_registrations (person_id);

-- A person's calendar feed: only the hash of its secret token. A new token replaces the
-- old one, which stops working at once.
CREATE TABLE calendar_feeds (
    person_id  INTEGER PRIMARY KEY REFERENCES people (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

CREATE TABLE coaching_assignments (
    id         INTEGER PRIMARY KEY,
    coach_id   INTEGER NOT NULL REFERENCES people (id),
    coachee_id INTEGER NOT NULL REFERENCES people (id),
    focus      TEXT NOT NULL DEFAULT '',
    started_on TEXT NOT NULL,
    ended_on   TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    CHECK (coach_id <> coachee_id)
);
CREATE UNIQUE INDEX coaching_assignments_active ON coaching_assignments (coach_id, coachee_id) WHERE ended_on = '';
CREATE INDEX coaching_assignments_coachee ON coaching_assignments (coachee_id);

CREATE TABLE coaching_sessions (
    id            INTEGER PRIMARY KEY,
    assignment_id INTEGER NOT NULL REFERENCES coaching_assignments (id) ON DELETE CASCADE,
    starts_at     INTEGER NOT NULL,
    ends_at       INTEGER NOT NULL,
    place         TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'held', 'cancelled')),
    created_at    INTEGER NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX coaching_sessions_assignment ON coaching_sessions (assignment_id, starts_at);

-- The coach's note on a session: read and written by that coach alone.
CREATE TABLE coaching_notes (
    session_id INTEGER PRIMARY KEY REFERENCES coaching_sessions (id) ON DELETE CASCADE,
    coach_id   INTEGER NOT NULL REFERENCES people (id),
    body       TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE coaching_commitments (
    id            INTEGER PRIMARY KEY,
    assignment_id INTEGER NOT NULL REFERENCES coaching_assignments (id) ON DELETE CASCADE,
    text          TEXT NOT NULL,
    owner         TEXT NOT NULL CHECK (owner IN ('coachee', 'coach')),
    due_on        TEXT NOT NULL DEFAULT '',
    done          INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    created_at    INTEGER NOT NULL
);
CREATE INDEX coaching_commitments_assignment ON coaching_commitments (assignment_id);

-- A 360 assessment of one person. min_group is the anonymity threshold k, frozen at
-- launch; results exist only once it is closed.
CREATE TABLE assessments (
    id         INTEGER PRIMARY KEY,
    subject_id INTEGER NOT NULL REFERENCES people (id),
    title      TEXT NOT NULL,
    opens_on   TEXT NOT NULL,
    closes_on  TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    min_group  INTEGER NOT NULL CHECK (min_group BETWEEN 3 AND 10),
    created_at INTEGER NOT NULL,
    closed_at  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX assessments_subject ON assessments (subject_id, status);

-- Who was asked to rate, as what, and whether they answered; never what they said.
CREATE TABLE assessment_raters (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    person_id     INTEGER NOT NULL REFERENCES people (id),
    relation      TEXT NOT NULL CHECK (relation IN ('self', 'manager', 'peer', 'report')),
    answered      INTEGER NOT NULL DEFAULT 0 CHECK (answered IN (0, 1)),
    PRIMARY KEY (assessment_id, person_id)
) WITHOUT ROWID;
CREATE INDEX assessment_raters_person ON assessment_raters (person_id);

-- The ratings as counts: how many raters of a relation gave a competency each level.
-- An answer adds one to a count; there is no row per answer, no person and no time. The
-- table is stored in key order (SQLite: WITHOUT ROWID), and on PostgreSQL closing
-- rewrites the rows in random order in one statement, so nothing physical follows the
-- order of answering.
CREATE TABLE assessment_tallies (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    relation      TEXT NOT NULL CHECK (relation IN ('self', 'manager', 'peer', 'report')),
    competency    TEXT NOT NULL,
    level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    n             INTEGER NOT NULL CHECK (n > 0),
    PRIMARY KEY (assessment_id, relation, competency, level)
) WITHOUT ROWID;

-- A development plan: a competency turned into a goal, linked to a module that develops it.
CREATE TABLE dev_plan_items (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people (id),
    competency TEXT NOT NULL,
    goal_id    INTEGER REFERENCES goals (id) ON DELETE SET NULL,
    module_id  INTEGER REFERENCES dev_modules (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX dev_plan_items_person ON dev_plan_items (person_id);

-- A random name for this installation, used in the UIDs of calendar events so that they
-- stay unique and stable (RFC 5545 §3.8.4.7). This statement differs between engines.
INSERT INTO settings (key, value) VALUES ('calendar_uid', lower(hex(randomblob(8)))) ON CONFLICT (key) DO NOTHING;

-- The built-in curriculum, in our own words (identical in both engines' files). Each
-- program and module has a key; copies made by admins have none, so the keys stay
-- unique and a later migration can find what it changes.

INSERT INTO dev_programs (key, title, summary, audience, builtin, active, created_at, updated_at) VALUES
('purpose_discovery', 'Purpose Discovery', 'Find the words for what you are here to do, name the values you lead by, and trace the line from the organization''s purpose to your team''s Monday morning.', 'Middle managers in their first year of the program', TRUE, TRUE, 0, 0);
INSERT INTO dev_modules (program_id, key, position, kind, title, body, prompt, required, due_days, competency, created_at)
SELECT p.id, m.column1, m.column2, m.column3, m.column4, m.column5, m.column6, m.column7, m.column8, m.column9, 0
FROM dev_programs p, (VALUES
('pd_welcome', 1, 'lesson', 'Why purpose matters in the middle', 'Executives write the purpose. Teams do the work. In between sit you: the manager who decides, a hundred times a week, whether the purpose shows up in what gets done.

## What this program asks of you

Over the coming weeks you will:

1. **Write a personal purpose statement**: a sentence or two about the difference you want to make through your work.
2. **Name your values**: the few principles you hold to when a decision gets hard.
3. **Trace your line of sight**: how the organization''s purpose reaches your team''s goals, and where the line breaks.

## Why it is worth the time

People follow leaders who know why they lead. A manager who can say, in plain words, why the work matters gives the team a way to choose between priorities without asking permission every time. And a manager who knows their own purpose notices sooner when a target and a value pull apart.

None of this is about finding the perfect sentence. It is about thinking clearly enough that the next difficult call is a little easier.

> Take ten quiet minutes before you move on. What brought you into management, and what keeps you there?', '', TRUE, 7, 'communicating_purpose'),
('pd_story', 2, 'reflection', 'Moments that shaped you', 'Purpose is rarely invented; it is usually noticed. Looking back at a few moments that mattered is the quickest way to see what you care about.

Think of two or three moments in your working life when you felt most useful, or most frustrated. What was at stake for you?', 'Describe two moments from your working life when you felt most useful or most frustrated. What do they have in common, and what does that say about what you care about?', TRUE, 14, 'communicating_purpose'),
('pd_statement', 3, 'lesson', 'Drafting your purpose statement', 'A useful purpose statement is short, personal and active. It says what you do, for whom, and why it matters to you.

## A simple shape

*I [do what] so that [who] can [what changes], because [why it matters to me].*

For example:

- *I build teams where people can say what they really think, so that problems surface while they are still small, because I have seen what silence costs.*
- *I turn complicated plans into work people can see the point of, so that our customers get what we promised, because I like keeping my word.*

## Test your draft

- Would someone who works with you recognise you in it?
- Does it help you choose between two good options?
- Can you say it out loud without wincing?

When you have a draft you can live with, save it on the **Your purpose** page. You decide whether your manager or your coach may read it; no one else can.', 'Save your statement on the Your purpose page, then mark this lesson as done.', TRUE, 21, 'communicating_purpose'),
('pd_values', 4, 'reflection', 'Your values in practice', 'Values on a wall mean little. Values show when holding to them costs something: time, a target, a comfortable silence.

Choose your top values on the **Your purpose** page. Throughline shows how they overlap with the organization''s values; overlap is not the goal, honesty is.', 'Pick one of your top values. Describe a recent decision where it was tested. What did you do, and what did it cost or gain you?', TRUE, 28, 'ethical_judgement'),
('pd_sight', 5, 'lesson', 'Line of sight: from purpose to Monday morning', 'Line of sight is the chain that links the organization''s purpose to strategic objectives, to your department''s goals, to your team''s goals, and finally to what each person does this week.

## Walk the chain

Open the **Line of sight** page. For each of your team''s goals, ask:

- Which objective does it serve? Can you say how, in one sentence?
- Which goals serve no objective at all? Are they still worth doing?
- Which objective has nobody on your team working towards it, though it should?

## Where the line breaks

Lines usually break in one of three places: a goal that was carried over from last year without a reason; an objective that sounds important but never reaches a team; or a metric that rewards the opposite of the purpose. Write down the break you find. You will use it in the action project of *Purpose in Practice*.', '', TRUE, 35, 'communicating_purpose'),
('pd_workshop', 6, 'workshop', 'Purpose circle', 'A facilitated session of two hours. In groups of four, each manager reads their purpose statement aloud and tells the story behind it. The others ask only questions, no advice. You leave with sharper words and three colleagues who know what you are trying to do.

Register for a session of your cohort on the workshop calendar.', '', TRUE, 42, 'communicating_purpose'),
('pd_coaching', 7, 'coaching', 'A coaching conversation about your purpose', 'Book a session with your coach to talk through your statement and your values. If you wish, share the reflections you wrote in this program with your coach beforehand; they see only what you choose to share.', '', FALSE, 49, 'developing_others'),
('pd_closing', 8, 'reflection', 'What changes on Monday?', 'Close the program by deciding one thing you will do differently, starting next week.', 'Name one habit you will start, stop or change in how you lead your team, and how your team will notice.', TRUE, 56, 'communicating_purpose')
) AS m
WHERE p.key = 'purpose_discovery';
INSERT INTO dev_module_prereqs (module_id, requires_id)
SELECT m.id, r.id FROM (VALUES ('pd_story', 'pd_welcome'), ('pd_statement', 'pd_story'), ('pd_values', 'pd_statement'), ('pd_sight', 'pd_welcome'), ('pd_workshop', 'pd_statement'), ('pd_coaching', 'pd_statement'), ('pd_closing', 'pd_values'), ('pd_closing', 'pd_sight')) AS x
JOIN dev_modules m ON m.key = x.column1 JOIN dev_modules r ON r.key = x.column2;

INSERT INTO dev_programs (key, title, summary, audience, builtin, active, created_at, updated_at) VALUES
('empathy_ei', 'Leading with Empathy and Emotional Intelligence', 'Understand what your people feel and need, notice your own reactions before they decide for you, and practise the conversations most managers avoid.', 'Middle managers', TRUE, TRUE, 0, 0);
INSERT INTO dev_modules (program_id, key, position, kind, title, body, prompt, required, due_days, competency, created_at)
SELECT p.id, m.column1, m.column2, m.column3, m.column4, m.column5, m.column6, m.column7, m.column8, m.column9, 0
FROM dev_programs p, (VALUES
('ei_intro', 1, 'lesson', 'Empathy is a skill, not a temperament', 'Some managers seem to read people effortlessly. Most of what they do can be learned.

## Three kinds of empathy

- **Cognitive**: understanding how someone sees a situation.
- **Emotional**: feeling something of what they feel.
- **Compassionate**: being moved to help, in a way that actually helps.

Managers need all three, in the right measure. Cognitive empathy without care can become manipulation; emotional empathy without boundaries leads to exhaustion; compassion without understanding leads to help nobody asked for.

## Empathy and performance are not opposites

Understanding why someone is struggling is the fastest route to fixing the problem. Empathy does not mean lowering the bar; it means knowing what it will take for this person to clear it.', '', TRUE, 7, 'empathy'),
('ei_assess', 2, 'assessment', 'Baseline: self and 360 assessment', 'Rate yourself on the six leadership competencies, and invite your manager, peers and direct reports to do the same. Your direct reports'' ratings are anonymous: you see them only when enough of them have answered, and never one person''s answer.

Start your 360 from the **Assessments** page. This module is done when you have submitted your own ratings.', '', TRUE, 14, 'emotional_intelligence'),
('ei_weather', 3, 'lesson', 'Noticing your own weather', 'Your mood is the team''s weather. A manager who arrives tense changes the conversations of everyone they meet, usually without knowing it.

## Catch it early

Emotions announce themselves in the body before they reach words: a tight jaw, a faster reply, the urge to interrupt. Learn your early signs. When you notice one, name the feeling to yourself ("I am irritated because this is the third delay") and decide what to do with it, rather than letting it decide.

## Repair quickly

Everyone misfires. What matters is repair: "I was short with you this morning, and that was about my day, not your work." A quick, specific repair builds more trust than never slipping.

## Try this for a week

At the end of each day, note one moment when your reaction shaped a conversation. What did you feel, what did you do, and what would you do next time?', '', TRUE, 21, 'emotional_intelligence'),
('ei_listening', 4, 'lesson', 'Listening to understand', 'Most of us listen in order to reply. Listening to understand is slower and pays back more.

## Four habits

1. **Let them finish.** Count to two after they stop; often the important part comes next.
2. **Reflect before you respond.** "So the deadline is not the problem; it is that nobody asked you." If you are wrong, they will correct you, and you both learn.
3. **Ask about feelings and needs, not only facts.** "What worries you most about this?"
4. **Resist fixing.** Ask "Do you want ideas, or do you want to think it through?"

## When you disagree

Understanding is not agreement. You can show someone you have understood their view exactly and still decide otherwise; they will accept the decision far more readily.', '', TRUE, 28, 'empathy'),
('ei_conversation', 5, 'reflection', 'A conversation you have been avoiding', 'Every manager carries at least one conversation they have been putting off. Preparing it on paper takes the heat out of it.', 'Describe a conversation you have been avoiding. What do you feel about it, what might the other person feel, and what would a good outcome look like for both of you?', TRUE, 35, 'emotional_intelligence'),
('ei_workshop', 6, 'workshop', 'Practice lab: difficult conversations', 'A three-hour practice session in trios: one manager holds a conversation they have prepared, one plays the other person, one observes and gives feedback. Everyone plays every part.', '', TRUE, 42, 'empathy'),
('ei_coaching', 7, 'coaching', 'Coaching: after the conversation', 'After you have held the conversation you prepared, talk it through with your coach: what happened, what you noticed in yourself, and what you would keep.', '', FALSE, 56, 'developing_others'),
('ei_closing', 8, 'reflection', 'What I learned about my reactions', 'Look back over the program and your week of noticing.', 'What pattern did you notice in your own reactions, and what will you do the next time it appears?', TRUE, 63, 'emotional_intelligence')
) AS m
WHERE p.key = 'empathy_ei';
INSERT INTO dev_module_prereqs (module_id, requires_id)
SELECT m.id, r.id FROM (VALUES ('ei_assess', 'ei_intro'), ('ei_weather', 'ei_intro'), ('ei_listening', 'ei_weather'), ('ei_conversation', 'ei_listening'), ('ei_workshop', 'ei_conversation'), ('ei_coaching', 'ei_workshop'), ('ei_closing', 'ei_workshop')) AS x
JOIN dev_modules m ON m.key = x.column1 JOIN dev_modules r ON r.key = x.column2;

INSERT INTO dev_programs (key, title, summary, audience, builtin, active, created_at, updated_at) VALUES
('ethical_decisions', 'Ethical Decision-Making', 'Work through real dilemmas of middle management: choose what you would do, explain why, and see how your cohort decided.', 'Middle managers', TRUE, TRUE, 0, 0);
INSERT INTO dev_modules (program_id, key, position, kind, title, body, prompt, required, due_days, competency, created_at)
SELECT p.id, m.column1, m.column2, m.column3, m.column4, m.column5, m.column6, m.column7, m.column8, m.column9, 0
FROM dev_programs p, (VALUES
('eth_intro', 1, 'lesson', 'Everyday ethics for managers', 'Most ethical decisions at work do not look like ethics. They look like a deadline, a target, a favour, a silence. This program gives you a few questions to slow down with, then six dilemmas to practise on.

## Five questions for a close call

1. **Who is affected?** List the people who carry the consequences, especially those not in the room.
2. **What are my obligations?** To the law, to our policies, to promises made, to the people I lead.
3. **What would happen if everyone did this?** A choice that only works because others do not make it is a warning sign.
4. **Could I explain it in public?** Imagine telling your team, your family, or a journalist exactly what you did and why.
5. **What does our purpose say?** If the organization''s purpose is real, it should help with exactly this kind of decision.

## About the dilemmas

Each dilemma asks what you would do and why. There is not always one right answer; there are better and worse reasons. Your reasoning goes into your private journal. Your facilitator sees only how the cohort chose, in total, and never before at least three people have answered.', '', TRUE, 7, 'ethical_judgement'),
('eth_d1', 2, 'reflection', 'Dilemma 1: The numbers at quarter end', 'It is the last week of the quarter. Your team is two percent short of its sales target, and the bonus of everyone on the team depends on it. A senior team member suggests booking an order the customer has confirmed by phone but will only sign next week. "Everyone does it, and the order is real."', 'What do you do, and why?', TRUE, 14, 'ethical_judgement'),
('eth_d2', 3, 'reflection', 'Dilemma 2: The supplier''s gift', 'A supplier whose contract comes up for renewal next month offers you two tickets to a sold-out final. The value is above the gift limit in the policy, but the supplier says it is "a thank-you for a good year, nothing more". Your decision on the renewal will carry weight.', 'What do you do, and why?', TRUE, 21, 'ethical_judgement'),
('eth_d3', 4, 'reflection', 'Dilemma 3: Safety versus schedule', 'A shipment must leave tonight to meet a customer''s deadline with a large penalty. The final safety inspection will take four hours more than you have. The inspector on duty says the last twenty inspections of this kind found nothing, and offers to sign off on a shorter check.', 'What do you do, and why?', TRUE, 28, 'ethical_judgement'),
('eth_d4', 5, 'reflection', 'Dilemma 4: The confidential restructuring', 'You have been told in confidence that your department will be restructured in three months, and some roles will go. One of your team, whose role is likely affected, tells you they are about to sign a mortgage on a house and asks, half joking, whether their job is safe.', 'What do you do, and why?', TRUE, 35, 'empathy'),
('eth_d5', 6, 'reflection', 'Dilemma 5: A high performer''s behaviour', 'Your best performer brings in a third of the team''s results. Two colleagues have told you, separately and privately, that this person belittles them in meetings and takes credit for their work. Neither wants to make a formal complaint. The performer is up for promotion.', 'What do you do, and why?', TRUE, 42, 'inclusion'),
('eth_d6', 7, 'reflection', 'Dilemma 6: The sustainability claim', 'Marketing wants to launch a product line as "fully sustainable". Your team''s data shows that the materials are much better than before, but the transport and packaging are not yet. A competitor makes the same claim on weaker grounds. Launch is in two weeks and the campaign is printed.', 'What do you do, and why?', TRUE, 49, 'communicating_purpose'),
('eth_d7', 8, 'reflection', 'Dilemma 7: Credit for the idea', 'In a meeting with senior leaders, your director presents an idea that a junior member of your team developed, as the department''s idea. Leaders are enthusiastic. Your team member is not in the room and will hear about it later.', 'What do you do, and why?', FALSE, 56, 'developing_others'),
('eth_workshop', 9, 'workshop', 'Dilemma lab', 'The facilitator shows how the cohort chose in each dilemma (in total, never who chose what) and the group discusses the strongest reasons on each side. Bring a dilemma of your own, disguised enough that nobody can be recognised.', '', TRUE, 56, 'ethical_judgement'),
('eth_line', 10, 'reflection', 'My own line', 'Everyone has a line they will not cross. It is better to know where yours is before you are standing on it.', 'Describe the line you will not cross at work, and what you would do if you were asked to cross it.', TRUE, 63, 'ethical_judgement')
) AS m
WHERE p.key = 'ethical_decisions';
INSERT INTO dev_module_prereqs (module_id, requires_id)
SELECT m.id, r.id FROM (VALUES ('eth_d1', 'eth_intro'), ('eth_d2', 'eth_intro'), ('eth_d3', 'eth_intro'), ('eth_d4', 'eth_intro'), ('eth_d5', 'eth_intro'), ('eth_d6', 'eth_intro'), ('eth_d7', 'eth_intro'), ('eth_workshop', 'eth_d1'), ('eth_workshop', 'eth_d2'), ('eth_workshop', 'eth_d3'), ('eth_line', 'eth_workshop')) AS x
JOIN dev_modules m ON m.key = x.column1 JOIN dev_modules r ON r.key = x.column2;
INSERT INTO dev_module_options (module_id, position, label)
SELECT m.id, x.column2, x.column3 FROM (VALUES
('eth_d1', 1, 'Book the order now; it is real and the difference is a few days.'),
('eth_d1', 2, 'Wait for the signature and tell the team plainly why.'),
('eth_d1', 3, 'Ask finance whether it may be booked, and follow their answer.'),
('eth_d1', 4, 'Ask the customer to sign this week, without pressing them.'),
('eth_d2', 1, 'Decline politely and mention the policy.'),
('eth_d2', 2, 'Accept and pay the supplier the face value of the tickets.'),
('eth_d2', 3, 'Accept and declare it to compliance.'),
('eth_d2', 4, 'Accept; a thank-you after a good year is normal.'),
('eth_d3', 1, 'Run the full inspection and accept the penalty.'),
('eth_d3', 2, 'Accept the shorter check; the record supports it.'),
('eth_d3', 3, 'Escalate to your own manager and let them decide.'),
('eth_d3', 4, 'Call the customer, explain, and ask for a few hours.'),
('eth_d4', 1, 'Keep the confidence and say nothing of substance.'),
('eth_d4', 2, 'Hint that they should wait before signing anything big.'),
('eth_d4', 3, 'Tell them what you know, in confidence.'),
('eth_d4', 4, 'Ask HR today for permission to say something, and tell the person you will come back to them.'),
('eth_d5', 1, 'Talk to the performer directly now, with the specific behaviour.'),
('eth_d5', 2, 'Put the promotion on hold until the behaviour changes.'),
('eth_d5', 3, 'Wait until a formal complaint is made.'),
('eth_d5', 4, 'Support the promotion; results come first and the colleagues will adjust.'),
('eth_d6', 1, 'Insist the claim is changed before launch, whatever it costs.'),
('eth_d6', 2, 'Let it go; the product really is much better.'),
('eth_d6', 3, 'Raise it in writing with marketing and your manager, and leave the decision to them.'),
('eth_d6', 4, 'Propose a precise claim and offer to help rework the campaign in time.'),
('eth_d7', 1, 'Say in the meeting who developed the idea.'),
('eth_d7', 2, 'Speak to the director afterwards and ask that credit be given.'),
('eth_d7', 3, 'Tell your team member and let them decide what to do.'),
('eth_d7', 4, 'Do nothing; the department''s success is everyone''s.')
) AS x
JOIN dev_modules m ON m.key = x.column1;

INSERT INTO dev_programs (key, title, summary, audience, builtin, active, created_at, updated_at) VALUES
('inclusive_teams', 'Building Inclusive Teams', 'See who is heard and who is not in your own team, understand how bias creeps into everyday decisions, and change one practice that makes a difference.', 'Middle managers', TRUE, TRUE, 0, 0);
INSERT INTO dev_modules (program_id, key, position, kind, title, body, prompt, required, due_days, competency, created_at)
SELECT p.id, m.column1, m.column2, m.column3, m.column4, m.column5, m.column6, m.column7, m.column8, m.column9, 0
FROM dev_programs p, (VALUES
('inc_intro', 1, 'lesson', 'What inclusion looks like in a team', 'Diversity is who is on the team. Inclusion is whether each of them can contribute fully: be heard, be given real work, be judged fairly, and grow.

## Signs of an inclusive team

- Disagreement is voiced in the meeting, not afterwards in the corridor.
- The person who knows most about a topic speaks, whatever their rank, accent or schedule.
- Stretch assignments rotate, and the manager can say why each went to whom.
- People who work remotely, part time or in another language are not an afterthought.

## The manager''s leverage

You control more of this than you might think: who you ask first, how meetings run, who gets the visible work, what you praise. Small habits, repeated daily, set what the team believes is possible.', '', TRUE, 7, 'inclusion'),
('inc_observe', 2, 'reflection', 'Who speaks, who is heard', 'For two weeks, keep a simple tally in your team meetings: who speaks first, who speaks most, whose ideas are taken up, who is interrupted. Do not change anything yet; just watch.', 'What did your tally show? Which pattern surprised you, and whose voice is missing most?', TRUE, 21, 'inclusion'),
('inc_bias', 3, 'lesson', 'Bias in everyday decisions', 'Bias rarely looks like prejudice. It looks like "a good fit", "not quite ready", or "I just thought of them first".

## Where it enters

- **Hiring**: favouring people whose path looks like ours.
- **Assignments**: giving visible work to whoever is closest or loudest.
- **Feedback**: describing some people''s behaviour as confident and others'' as abrasive.
- **Ratings**: remembering the last month, or one vivid mistake.

## What helps

Decide the criteria before you look at the people. Write down why an assignment went to whom. Compare the words you use in feedback across your team. Ask someone you trust to look for patterns you cannot see.', '', TRUE, 28, 'inclusion'),
('inc_workshop', 4, 'workshop', 'Inclusive meetings workshop', 'A two-hour session: practise techniques such as round-robins, silent brainstorming and pre-reads, and plan how to use them with your own team.', '', TRUE, 35, 'inclusion'),
('inc_assess', 5, 'assessment', '360 check on inclusion', 'If you have not had a 360 assessment this year, start one now. The inclusion ratings from your direct reports are the most honest mirror you have, and they stay anonymous.', '', FALSE, 42, 'inclusion'),
('inc_change', 6, 'reflection', 'One practice to change', 'Pick one practice in how your team works and change it for a month.', 'Which practice did you change, what did you notice after a month, and will you keep it?', TRUE, 56, 'inclusion')
) AS m
WHERE p.key = 'inclusive_teams';
INSERT INTO dev_module_prereqs (module_id, requires_id)
SELECT m.id, r.id FROM (VALUES ('inc_observe', 'inc_intro'), ('inc_bias', 'inc_intro'), ('inc_workshop', 'inc_bias'), ('inc_assess', 'inc_intro'), ('inc_change', 'inc_observe'), ('inc_change', 'inc_workshop')) AS x
JOIN dev_modules m ON m.key = x.column1 JOIN dev_modules r ON r.key = x.column2;

INSERT INTO dev_programs (key, title, summary, audience, builtin, active, created_at, updated_at) VALUES
('purpose_in_practice', 'Purpose in Practice', 'Put purpose to work with your own team: choose a project that closes a gap in your line of sight, run it, and report the outcome against a goal or a metric.', 'Middle managers who completed Purpose Discovery', TRUE, TRUE, 0, 0);
INSERT INTO dev_modules (program_id, key, position, kind, title, body, prompt, required, due_days, competency, created_at)
SELECT p.id, m.column1, m.column2, m.column3, m.column4, m.column5, m.column6, m.column7, m.column8, m.column9, 0
FROM dev_programs p, (VALUES
('pp_intro', 1, 'lesson', 'From insight to action', 'Insight without action changes nothing. This program asks you to run one small, real project with your team that makes the organization''s purpose more visible in your work, and to report honestly on what happened.

## What makes a good project

- **Small enough** to finish in eight to ten weeks alongside normal work.
- **Owned by the team**, not just by you.
- **Measurable**: linked to a goal or a metric you already track, so the outcome can be seen.
- **Connected**: it closes a gap you found in your line of sight.

Good projects are often modest: a change in how customer complaints are reviewed, a monthly hour for ideas, a new check before a supplier is chosen.', '', TRUE, 7, 'communicating_purpose'),
('pp_choose', 2, 'lesson', 'Choosing a project with your team', 'Bring two or three candidate projects to your team and let them shape the choice.

## A forty-minute team session

1. **Ten minutes**: share the organization''s purpose and the gap you found in the line of sight.
2. **Fifteen minutes**: each person writes one idea to close it; read them aloud without discussion.
3. **Ten minutes**: discuss and choose, using two tests: will it matter to the people we serve, and can we finish it?
4. **Five minutes**: agree who does what, and which goal or metric will show the result.

Write the plan in your action project.', '', TRUE, 14, 'developing_others'),
('pp_project', 3, 'action_project', 'Your action project', 'Describe your project, run it with your team, and hand in an outcome report. Link the outcome to a goal or a metric so that anyone can see what changed.

A good outcome report says what you set out to do, what actually happened, what the numbers show, and what you would do differently. An honest report of a project that fell short is worth more than a polished one.', 'Plan, run and report on a project with your team.', TRUE, 70, 'communicating_purpose'),
('pp_coaching', 4, 'coaching', 'Coaching check-in', 'Halfway through the project, meet your coach: what is working, what is stuck, and what support your team needs from you.', '', FALSE, 42, 'developing_others'),
('pp_workshop', 5, 'workshop', 'Share-out', 'Each manager has five minutes to share their project and its outcome with the cohort, and five minutes of questions. The best ideas often travel to other teams from here.', '', TRUE, 77, 'communicating_purpose'),
('pp_reflect', 6, 'reflection', 'What the project taught you', 'Close the program by looking back.', 'What did the project teach you about leading your team towards the purpose, and what will you carry into your next quarter?', TRUE, 84, 'developing_others')
) AS m
WHERE p.key = 'purpose_in_practice';
INSERT INTO dev_module_prereqs (module_id, requires_id)
SELECT m.id, r.id FROM (VALUES ('pp_choose', 'pp_intro'), ('pp_project', 'pp_choose'), ('pp_coaching', 'pp_choose'), ('pp_workshop', 'pp_project'), ('pp_reflect', 'pp_project')) AS x
JOIN dev_modules m ON m.key = x.column1 JOIN dev_modules r ON r.key = x.column2;
