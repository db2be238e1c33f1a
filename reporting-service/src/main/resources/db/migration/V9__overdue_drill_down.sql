-- The dossiers overdue at a period's end (the dashboard's list, the overdueOpen drill-down): only dossiers that went
-- overdue can be, so their drill-down reads this small index instead of every dossier of the period.
create index dossier_fact_unit_overdue on dossier_fact (competent_unit, relevant_until) where overdue_at is not null;
