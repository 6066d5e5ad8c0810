-- effmon store, schema version 9: the complaint handling workflow recorded in the app.
-- A step is a new complaint_events row (nothing is updated or deleted there): the unit it
-- was assigned to, the handling result, and at the end of the revisit the checklist's three
-- questions (渠道是否畅通, 态度是否友好, 问题是否解决) and the citizen's satisfaction.
ALTER TABLE complaint_events ADD COLUMN unit VARCHAR;
ALTER TABLE complaint_events ADD COLUMN result VARCHAR;
ALTER TABLE complaint_events ADD COLUMN channel_ok BOOLEAN;
ALTER TABLE complaint_events ADD COLUMN attitude_ok BOOLEAN;
ALTER TABLE complaint_events ADD COLUMN solved BOOLEAN;
ALTER TABLE complaint_events ADD COLUMN satisfaction VARCHAR;

-- Working days allowed in each state, per source. An administrator's change is a new row;
-- the latest row of a source and state holds.
CREATE TABLE complaint_limits (
    source VARCHAR NOT NULL,
    state VARCHAR NOT NULL,
    workdays INTEGER NOT NULL,
    changed_at TIMESTAMP NOT NULL DEFAULT TIMESTAMP '2026-01-01 00:00:00',
    actor VARCHAR NOT NULL DEFAULT '系统默认'
);
INSERT INTO complaint_limits (source, state, workdays)
SELECT source, state, CASE
        WHEN state = '处理' AND source = '纪委转办' THEN 10
        WHEN state = '处理' THEN 5
        WHEN state IN ('核查', '重办') THEN 3
        WHEN state IN ('督办', '回访') THEN 2
        ELSE 1 END
FROM (VALUES ('12345热线'), ('意见箱'), ('纪委转办'), ('现场'), ('网上')) s(source),
     (VALUES ('受理'), ('核查'), ('督办'), ('处理'), ('回访'), ('重办'), ('退回')) t(state);
