-- dossier-service owns the schema "dossier". The event store is the source of truth; every other table here is
-- derived from it (and can be rebuilt), or bookkeeping for exactly-once effects.

-- Append-only event store: one stream per dossier, versions 1..n without gaps (the unique key is the optimistic
-- concurrency check), and a global position that orders all events of the store.
create table dossier_event (
    position     bigserial    primary key,
    event_id     uuid         not null unique,
    dossier_id   uuid         not null,
    version      int          not null check (version > 0),
    event_type   varchar(60)  not null,
    occurred_at  timestamptz  not null,
    recorded_at  timestamptz  not null,
    payload      text         not null,
    constraint dossier_event_stream_version unique (dossier_id, version)
);

-- Events never change: the store refuses updates and deletes, whoever asks.
create function dossier_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'dossier_event is append-only';
end $$;
create trigger dossier_event_no_update before update or delete on dossier_event
    for each row execute function dossier_event_is_append_only();

-- Transactional outbox: written with the events, relayed to Kafka afterwards.
create table outbox (
    id            bigserial    primary key,
    event_id      uuid         not null unique,
    topic         varchar(200) not null,
    record_key    varchar(200) not null,
    event_type    varchar(100) not null,
    payload       text         not null,
    created_at    timestamptz  not null,
    published_at  timestamptz
);
create index outbox_pending_idx on outbox (id) where published_at is null;

-- Read table for work queues, lookups and the overdue watcher, updated in the transaction that appends the events
-- (last_version is its checkpoint per dossier); rebuilt from the store by replay.
create table dossier_view (
    dossier_id          uuid         primary key,
    dossier_code        varchar(60)  not null unique,
    source_key          varchar(200) unique,
    procedure_code      varchar(40),
    procedure_name      varchar(500),
    receiving_unit      varchar(40)  not null,
    competent_unit      varchar(40)  not null,
    current_unit        varchar(40),
    channel             varchar(10),
    status              varchar(30)  not null,
    applicant_name      varchar(200),
    received_at         timestamptz,
    due_at              timestamptz,
    due_date            date,
    due_of_record_at    timestamptz,
    due_at_reception    timestamptz,
    clock_running       boolean      not null,
    open                boolean      not null,
    overdue             boolean      not null,
    apologized          boolean      not null,
    completed_at        timestamptz,
    returned_at         timestamptz,
    lookup_secret_hash  varchar(100),
    last_version        int          not null,
    updated_at          timestamptz  not null
);
create index dossier_view_unit_status_due_idx on dossier_view (current_unit, status, due_at);
create index dossier_view_competent_due_idx on dossier_view (competent_unit, open, due_at);
create index dossier_view_receiving_idx on dossier_view (receiving_unit, received_at);
-- the overdue watcher's question: open, running, not yet overdue, due passed
create index dossier_view_watch_idx on dossier_view (due_at) where clock_running and not overdue;

-- Idempotency keys: the first answer to a command, kept so a retry gets it again and appends nothing.
create table idempotency_key (
    key_hash      varchar(64)  primary key,
    caller        varchar(200) not null,
    request_hash  varchar(64)  not null,
    status        int          not null,
    dossier_id    uuid,
    dossier_version int,
    response      text         not null,
    created_at    timestamptz  not null
);
create index idempotency_key_created_idx on idempotency_key (created_at);

-- Dossier codes: <receiving unit>-<yyMMdd>-<sequence>, a sequence per unit and day.
create table dossier_code_counter (
    unit_code  varchar(40) not null,
    day        date        not null,
    last_seq   int         not null,
    primary key (unit_code, day)
);

-- Local replica of the catalog (compacted topics: the latest snapshot per key), fed by catalog events.
create table catalog_replica (
    topic        varchar(200) not null,
    record_key   varchar(200) not null,
    event_id     uuid         not null,
    event_type   varchar(100) not null,
    occurred_at  timestamptz  not null,
    payload      text         not null,
    primary key (topic, record_key)
);

-- Consumed events already applied (same transaction as the effect): a redelivery changes nothing.
create table processed_event (
    event_id      uuid         primary key,
    consumer      varchar(100) not null,
    processed_at  timestamptz  not null
);
