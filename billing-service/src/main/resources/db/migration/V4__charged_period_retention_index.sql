-- Retention deletes charged periods that ended long ago; the index finds them without reading the open ones.
CREATE INDEX charged_period_ended ON charged_period (ended_at) WHERE ended_at IS NOT NULL;
