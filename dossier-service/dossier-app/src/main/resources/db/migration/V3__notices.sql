-- Notices to the applicant (DOMAIN.md §8): an outbox of its own, written in the transaction that appends the event a
-- notice is about, so every event that calls for one gets exactly one per channel (the unique key), and the sender
-- delivers them afterwards. The address is personal data: it stays here, in dossier-service's schema.
create table notice (
    id               bigserial    primary key,
    dossier_id       uuid         not null,
    dossier_code     varchar(80)  not null,
    for_version      int          not null,
    kind             varchar(30)  not null,
    channel          varchar(10)  not null,
    recipient        varchar(200) not null,
    competent_unit   varchar(64)  not null,
    -- the reception notice carries the lookup secret (only its hash is kept anywhere else); erased once done
    lookup_secret    varchar(40),
    state            varchar(12)  not null default 'PENDING' check (state in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts         int          not null default 0,
    next_attempt_at  timestamptz  not null,
    lease_until      timestamptz,
    last_error       varchar(500),
    created_at       timestamptz  not null,
    done_at          timestamptz,
    constraint notice_once unique (dossier_id, for_version, kind, channel)
);
-- the sender's question: pending, due, in order
create index notice_pending_idx on notice (next_attempt_at, id) where state = 'PENDING';
create index notice_dossier_idx on notice (dossier_id, id);
create index notice_failed_idx on notice (competent_unit, done_at) where state = 'FAILED';

-- every attempt, for the desk and the auditor
create table notice_attempt (
    notice_id    bigint       not null references notice (id),
    attempt      int          not null,
    at           timestamptz  not null,
    outcome      varchar(12)  not null check (outcome in ('DELIVERED', 'RETRY', 'REFUSED')),
    detail       varchar(500),
    primary key (notice_id, attempt)
);
