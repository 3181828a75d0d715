-- Placeholder on branch i9-hardening only: number 0006 belongs to the Aadhaar bucket migration of issue 9
-- (branch i9-aadhaar). Migrations must be numbered without gaps, so this file lets 0007 load here.
-- At merge, delete this file and keep i9-aadhaar's 0006.
SELECT 1;
