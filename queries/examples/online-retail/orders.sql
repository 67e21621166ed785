-- orders.sql for the UCI "Online Retail" invoice lines (schema.sql in this
-- folder): one row per invoice line. custseg adds up the lines sharing an
-- order_id as one order, so an invoice is an order.
--
--   order_id     the invoice number
--   customer_id  NULL on guest lines: custseg counts them on the Data
--                quality sheet and leaves them out
--   ordered_at   the invoice time (UK local time: database.time_zone is
--                Europe/London in config.yaml)
--   amount       quantity × unit price of the line. Cancellation invoices
--                ('C' + number) have negative quantities, so they arrive as
--                negative amounts of the same customer: refunds, netted
--                against the customer's purchases. Free lines (price 0) are
--                zero amounts: purchases worth nothing, or ignored, as
--                analysis.zero_amount_orders says.
--   category     a coarse kind of line, from the stock code: postage
--                (POST, DOT, C2), fees and adjustments (manual lines,
--                discounts, samples, bank and Amazon fees, charity
--                commission, bad debt), else goods. The data has no product
--                groups; put yours here if your shop has them.
--
-- No cost column: the data has no purchase prices, so value tiers use net
-- revenue. Do not filter by date: the run's as-of date does that.
SELECT
  l.invoice_no                 AS order_id,
  l.customer_id                AS customer_id,
  l.invoice_date               AS ordered_at,
  l.quantity * l.unit_price    AS amount,
  CASE
    WHEN l.stock_code IN ('POST', 'DOT', 'C2') THEN 'postage'
    WHEN l.stock_code IN ('M', 'm', 'D', 'S', 'B', 'BANK CHARGES', 'AMAZONFEE', 'CRUK') THEN 'fees and adjustments'
    ELSE 'goods'
  END                          AS category
FROM invoice_lines l
