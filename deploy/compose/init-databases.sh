#!/usr/bin/env bash
# Creates one role and one database per line of databases.conf (password = name; local use only), then the
# extensions of extensions.conf that the databases' owners may not create themselves.
set -euo pipefail
grep -vE '^\s*(#|$)' /databases.conf | while read -r db; do
  psql -v ON_ERROR_STOP=1 -U postgres <<SQL
CREATE ROLE "$db" LOGIN PASSWORD '$db';
CREATE DATABASE "$db" OWNER "$db";
SQL
done
grep -vE '^\s*(#|$)' /extensions.conf | while read -r db ext; do
  psql -v ON_ERROR_STOP=1 -U postgres -d "$db" -c "CREATE EXTENSION IF NOT EXISTS \"$ext\""
done
