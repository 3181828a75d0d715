-- An office key is named by the same id everywhere: the first 8 bytes of SHA-256 over its public key, as
-- 16 hex digits (src-main/keys), which is what backups and bundle headers carry. 0001 expected 32.
ALTER TABLE office_key DROP CONSTRAINT office_key_key_id_check;
ALTER TABLE office_key ADD CONSTRAINT office_key_key_id_check CHECK (key_id ~ '^[0-9a-f]{16}$');
