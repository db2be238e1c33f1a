-- Columns as wide as the contracts they hold (catalog codes up to 64 characters and procedure names up to 1,000:
-- CatalogLimits; dossier codes up to 80: DossierLimits): a longer name made every reception of its procedure a 500.
-- The caller of an idempotent request is the token's subject, whatever its length.
alter table dossier_view
    alter column dossier_code type varchar(80),
    alter column procedure_code type varchar(64),
    alter column procedure_name type varchar(1000),
    alter column receiving_unit type varchar(64),
    alter column competent_unit type varchar(64),
    alter column current_unit type varchar(64);
alter table idempotency_key alter column caller type text;
alter table dossier_code_counter alter column unit_code type varchar(64);
