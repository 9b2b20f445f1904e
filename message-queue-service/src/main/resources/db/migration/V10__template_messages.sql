-- A Cloud API message sent as an approved template (docs/product/cloud-api-standing.md): Meta's template object
-- (name, language, components); its text column holds a summary for people.
ALTER TABLE outbound_message ADD COLUMN template JSONB;
