-- reporting-service owns the schema "reporting". Every table below is a projection of events: it can be dropped
-- and rebuilt by replaying the topics (see projection_checkpoint). Analysts read the views of schema
-- "reporting_views" (R__analyst_views.sql), never these tables.

-- ---- catalog replica (topics motcua.catalog.*)
create table unit (
    code          text primary key,
    name_vi       text not null,
    type          text,
    parent_code   text,
    valid_from    date,
    valid_to      date
);
create index unit_parent on unit (parent_code);

create table procedure (
    code                 text primary key,
    name_vi              text not null,
    field_code           text,
    field_name_vi        text,
    level                text,
    competent_unit_types text[] not null default '{}',
    abolished_on         date
);

create table procedure_version (
    procedure_code  text not null,
    version         int not null,
    effective_from  date not null,
    effective_to    date,
    time_unit       text not null,
    time_amount     int not null,
    online_level    text,
    postal_reception boolean not null,
    primary key (procedure_code, version)
);

create table commitment_period (
    unit_code       text not null,
    procedure_code  text not null,
    seq             int not null,
    effective_from  date not null,
    effective_to    date,
    time_unit       text not null,
    time_amount     int not null,
    primary key (unit_code, procedure_code, seq)
);

create table calendar_year (
    year      int primary key,
    revision  int not null,
    body      jsonb not null
);

-- ---- one row per dossier (topic motcua.dossier.events.v1), folded from its events in version order
create table dossier_fact (
    dossier_id            uuid primary key,
    dossier_code          text not null,
    last_version          bigint not null,
    procedure_code        text not null,
    procedure_version     int not null,
    procedure_name_vi     text,
    time_unit             text not null,
    legal_amount          int not null,
    applied_amount        int not null,
    committed_shorter     boolean not null,
    online_level          text,
    receiving_unit        text not null,
    competent_unit        text not null,
    channel               text not null,
    -- reception instant, or the refusal instant of a dossier refused at reception
    entered_at            timestamptz not null,
    received_at           timestamptz,
    refused_at_reception  timestamptz,
    counting_starts_at    timestamptz,
    due_reception_at      timestamptz,
    due_reception_date    date,
    due_record_at         timestamptz,
    due_record_date       date,
    national_due_at       timestamptz,
    national_due_date     date,
    rescheduled_due_at    timestamptz,
    rescheduled_due_date  date,
    last_due_change_at    timestamptz,
    -- every due in force, from when: [{"from","recordAt","recordDate","nationalAt","nationalDate"}]
    due_history           jsonb not null default '[]',
    supplement_requests   int not null default 0,
    second_supplement_at  timestamptz,
    -- every wait for the applicant: [{"kind":"SUPPLEMENT"|"PAYMENT","from","to"}]
    waits                 jsonb not null default '[]',
    apology_at            timestamptz,
    apology_unit          text,
    apology_timely        boolean,
    overdue_at            timestamptz,
    completed_at          timestamptz,
    completion_kind       text,
    outcome               text,
    record_timeliness     text,
    national_timeliness   text,
    used_amount           numeric(12, 2),
    used_ratio            numeric(8, 4),
    returned_at           timestamptz,
    return_channel        text,
    withdrawn_at          timestamptz,
    current_unit          text
);
create index dossier_fact_unit_entered on dossier_fact (competent_unit, entered_at);
create index dossier_fact_code on dossier_fact (dossier_code);

-- the process control sheet: one row per handling step
create table dossier_step (
    dossier_id     uuid not null,
    number         int not null,
    unit_code      text not null,
    step_name      text not null,
    competent_unit text not null,
    started_at     timestamptz not null,
    deadline       timestamptz,
    ended_at       timestamptz,
    primary key (dossier_id, number)
);
create index dossier_step_unit on dossier_step (unit_code, started_at);

-- ---- ratings (topic motcua.satisfaction.events.v1): one row per rating or invalid ballot
create table rating_fact (
    rating_id     uuid primary key,
    event_id      uuid not null,
    dossier_id    uuid,
    dossier_code  text not null,
    unit_code     text,
    channel       text not null,
    rated_at      timestamptz not null,
    valid         boolean not null,
    status        text,
    overall       int,
    satisfied     boolean,
    disliked      boolean,
    complaint     boolean not null default false
);
create index rating_fact_unit on rating_fact (unit_code, rated_at);

-- satisfaction events applied (delivery is at least once)
create table rating_processed_event (
    event_id     uuid primary key,
    processed_at timestamptz not null
);

-- where each projection has read up to, per topic partition: written in the same transaction as the view
create table projection_checkpoint (
    projection  text not null,
    topic       text not null,
    partition   int not null,
    next_offset bigint not null,
    updated_at  timestamptz not null,
    primary key (projection, topic, partition)
);
