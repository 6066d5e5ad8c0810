-- effmon store, schema version 13: the working days allowed from 受理 to 办结 per source,
-- for the on-time closure rate (按时办结率). Defaults: 12345热线 15, 意见箱 15,
-- 纪委转办 30, 现场 5, 网上 10; an administrator's change is a new row, as for the steps.
INSERT INTO complaint_limits (source, state, workdays)
VALUES ('12345热线', '办结', 15), ('意见箱', '办结', 15), ('纪委转办', '办结', 30),
       ('现场', '办结', 5), ('网上', '办结', 10);
