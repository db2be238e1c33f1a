-- catalog-service owns the schema "catalog"; no other service reads these tables.

create table field (
    code        varchar(64)  primary key,
    name_vi     varchar(300) not null,
    name_en     varchar(300)
);

create table unit (
    code         varchar(64)  primary key,
    name_vi      varchar(300) not null,
    type         varchar(32)  not null,
    parent_code  varchar(64)  references unit (code),
    valid_from   date         not null,
    valid_to     date,
    search_text  varchar(600) not null,
    updated_at   timestamptz  not null,
    constraint unit_valid_range check (valid_to is null or valid_to >= valid_from)
);
create index unit_parent_idx on unit (parent_code);
create index unit_type_idx on unit (type);

create table procedure (
    code                  varchar(64)   primary key,
    name_vi               varchar(1000) not null,
    field_code            varchar(64)   not null references field (code),
    level                 varchar(16)   not null,
    -- ",PROVINCIAL_POLICE,POLICE_DIVISION," so that one type can be matched with like
    competent_unit_types  varchar(300)  not null,
    abolished_on          date,
    abolish_decision      varchar(500),
    search_text           varchar(2000) not null,
    updated_at            timestamptz   not null
);
create index procedure_field_idx on procedure (field_code);
create index procedure_level_idx on procedure (level);

create table procedure_version (
    id                  bigserial    primary key,
    procedure_code      varchar(64)  not null references procedure (code),
    version             int          not null,
    effective_from      date         not null,
    effective_to        date,
    legal_amount        int          not null,
    legal_unit          varchar(32)  not null,
    fee_vnd             bigint,
    fee_note            varchar(1000),
    online_level        varchar(16)  not null,
    postal_reception    boolean      not null,
    postal_return       boolean      not null,
    required_documents  text         not null, -- JSON array of strings
    legal_basis         varchar(2000),
    decision            varchar(500),
    constraint procedure_version_unique unique (procedure_code, version),
    constraint procedure_version_range check (effective_to is null or effective_to >= effective_from),
    constraint procedure_version_fee check (fee_vnd is null or fee_vnd >= 0)
);
create index procedure_version_in_force_idx on procedure_version (procedure_code, effective_from, effective_to);

create table commitment (
    id              bigserial    primary key,
    unit_code       varchar(64)  not null references unit (code),
    procedure_code  varchar(64)  not null references procedure (code),
    amount          int          not null,
    time_unit       varchar(32)  not null,
    effective_from  date         not null,
    effective_to    date,
    note            varchar(1000),
    constraint commitment_range check (effective_to is null or effective_to >= effective_from)
);
create index commitment_pair_idx on commitment (unit_code, procedure_code, effective_from);

create table calendar_year (
    year        int          primary key,
    revision    int          not null,
    document    text         not null, -- the CalendarYear as JSON, validated before it is stored
    provisional boolean      not null default false,
    source      varchar(1000),
    updated_at  timestamptz  not null
);

-- Transactional outbox: written in the same transaction as the change it announces, relayed to Kafka afterwards.
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
