-- Decision 766 groups that needed more data (DOMAIN.md §7, §9; issue 16). Null everywhere means "not said": a
-- dossier folded from events before these fields counts in none of the new figures, neither as yes nor as no.
-- Facts folded before this migration get them only after a rebuild (POST /api/projections/dossiers/rebuild).

-- online payment: the dossier's first payment that said its channel
alter table dossier_fact add column paid_at timestamptz;
alter table dossier_fact add column payment_channel varchar(20);
alter table dossier_fact add column paid_online boolean;
-- digitisation: every submitted component digitised; the result issued electronically
alter table dossier_fact add column digitised_all boolean;
alter table dossier_fact add column result_electronic boolean;
-- national portal sync: the portal's latest answer (SYNCED or REFUSED) and a refusal's reason
alter table dossier_fact add column sync_state varchar(10);
alter table dossier_fact add column sync_for_version int;
alter table dossier_fact add column sync_at timestamptz;
alter table dossier_fact add column sync_error_code varchar(64);
alter table dossier_fact add column sync_error_message varchar(500);

create index dossier_fact_unit_paid on dossier_fact (competent_unit, paid_at) where paid_at is not null;
