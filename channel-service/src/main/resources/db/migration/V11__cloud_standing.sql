-- How Meta rates and limits a Cloud API number (docs/product/cloud-api-standing.md), learnt from its webhooks
-- (phone_number_quality_update, account_update) and the number's health_status.
-- The WhatsApp Business Account the number belongs to: account_update webhooks name the account, not the number.
ALTER TABLE channel ADD COLUMN cloud_business_account_id VARCHAR(30);
ALTER TABLE channel ADD COLUMN quality VARCHAR(10);
ALTER TABLE channel ADD COLUMN messaging_limit VARCHAR(20);
ALTER TABLE channel ADD COLUMN restriction VARCHAR(20);
ALTER TABLE channel ADD COLUMN restricted_until TIMESTAMPTZ;
ALTER TABLE channel ADD COLUMN sending_limited_by VARCHAR(500);
CREATE INDEX channel_cloud_business_account ON channel (cloud_business_account_id)
    WHERE cloud_business_account_id IS NOT NULL AND NOT deleted;
