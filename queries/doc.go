// Package queries owns the operator's SQL: it loads customers.sql and
// orders.sql (or the built-in examples for the demo schema), checks their
// columns by name and type, reads the customers and then the orders once,
// sorted by customer (OrdersSQL), folding each customer's rows into their
// figures as they stream past (fold), and runs everything in a READ ONLY
// transaction with a deadline, turning the rows into an analysis.Dataset.
//
// It imports analysis for its types; it must not import jobs or reports.
package queries
