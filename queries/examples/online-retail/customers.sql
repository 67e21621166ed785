-- customers.sql for the UCI "Online Retail" invoice lines (schema.sql in this
-- folder). The shop has no customer table, so the customers are derived from
-- the lines: one row per customer_id that appears on any line; lines without
-- a customer id (guest checkouts, adjustments) name no customer.
--
-- country: the country on most of the customer's lines; on a tie, the
-- alphabetically first. (8 customers appear with two countries; MAX(country)
-- would be the simpler, cruder choice.) It becomes an attribute column: a
-- breakdown on the Customers sheet and in the characteristics.
SELECT c.customer_id AS customer_id,
       c.country     AS country
FROM (
  SELECT n.customer_id AS customer_id,
         n.country     AS country,
         ROW_NUMBER() OVER (PARTITION BY n.customer_id ORDER BY n.line_count DESC, n.country) AS pick
  FROM (
    SELECT l.customer_id AS customer_id, l.country AS country, COUNT(*) AS line_count
    FROM invoice_lines l
    WHERE l.customer_id IS NOT NULL
    GROUP BY l.customer_id, l.country
  ) n
) c
WHERE c.pick = 1
