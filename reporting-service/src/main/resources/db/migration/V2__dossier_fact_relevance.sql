-- Until when a dossier can count in a period: an open dossier always (in progress), a closed one until the last of
-- its completion, return, withdrawal or refusal. Periods that start later skip it through the index instead of
-- reading every dossier the unit ever had.
alter table dossier_fact add column relevant_until timestamptz generated always as (
    case when completed_at is null and withdrawn_at is null and refused_at_reception is null
         then 'infinity'::timestamptz
         else greatest(completed_at, returned_at, withdrawn_at, refused_at_reception) end) stored;
create index dossier_fact_unit_relevant on dossier_fact (competent_unit, relevant_until, entered_at);
