-- Meta's messaging limit (docs/product/cloud-api-standing.md): how many clients a Cloud API number may begin a
-- conversation with in a rolling 24 hours. The limit as channel-service last learnt it (NULL: none known or none set;
-- 0 while Meta restricts business-initiated messaging), and when curators were last told it is near or reached.
ALTER TABLE channel_lane
    ADD COLUMN messaging_limit       INT,
    ADD COLUMN limit_near_told_at    TIMESTAMPTZ,
    ADD COLUMN limit_reached_told_at TIMESTAMPTZ;

-- The conversations a Cloud API channel began: a message sent to a chat outside its customer service window, once per
-- chat per 24 hours. Those begun within the last 24 hours count against the limit.
CREATE TABLE business_conversation (
    channel_id VARCHAR(36) NOT NULL,
    chat_id    VARCHAR(32) NOT NULL,
    opened_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (channel_id, chat_id)
);
CREATE INDEX business_conversation_opened ON business_conversation (channel_id, opened_at);
-- Retention.
CREATE INDEX business_conversation_age ON business_conversation (opened_at);
