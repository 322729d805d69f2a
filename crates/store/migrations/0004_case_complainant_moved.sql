-- The complainant's details now live on their person (0003): the cases'
-- copies go.
ALTER TABLE cases DROP COLUMN complainant_name;
ALTER TABLE cases DROP COLUMN complainant_address;
ALTER TABLE cases DROP COLUMN complainant_postcode;
ALTER TABLE cases DROP COLUMN complainant_email;
ALTER TABLE cases DROP COLUMN complainant_phone;
ALTER TABLE cases DROP COLUMN preferred_contact;
ALTER TABLE cases DROP COLUMN anonymous;
ALTER TABLE cases DROP COLUMN vulnerability;
ALTER TABLE cases DROP COLUMN adjustments;
