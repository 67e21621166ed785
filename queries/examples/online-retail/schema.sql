-- schema.sql: the invoice lines of the UCI "Online Retail" shop, one row per
-- line as the shop's order system would keep them. custseg only reads this
-- table through customers.sql and orders.sql in this folder.
--
--   invoice_no    6-digit invoice number; 'C' + number for a cancellation
--                 (negative quantities), 'A' + number for a bad-debt
--                 adjustment
--   stock_code    product code, or POST, DOT, C2 (postage and carriage), M
--                 (manual), D (discount), S (samples), BANK CHARGES,
--                 AMAZONFEE, CRUK, B (bad debt), ...
--   description   product name; NULL when the export had none
--   quantity      units on the line; negative on cancellations and returns
--   invoice_date  local UK time (Europe/London), minute precision
--   unit_price    GBP per unit; 0 on free items, negative on two
--                 bad-debt adjustments
--   customer_id   5-digit customer number; NULL on about a quarter of the
--                 lines (guest checkouts and adjustments)
--   country       the customer's country at the time of the invoice
--
-- No primary key: the source has no line number, and a table without one
-- loads fastest (the embedded engine of the tests slows down with one).
CREATE TABLE invoice_lines (
  invoice_no   VARCHAR(10)   NOT NULL,
  stock_code   VARCHAR(20)   NOT NULL,
  description  VARCHAR(255)  NULL,
  quantity     INT           NOT NULL,
  invoice_date DATETIME      NOT NULL,
  unit_price   DECIMAL(10,3) NOT NULL,
  customer_id  INT           NULL,
  country      VARCHAR(64)   NOT NULL,
  INDEX invoice_lines_customer (customer_id),
  INDEX invoice_lines_date (invoice_date)
) DEFAULT CHARACTER SET utf8mb4;
