-- The trace of the command that wrote an event (W3C traceparent), so the relay's publish and every consumer's apply
-- continue it. Shared by every service with an outbox (quarkus.flyway.locations lists db/outbox); runs after the
-- service's own V1, which creates the table.
alter table outbox add column trace_parent varchar(55);
