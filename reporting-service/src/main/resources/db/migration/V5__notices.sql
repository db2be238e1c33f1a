-- Telling the applicant (DOMAIN.md §8): when the applicant was first told of the apology, and every notice's receipt
-- (delivered or given up) by the unit that answers for the dossier, at the receipt's instant, for the delivery share.
alter table dossier_fact add column apology_informed_at timestamptz;

create table notice_fact (
    dossier_id      uuid         not null,
    for_version     int          not null,
    kind            varchar(30)  not null,
    channel         varchar(10)  not null,
    competent_unit  varchar(64),
    delivered       boolean      not null,
    attempts        int          not null,
    at              timestamptz  not null,
    primary key (dossier_id, for_version, kind, channel)
);
create index notice_fact_unit_at on notice_fact (competent_unit, at);
