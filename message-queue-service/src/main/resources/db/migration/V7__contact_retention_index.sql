-- Retention deletes "no WhatsApp" answers once old enough; the index finds them without reading the others.
CREATE INDEX chat_contact_no_whatsapp ON chat_contact (checked_at) WHERE NOT has_whatsapp;
