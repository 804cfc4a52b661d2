# cpa-platform — the only commands a newcomer needs. See README.md.
SHELL := /usr/bin/env bash
MVN ?= mvn -B -ntp
STACK := deploy/local/stack.sh
APPS := deploy/local/apps.sh

.PHONY: help build run stop test conventions stack-up stack-down stack-status bench seed-catalogue clean

help:
	@echo "make run           build, start the local stack and every service, print URLs and demo logins"
	@echo "make stop          stop the services and the local stack"
	@echo "make test          the conventions check, then unit and integration tests against the real local stack"
	@echo "make bench         gateway overhead, registrations/s, balance reads of 200 holders, 1M-person accrual,"
	@echo "                   catalogue search over 500,000 offers (seeded once in cpa_catalogue_bench),"
	@echo "                   training applications end to end and confirmation to FundsReserved; bench/results/"
	@echo "make stack-up | stack-down | stack-status"
	@echo "make seed-catalogue N=500000 [DB=cpa_catalogue_bench]   N generated training offers in a catalogue database"

build:
	$(MVN) install -DskipTests

run: build stack-up
	$(APPS) up
	@$(APPS) banner

stop:
	$(APPS) down
	$(STACK) down

test: conventions stack-up
	$(MVN) install

# Checks of the code's conventions that no compiler makes (deploy/checks/conventions.sh).
conventions:
	deploy/checks/conventions.sh

stack-up:
	$(STACK) up

stack-down:
	$(STACK) down

stack-status:
	$(STACK) status

bench: build stack-up
	bench/gateway-overhead.sh
	bench/registrations.sh
	bench/balances.sh
	bench/accrual.sh
	bench/catalogue-search.sh
	bench/enrolment.sh

# Volume data for the catalogue (docs/operations.md, "Catalogue volume data").
DB ?= cpa_catalogue
seed-catalogue:
	@[[ -n "$(N)" ]] || { echo "usage: make seed-catalogue N=500000 [DB=cpa_catalogue_bench]"; exit 2; }
	deploy/local/seed-catalogue.sh "$(N)" "$(DB)"

clean:
	$(MVN) clean
