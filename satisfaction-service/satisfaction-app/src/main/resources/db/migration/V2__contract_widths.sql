-- Columns as wide as the contracts they hold (catalog codes up to 64 characters, dossier codes up to 80:
-- CatalogLimits, DossierLimits): a narrower column made a legal event a database error that stopped the consumer.
-- Officers' and systems' names come from the identity provider's tokens, whatever their length.
alter table dossier_view
    alter column dossier_code type varchar(80),
    alter column procedure_code type varchar(64),
    alter column receiving_unit type varchar(64),
    alter column competent_unit type varchar(64),
    alter column closed_by type varchar(64);
alter table catalog_unit
    alter column code type varchar(64),
    alter column parent_code type varchar(64);
alter table rating
    alter column dossier_code type varchar(80),
    alter column unit_code type varchar(64),
    alter column ballot_unit type varchar(64),
    alter column submitted_by type text;
alter table complaint
    alter column dossier_code type varchar(80),
    alter column unit_code type varchar(64),
    alter column resolved_by type text;
