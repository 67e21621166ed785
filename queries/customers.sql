-- customers.sql: one row per customer. Alias your columns to custseg's names:
--   customer_id (required, unique), name, email, phone, registered_at.
-- Optional: email_consent, whether the customer agreed to be emailed:
--   1, true, yes, y (any case) = consent; 0, false, no, n, NULL = none (any
--   other value counts as none). With it, every customer list in the
--   workbook shows a Consent column and marks who is reachable by email;
--   it is not an attribute. Without it, having an email counts as reachable.
--   e.g.  c.newsletter_opt_in AS email_consent,
-- Every other column (province, city, gender, birth_date, channel, ...) is an
-- attribute: it appears on the Customers sheet and in the breakdowns.
-- This example is for the demo shop's schema (`custseg demo`).
SELECT
  c.id          AS customer_id,
  c.full_name   AS name,
  c.email       AS email,
  c.mobile      AS phone,
  c.created_at  AS registered_at,
  c.province    AS province,
  c.city        AS city,
  c.gender      AS gender,
  c.birth_date  AS birth_date,
  c.channel     AS channel
FROM customers c
