-- The dedupe log is pruned by age: ids older than the topics' retention cannot be delivered again.
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
