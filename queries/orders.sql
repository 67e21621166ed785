-- orders.sql: one row per order (or per order line: rows sharing an order_id
-- are added up as one order). Alias your columns to custseg's names:
--   customer_id, order_id, ordered_at (DATE/DATETIME), amount (required);
--   cost, discount, category (optional).
-- Refunds are rows with a negative amount; they net against the customer.
-- custseg wraps this SELECT in its own GROUP BY, so the database does the
-- heavy work; do not filter by date here, the run's as-of date does that.
-- This example is for the demo shop's schema (`custseg demo`).
SELECT
  o.order_no         AS order_id,
  o.customer_id      AS customer_id,
  o.created_at       AS ordered_at,
  o.total_amount     AS amount,
  o.cost_amount      AS cost,
  o.discount_amount  AS discount,
  o.category         AS category
FROM orders o
WHERE o.status IN ('paid', 'refund')
