-- National public-service portal (DVCQG) sync (DOMAIN.md §7): the sync reads the event store, where the personal
-- data the portal asks for is (it never travels on Kafka). One row per dossier is its checkpoint: head_version, the
-- last version that changed the dossier, is raised in the transaction that appends the events; version_sent is the
-- last version the portal accepted. A dossier is due while head_version > version_sent and it is not refused.
create table portal_sync (
    dossier_id          uuid         primary key,
    dossier_code        varchar(80)  not null,
    competent_unit      varchar(64)  not null,
    head_version        int          not null,
    version_sent        int          not null default 0,
    status_sent         int,
    -- the portal holds a copy (a create was accepted, or it answered "already exists"): later calls are updates
    portal_has_it       boolean      not null default false,
    -- the version whose dossier call was accepted, its progress call not yet: a retry sends the progress only
    dossier_call_version int         not null default 0,
    state               varchar(10)  not null default 'PENDING'
                        check (state in ('PENDING', 'SYNCED', 'REFUSED', 'RETRYING')),
    attempts            int          not null default 0,
    last_attempt_at     timestamptz,
    next_attempt_at     timestamptz  not null,
    -- the sync instance that holds the dossier until lease_until; its writes check it still does
    lease_owner         uuid,
    lease_until         timestamptz,
    last_error_code     varchar(64),
    last_error          varchar(500),
    refused_version     int,
    refused_at          timestamptz,
    -- the next acceptance is announced in the stream (the first one, and the first after a refusal)
    announce_next       boolean      not null default true,
    updated_at          timestamptz  not null
);
-- the sync's question: due, not refused, oldest first
create index portal_sync_due_idx on portal_sync (next_attempt_at) where state in ('PENDING', 'RETRYING');
-- the admin's question: refused ones, newest first
create index portal_sync_refused_idx on portal_sync (refused_at desc) where state = 'REFUSED';

-- every dossier recorded before the sync existed is due once
insert into portal_sync (dossier_id, dossier_code, competent_unit, head_version, next_attempt_at, updated_at)
select dossier_id, dossier_code, competent_unit, last_version, now(), now() from dossier_view;
