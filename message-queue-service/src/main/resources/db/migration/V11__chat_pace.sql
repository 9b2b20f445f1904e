-- Meta's pair rate (docs/product/cloud-api-standing.md): a Cloud API number sends to one client about once per 6 s.
-- When each chat of a Cloud API channel may be sent to next; the channel's other chats go on meanwhile.
CREATE TABLE chat_pace (
    channel_id   VARCHAR(36) NOT NULL,
    chat_id      VARCHAR(32) NOT NULL,
    next_send_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (channel_id, chat_id)
);
-- Retention: paces long past are deleted.
CREATE INDEX chat_pace_next_send_at ON chat_pace (next_send_at);

-- The lane's next_send_at was put off only because each chat with pending messages waits for its pair rate: a new
-- message to another chat makes the lane due again at once.
ALTER TABLE channel_lane ADD COLUMN waits_for_chats BOOLEAN NOT NULL DEFAULT false;
