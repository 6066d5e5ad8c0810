-- effmon store, schema version 4: 差评 follow-up steps recorded in the app.
-- Every 不满意/非常不满意 evaluation is a follow-up item: 待回访 → 已回访 → 已整改. Its state is
-- the latest step here, else the state imported with the evaluation (followup_state,
-- rectified_at), else 待回访. Steps are only ever added, never changed or deleted.
CREATE TABLE evaluation_followups (
    evaluation_id VARCHAR NOT NULL,
    state VARCHAR NOT NULL,
    happened_at TIMESTAMP NOT NULL,
    actor VARCHAR NOT NULL,
    note VARCHAR,
    recorded_at TIMESTAMP NOT NULL
);
