#!/usr/bin/env bash
# Creates one role and one database per line of databases.conf (password = name; local use only).
set -euo pipefail
grep -vE '^\s*(#|$)' /databases.conf | while read -r db; do
  psql -v ON_ERROR_STOP=1 -U postgres <<SQL
CREATE ROLE "$db" LOGIN PASSWORD '$db';
CREATE DATABASE "$db" OWNER "$db";
SQL
done
