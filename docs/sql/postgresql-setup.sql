-- Læringsloop: the database and its roles on PostgreSQL 15 or later, set up by a server
-- administrator who is NOT a superuser. On Azure Database for PostgreSQL flexible server the
-- server admin has LOGIN, CREATEDB and CREATEROLE and is a member of azure_pg_admin, and that is
-- all this file needs. docs/deploy.md (section 3.4) shows how to run it; the test
-- test/store/postgresql-setup.test.ts runs it as such a role and then starts the bot on what it made.
--
-- Run it with psql as the server admin, connected to the maintenance database `postgres`:
--
--   psql "host=<server>.postgres.database.azure.com port=5432 dbname=postgres user=<admin> sslmode=require" \
--        -v db_name=laeringsloop -v app_role=laeringsloop -v report_role=laeringsloop_laeser \
--        -f docs/sql/postgresql-setup.sql
--
-- psql variables (-v name=value):
--   db_name          the bot's database                                   (default laeringsloop)
--   app_role         the bot's login role: owns the database, so the bot  (default laeringsloop)
--                    applies its own migrations; no other rights
--   app_password     its password                                         (asked for when not given)
--   report_role      optional: a read-only login role for the reports     (none when not given)
--                    (npm run status, audit, export, gdpr:export)
--   report_password  its password                                         (asked for when not given)
--
-- Running it again changes nothing but the passwords given (that is how to rotate one), and
-- adds the read-only role if it is named now. It never drops anything.

\set ON_ERROR_STOP on
\set QUIET on

\if :{?db_name}
\else
\set db_name laeringsloop
\endif
\if :{?app_role}
\else
\set app_role laeringsloop
\endif
\if :{?app_password}
\else
\echo 'Adgangskode til botrollen' :app_role '(den vises, mens du skriver):'
\prompt 'Adgangskode: ' app_password
\endif
\if :{?report_role}
\if :{?report_password}
\else
\echo 'Adgangskode til rapportrollen' :report_role '(den vises, mens du skriver):'
\prompt 'Adgangskode: ' report_password
\endif
\endif

-- Checks first: when one fails, the file stops before it has changed anything.
\set stop 'DO $$ BEGIN RAISE EXCEPTION ''Opsætningen stoppede; intet er ændret.''; END $$;'
SELECT :'app_password' = '' AS app_password_empty \gset
\if :app_password_empty
\echo 'Fejl: botrollen skal have en adgangskode (-v app_password=…).'
:stop
\endif
\if :{?report_role}
SELECT :'report_password' = '' AS report_password_empty, :'report_role' = :'app_role' AS report_is_app \gset
\if :report_password_empty
\echo 'Fejl: rapportrollen skal have en adgangskode (-v report_password=…).'
:stop
\endif
\if :report_is_app
\echo 'Fejl: rapportrollen skal være en anden rolle end botrollen.'
:stop
\endif
\endif
SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app_role') AS app_role_exists,
       EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app_role'
                 AND (rolsuper OR rolcreatedb OR rolcreaterole OR rolreplication OR rolbypassrls)) AS app_role_too_strong,
       NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db_name') AS db_missing,
       EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db_name'
                 AND pg_get_userbyid(datdba) <> :'app_role') AS db_owned_by_other \gset
\if :app_role_too_strong
\echo 'Fejl: rollen' :app_role 'findes allerede med flere rettigheder, end botten skal have (superuser, createdb, createrole, replication eller bypassrls). Vælg en anden rolle (-v app_role=…).'
:stop
\endif
\if :db_owned_by_other
\echo 'Fejl: databasen' :db_name 'findes allerede og ejes af en anden rolle end' :app_role
:stop
\endif

-- 1. The bot's role: a plain login role. CREATE ROLE's defaults are NOSUPERUSER NOCREATEDB
--    NOCREATEROLE NOREPLICATION NOBYPASSRLS; an existing role only gets the new password.
\if :app_role_exists
ALTER ROLE :"app_role" WITH LOGIN PASSWORD :'app_password';
\else
CREATE ROLE :"app_role" WITH LOGIN PASSWORD :'app_password';
\endif

-- 2. `CREATE DATABASE … OWNER x` needs an admin who is not a superuser to be a member of x
--    (PostgreSQL 16 and later: able to SET ROLE x; the admin that created x holds only the ADMIN
--    OPTION on it, without inheriting its rights). The admin keeps the membership: section 4
--    and a later run of this file need it.
SELECT pg_has_role(current_user, :'app_role', 'USAGE') AS admin_has_app_role \gset
\if :admin_has_app_role
\else
GRANT :"app_role" TO CURRENT_USER;
\endif

-- 3. The database, owned by the bot's role: its migrations create the tables at the bot's first
--    start, in the schema `public`, which the database owner owns (PostgreSQL 15 and later).
\if :db_missing
CREATE DATABASE :"db_name" WITH OWNER :"app_role" TEMPLATE template0 ENCODING 'UTF8';
\endif
-- Only the owner and the roles granted CONNECT below may connect, not every role on the server.
REVOKE ALL ON DATABASE :"db_name" FROM PUBLIC;

-- 4. Optional: a read-only role for the reports, on every table the bot has now and creates later.
\if :{?report_role}
SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'report_role') AS report_role_exists \gset
\if :report_role_exists
ALTER ROLE :"report_role" WITH LOGIN PASSWORD :'report_password';
\else
CREATE ROLE :"report_role" WITH LOGIN PASSWORD :'report_password';
\endif
ALTER ROLE :"report_role" SET default_transaction_read_only = on;
GRANT CONNECT ON DATABASE :"db_name" TO :"report_role";
\connect :db_name
GRANT USAGE ON SCHEMA public TO :"report_role";
GRANT SELECT ON ALL TABLES IN SCHEMA public TO :"report_role";
ALTER DEFAULT PRIVILEGES FOR ROLE :"app_role" IN SCHEMA public GRANT SELECT ON TABLES TO :"report_role";
\endif

SELECT format('Færdig: databasen %s ejes af rollen %s. Botten opretter sine tabeller ved sin første start.', :'db_name', :'app_role') AS done,
       format('DATABASE_URL=postgresql://%s:<adgangskode, procent-kodet>@%s:5432/%s?sslmode=verify-full', :'app_role', :'HOST', :'db_name') AS url \gset
\echo :done
\echo :url
