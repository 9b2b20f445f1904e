-- The dedupe log names consumers without the service prefix (the log is the service's own).
UPDATE processed_event SET consumer = 'channel-status' WHERE consumer = 'notification-service.channel-status';
