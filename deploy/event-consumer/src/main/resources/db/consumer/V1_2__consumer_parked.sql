-- What a consumer could not apply, and what waits behind it. Shared by every service with a consumer
-- (quarkus.flyway.locations lists db/consumer); created in the service's own schema.
-- A record is parked as DEAD_LETTER when applying it failed deterministically (it also went to the consumer's
-- dead-letter topic), as OUT_OF_ORDER when a version before it is missing, and as WAITING when an earlier record of
-- its stream is parked: the stream's order survives, nothing is applied out of order and nothing is dropped.
-- A replay applies a stream's parked records in offset order (REPLAYED); an admin may discard one, with a reason.
create table consumer_parked (
    id              bigserial    primary key,
    consumer        varchar(100) not null,
    stream          text         not null,
    topic           varchar(249) not null,
    kafka_partition int          not null,
    kafka_offset    bigint       not null,
    record_key      bytea,
    payload         bytea,
    cause           varchar(20)  not null check (cause in ('DEAD_LETTER', 'OUT_OF_ORDER', 'WAITING')),
    reason          text         not null,
    sql_state       varchar(5),
    error_class     text,
    status          varchar(20)  not null default 'PARKED' check (status in ('PARKED', 'REPLAYED', 'DISCARDED')),
    parked_at       timestamptz  not null,
    settled_at      timestamptz,
    settled_by      text,
    settle_reason   text,
    unique (consumer, topic, kafka_partition, kafka_offset)
);
create index consumer_parked_open on consumer_parked (consumer, stream, kafka_offset) where status = 'PARKED';
