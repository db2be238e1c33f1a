-- The dashboard asks two "during the period" questions on every page. Each was answered from a B-tree on one bound,
-- which reads everything on one side of the period: every step started before its end (all of the year for
-- December), every overdue dossier still relevant at its start (all of them for January). A GiST index on the
-- interval itself reads only the rows whose interval meets the period. The statements keep their exact predicates;
-- these conditions only narrow the rows they look at.

-- steps open during a period: started before its end and not ended before its start (an end recorded before the
-- start counts as the start, so every row has a valid interval)
create index dossier_step_open_during on dossier_step using gist (
    tstzrange(started_at, case when ended_at < started_at then started_at else ended_at end, '[]'));

-- dossiers overdue at an instant: from going overdue until completion or withdrawal (open: unbounded)
create index dossier_fact_overdue_during on dossier_fact using gist (
    tstzrange(overdue_at, greatest(overdue_at, least(coalesce(completed_at, 'infinity'),
                                                      coalesce(withdrawn_at, 'infinity'))), '[]'))
    where overdue_at is not null;

-- replaced by dossier_fact_overdue_during
drop index dossier_fact_unit_overdue;
