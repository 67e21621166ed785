-- A hand-made shop in the demo schema, with the data-quality problems the
-- run must count. Every expected number in run_test.go is worked out from
-- these rows by hand. As-of date: 2026-09-30.
CREATE TABLE customers (
  id BIGINT NOT NULL, full_name VARCHAR(64), email VARCHAR(128), mobile VARCHAR(20),
  province VARCHAR(32), city VARCHAR(32), gender VARCHAR(8), birth_date DATE,
  channel VARCHAR(16), created_at DATETIME NOT NULL);
CREATE TABLE orders (
  id BIGINT NOT NULL, order_no VARCHAR(32) NOT NULL, customer_id BIGINT NULL, created_at DATETIME NOT NULL,
  status VARCHAR(16) NOT NULL, total_amount DECIMAL(12,2) NOT NULL, discount_amount DECIMAL(12,2) NOT NULL,
  cost_amount DECIMAL(12,2) NOT NULL, category VARCHAR(32));
INSERT INTO customers VALUES
  (1, '王芳', 'wang.fang@example.com', '13800000001', '广东', '广州', 'F', '1988-03-02', 'app', '2025-01-10 09:00:00'),
  (2, '李伟', 'li.wei@example.com', '13800000002', '北京', '北京', 'M', '1990-07-21', 'web', '2026-08-20 10:00:00'),
  (3, '张敏', NULL, '13800000003', '上海', '上海', 'F', '1975-11-30', 'store', '2024-12-01 11:00:00'),
  (4, '刘洋', 'liu.yang@example.com', '13800000004', '浙江', '杭州', 'M', '2001-01-15', 'mini-program', '2026-06-15 12:00:00'),
  (5, '陈静', 'chen.jing@example.com', '13800000005', '江苏', '南京', 'F', '1995-05-05', 'app', '2026-09-01 13:00:00'),
  (6, '杨磊', 'yang.lei@example.com', '13800000006', '四川', '成都', 'M', '1983-09-09', 'web', '2026-09-20 14:00:00'),
  (7, '赵丽', 'zhao.li@example.com', '13800000007', '广东', '深圳', 'F', '1992-12-12', 'app', '2026-03-01 15:00:00');
INSERT INTO orders VALUES
  (1,  'O1',   1,    '2026-09-28 18:30:00', 'paid',      100.00,  0.00,   60.00, '服装'),
  (2,  'O2',   1,    '2026-06-01 08:00:00', 'paid',      200.00, 20.00,  120.00, '美妆'),
  (3,  'O3',   1,    '2025-12-01 20:00:00', 'paid',      300.00,  0.00,  180.00, '数码'),
  (4,  'O4',   2,    '2026-09-01 10:00:00', 'paid',       50.00,  0.00,   30.00, '食品'),
  (5,  'RO4',  2,    '2026-09-05 10:00:00', 'refund',    -50.00,  0.00,  -30.00, '食品'),
  (6,  'O5',   3,    '2025-01-15 12:00:00', 'paid',     1000.00,  0.00,  600.00, '数码'),
  (7,  'O6',   4,    '2026-07-01 09:00:00', 'paid',       80.00,  0.00,   48.00, '家居'),
  (8,  'O6',   4,    '2026-07-01 09:00:00', 'paid',       20.00,  0.00,   12.00, '家居'),
  (9,  'O7',   6,    '2026-10-05 09:00:00', 'paid',      500.00,  0.00,  300.00, '数码'),
  (10, 'O8',   7,    '2026-04-01 09:00:00', 'paid',        0.00,  0.00,    0.00, '食品'),
  (11, 'O9',   7,    '2026-04-02 09:00:00', 'paid',      120.00, 10.00,   72.00, '运动'),
  (12, 'O10',  NULL, '2026-05-05 09:00:00', 'paid',       40.00,  0.00,   24.00, '食品'),
  (13, 'O11',  99,   '2026-05-05 09:00:00', 'paid',       60.00,  0.00,   36.00, '食品'),
  (14, 'O12',  1,    '2026-09-29 09:00:00', 'cancelled', 999.00,  0.00,  599.40, '数码');
