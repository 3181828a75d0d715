-- A beneficiary's photo for the migration card: one small JPEG (resized on the PC before saving), replaced
-- as a whole when retaken. Kept apart from the beneficiary row so lists and search never load image bytes.
CREATE TABLE beneficiary_photo (
  beneficiary_id  TEXT PRIMARY KEY REFERENCES beneficiary (id),
  jpeg            BLOB NOT NULL CHECK (length(jpeg) BETWEEN 1 AND 262144),
  taken_at        TEXT NOT NULL,
  updated_hlc     TEXT NOT NULL
);
