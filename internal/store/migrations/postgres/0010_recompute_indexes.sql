-- Issue 9, the index recompute: whether a person is a middle manager (an active direct
-- report) and how many active reports they have are asked of every person on each
-- scorecard list and recompute. With active in the index the answer is read from the
-- index alone, without visiting each report's row. It replaces the index on
-- manager_id, whose every use it serves.
CREATE INDEX people_manager_active ON people (manager_id, active);
DROP INDEX people_manager;
