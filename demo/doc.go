// Package demo owns the demo shop behind `custseg demo`: a generated,
// deterministic Chinese e-commerce shop (customers and orders, with
// seasonality, repeat buyers, churners, refunds, discounts and a few
// deliberately bad rows) and the loader that writes it into any
// MySQL-compatible database. The embedded in-process MySQL server the demo
// runs against is its subpackage embedded, linked only with -tags demo.
//
// Production code never imports demo: only cmd/custseg's demo command and
// tests do. demo imports nothing of the project and no database engine.
//
// The tables it creates (see Schema) are the "operator's schema" of the demo;
// custseg's example customers.sql and orders.sql map them to custseg's
// standard column names. Times are the shop's wall-clock times (China
// Standard Time) carried as time.Time values in UTC, because DATETIME holds no
// zone; connect with loc=UTC to read them back unchanged.
package demo
