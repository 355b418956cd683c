-- Way back of the shared messaging V9 (release 2.2.0): the stale-event positions did not exist in 2.1.0. Losing them
-- loses no business state; until they are rebuilt by new events, a replayed older event is not recognised as stale.
DROP TABLE applied_position;
