-- The unit of the applied time (the competent unit's commitment when shorter, else the legal time): it decides whether
-- a completion is compared by date or by instant (DOMAIN.md §6), as dossier-service decides it. Facts folded before
-- this column take the legal time's unit until a rebuild (POST /api/projections/dossiers/rebuild) refolds them.
alter table dossier_fact add column applied_unit varchar(20);
