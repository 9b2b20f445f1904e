-- A Cloud API phone number id is in one live channel only, platform-wide (as a phone number is): two channels on one
-- official number would send as each other and verify each other.
CREATE UNIQUE INDEX channel_cloud_phone_number_id_live ON channel (cloud_phone_number_id)
    WHERE cloud_phone_number_id IS NOT NULL AND NOT deleted;
