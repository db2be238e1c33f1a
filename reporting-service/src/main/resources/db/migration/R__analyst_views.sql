-- The analyst views: a stable, documented contract for SQL and BI tools (README "Analyst views"). Columns may be
-- added; none is renamed or removed without a new view name. Re-created after every projection rebuild, and after
-- a migration that replaces a table they read (V11: dossier_fact partitioned by the year of entered_at, Vietnam time;
-- a filter on v_dossier.entered_at reads only the years' partitions it needs).
drop view if exists v_notice, v_unit_month, v_rating, v_dossier_step, v_dossier, v_procedure, v_unit;

-- units of the catalog tree
create view v_unit as
select code, name_vi, type, parent_code, valid_from, valid_to from unit;

-- procedures with their field
create view v_procedure as
select code, name_vi, field_code, field_name_vi, level, abolished_on from procedure;

-- one row per dossier (no personal data): dues kept apart, timeliness of record and national
create view v_dossier as
select dossier_id, dossier_code, procedure_code, procedure_version, time_unit, legal_amount, applied_amount,
       committed_shorter, online_level, receiving_unit, competent_unit, channel, received_at, refused_at_reception,
       due_reception_at, due_reception_date, due_record_at, due_record_date, national_due_at, national_due_date,
       rescheduled_due_at, rescheduled_due_date, supplement_requests, apology_at, apology_unit, apology_timely,
       overdue_at, completed_at, completion_kind, outcome, record_timeliness, national_timeliness, used_amount,
       used_ratio, returned_at, return_channel, withdrawn_at, current_unit, apology_informed_at,
       -- Decision 766 online payment, digitisation and the national portal sync (null: not said)
       paid_at, payment_channel, paid_online, digitised_all, result_electronic, sync_state, sync_for_version, sync_at,
       sync_error_code, sync_error_message,
       -- reception, or refusal at reception: what the facts are partitioned by
       entered_at
from dossier_fact;

-- what the applicant was told and whether it reached them (no address: that stays in dossier-service)
create view v_notice as
select d.dossier_code, n.for_version, n.kind, n.channel, n.competent_unit, n.delivered, n.attempts, n.at
from notice_fact n join dossier_fact d on d.dossier_id = n.dossier_id;

-- the process control sheet: each handling step with its deadline
create view v_dossier_step as
select d.dossier_code, s.number, s.unit_code, s.step_name, s.competent_unit, s.started_at, s.deadline, s.ended_at,
       s.deadline is not null and coalesce(s.ended_at, now()) > s.deadline as late
from dossier_step s join dossier_fact d on d.dossier_id = s.dossier_id;

-- ratings and invalid ballots, by rating instant, attributed to the dossier's competent unit
create view v_rating as
select rating_id, dossier_code, unit_code, channel, rated_at, valid, status, overall, satisfied, disliked, complaint
from rating_fact;

-- per competent unit and month (Vietnam time), the flows of the month; the "at period end" figures (in progress,
-- overdue open, national on-time rate) are in the REST API, which takes them as they were at the period's end
create view v_unit_month as
with received as (
    select competent_unit as unit_code, date_trunc('month', received_at at time zone 'Asia/Ho_Chi_Minh')::date as month,
           count(*) as received,
           count(*) filter (where channel = 'ONLINE') as received_online,
           count(*) filter (where channel = 'POSTAL') as received_postal,
           count(*) filter (where digitised_all is not null) as digitisation_recorded,
           count(*) filter (where digitised_all) as digitised,
           count(*) filter (where sync_state is not null) as sync_answered,
           count(*) filter (where sync_state = 'SYNCED') as synced
    from dossier_fact where received_at is not null group by 1, 2),
completed as (
    select competent_unit as unit_code, date_trunc('month', completed_at at time zone 'Asia/Ho_Chi_Minh')::date as month,
           count(*) as completed,
           count(*) filter (where record_timeliness = 'EARLY') as early,
           count(*) filter (where record_timeliness = 'ON_TIME') as on_time,
           count(*) filter (where record_timeliness = 'LATE') as late,
           count(*) filter (where national_timeliness <> 'LATE') as national_on_time,
           count(*) filter (where completion_kind = 'PROCESSED' and result_electronic is not null) as results_recorded,
           count(*) filter (where completion_kind = 'PROCESSED' and result_electronic) as results_electronic
    from dossier_fact where completed_at is not null group by 1, 2),
paid as (
    select competent_unit as unit_code, date_trunc('month', paid_at at time zone 'Asia/Ho_Chi_Minh')::date as month,
           count(*) as paid, count(*) filter (where paid_online) as paid_online
    from dossier_fact where paid_at is not null group by 1, 2),
months as (select unit_code, month from received union select unit_code, month from completed
           union select unit_code, month from paid)
select m.unit_code, m.month,
       coalesce(r.received, 0) as received, coalesce(r.received_online, 0) as received_online,
       coalesce(r.received_postal, 0) as received_postal, coalesce(c.completed, 0) as completed,
       coalesce(c.early, 0) as early, coalesce(c.on_time, 0) as on_time, coalesce(c.late, 0) as late,
       coalesce(c.national_on_time, 0) as national_on_time_completed,
       coalesce(p.paid, 0) as paid, coalesce(p.paid_online, 0) as paid_online,
       coalesce(r.digitisation_recorded, 0) as digitisation_recorded, coalesce(r.digitised, 0) as digitised,
       coalesce(c.results_recorded, 0) as results_recorded, coalesce(c.results_electronic, 0) as results_electronic,
       coalesce(r.sync_answered, 0) as sync_answered, coalesce(r.synced, 0) as synced
from months m
  left join received r on r.unit_code = m.unit_code and r.month = m.month
  left join completed c on c.unit_code = m.unit_code and c.month = m.month
  left join paid p on p.unit_code = m.unit_code and p.month = m.month;

do $$
begin
    if exists (select 1 from pg_roles where rolname = '${analystRole}') then
        execute format('grant usage on schema %I to %I', current_schema(), '${analystRole}');
        execute format('grant select on v_unit, v_procedure, v_dossier, v_dossier_step, v_rating, v_unit_month, v_notice to %I',
                       '${analystRole}');
    end if;
end
$$;
