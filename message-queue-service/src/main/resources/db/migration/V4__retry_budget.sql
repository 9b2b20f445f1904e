-- The retry budget counts only attempts that failed (a provider error or no answer); a rate limit or a 401 while the
-- channel reconnects no longer uses it up. A message still on its way keeps the budget it had used (every attempt
-- counted before), so none is retried more than before.
ALTER TABLE outbound_message ADD COLUMN failed_attempts INT NOT NULL DEFAULT 0;
UPDATE outbound_message SET failed_attempts = attempts WHERE state IN ('QUEUED', 'FROZEN', 'DISPATCHING');
