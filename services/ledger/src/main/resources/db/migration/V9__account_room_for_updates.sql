-- Balances change in place many times a year (accrual, reservations): room left in each page lets PostgreSQL update a
-- row without touching its indexes (HOT updates), which the yearly accrual's million updates need.
ALTER TABLE account SET (fillfactor = 80);
