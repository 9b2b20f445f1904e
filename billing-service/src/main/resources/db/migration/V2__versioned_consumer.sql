-- The channel-status consumer compares versions and keeps no dedupe log.
DELETE FROM processed_event WHERE consumer = 'billing-service.channel-status';
