-- The dossier counts of closed periods, per unit and period (a closed month, quarter or year): a department's or a
-- province's scorecard adds up its units' rows instead of counting their facts again. Written by the query side the
-- first time a closed period is asked for; dropped by the dossier projection, in the transaction that changes a
-- fact, for every period of the fact's unit that ends after the fact's first instant (an import or a late event
-- that lands in a closed period, a calendar revision's re-fold), so the next question counts it again. The columns
-- are FigureQueries.SUM_COLUMNS, then the unit's ratings (by rating instant; the satisfaction projection drops the
-- summaries a rating or complaint changes) and notices (by latest receipt); a unit without any holds zeros.
create table unit_period_summary (
    unit_code              text not null,
    period_start           timestamptz not null,
    period_end             timestamptz not null,
    paid                   bigint not null default 0,
    paid_online            bigint not null default 0,
    digitisation_recorded  bigint not null default 0,
    digitised              bigint not null default 0,
    results_recorded       bigint not null default 0,
    results_electronic     bigint not null default 0,
    sync_answered          bigint not null default 0,
    synced                 bigint not null default 0,
    received               bigint not null default 0,
    received_online        bigint not null default 0,
    received_postal        bigint not null default 0,
    received_fo            bigint not null default 0,
    received_online_fo     bigint not null default 0,
    refused                bigint not null default 0,
    withdrawn              bigint not null default 0,
    completed              bigint not null default 0,
    early                  bigint not null default 0,
    on_time                bigint not null default 0,
    late                   bigint not null default 0,
    in_progress            bigint not null default 0,
    overdue_open           bigint not null default 0,
    nat_ontime_completed   bigint not null default 0,
    nat_notdue_open        bigint not null default 0,
    returned               bigint not null default 0,
    returned_postal        bigint not null default 0,
    late_or_overdue        bigint not null default 0,
    apologized             bigint not null default 0,
    apologized_informed    bigint not null default 0,
    used_sum               numeric not null default 0,
    used_count             bigint not null default 0,
    ratings                bigint not null default 0,
    satisfied              bigint not null default 0,
    disliked               bigint not null default 0,
    invalid                bigint not null default 0,
    notices_sent           bigint not null default 0,
    notices_delivered      bigint not null default 0,
    summarised_at          timestamptz not null default now(),
    primary key (unit_code, period_start, period_end)
);
