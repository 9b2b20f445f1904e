-- The sweeper looks for messages a stopped dispatcher left DISPATCHING; there are few at any time.
CREATE INDEX outbound_message_dispatching ON outbound_message (channel_id) WHERE state = 'DISPATCHING';
