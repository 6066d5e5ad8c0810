-- effmon store, schema version 17: the 提示函 issued, one per unit and month. A letter's
-- number (文号) is numbered per year and never reused; making the same unit's letter for the
-- same month again keeps its number and date. The problems it names are kept (items, JSON) so
-- the next month's report can follow up the replies.
CREATE TABLE letters (
    year INTEGER NOT NULL,        -- of the letter's date (成文日期)
    number INTEGER NOT NULL,      -- 1, 2, … within the year
    site_id VARCHAR NOT NULL,     -- the unit it is addressed to
    period VARCHAR NOT NULL,      -- the month it is about, 'YYYY-MM'
    issued_on DATE NOT NULL,      -- 成文日期
    reply_by DATE NOT NULL,       -- 回复期限
    issued_by VARCHAR NOT NULL,   -- who made it first (also in the audit trail)
    items VARCHAR NOT NULL,       -- JSON: the problems named, as last made
    made_at TIMESTAMP NOT NULL,   -- when it was last made
    PRIMARY KEY (year, number),
    UNIQUE (site_id, period)
);
