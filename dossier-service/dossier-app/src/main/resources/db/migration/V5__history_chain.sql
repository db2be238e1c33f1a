-- Tamper-evident history (issue 19). Every event carries the hash of its stream's previous event and its own hash
-- (vn.motcua.dossier.domain.history.EventHash), and every closed day of recorded events is sealed in
-- dossier_history_seal (a Merkle root over the day's event hashes, chained to the previous day's seal).

alter table dossier_event add column prev_hash bytea, add column hash bytea;

-- The hash of EventHash, byte for byte: each field as a 4-byte big-endian length and its bytes; instants as
-- microseconds since the Unix epoch in 8 bytes. Kept for the chaining below and for checks from SQL.
create function dossier_event_hash(prev bytea, dossier uuid, version int, event_type text, occurred timestamptz,
                                   recorded timestamptz, payload text) returns bytea
    language sql immutable strict as $$
    select sha256(
        int4send(length(prev)) || prev
        || int4send(16) || uuid_send(dossier)
        || int4send(4) || int4send(version)
        || int4send(octet_length(convert_to(event_type, 'UTF8'))) || convert_to(event_type, 'UTF8')
        || int4send(8) || int8send((extract(epoch from occurred) * 1000000)::bigint)
        || int4send(8) || int8send((extract(epoch from recorded) * 1000000)::bigint)
        || int4send(octet_length(convert_to(payload, 'UTF8'))) || convert_to(payload, 'UTF8'))
$$;

-- Events recorded before this migration are chained here, once, stream by stream in version order (the
-- append-only trigger is off for this one update, inside the migration's transaction).
alter table dossier_event disable trigger dossier_event_no_update;
do $$
declare
    r record;
    previous bytea;
    current_stream uuid;
    h bytea;
begin
    for r in select position, dossier_id, version, event_type, occurred_at, recorded_at, payload
             from dossier_event order by dossier_id, version loop
        if current_stream is distinct from r.dossier_id then
            current_stream := r.dossier_id;
            previous := null;
        end if;
        h := dossier_event_hash(coalesce(previous, ''::bytea), r.dossier_id, r.version, r.event_type,
                                r.occurred_at, r.recorded_at, r.payload);
        update dossier_event set prev_hash = previous, hash = h where position = r.position;
        previous := h;
    end loop;
end $$;
alter table dossier_event enable trigger dossier_event_no_update;

alter table dossier_event alter column hash set not null,
    add constraint dossier_event_hash_length check (octet_length(hash) = 32),
    add constraint dossier_event_prev_hash_first check ((version = 1) = (prev_hash is null));

-- The sealer's and the checker's order: a day's events by (recorded_at, position).
create index dossier_event_recorded_idx on dossier_event (recorded_at, position);

-- One row per day (Vietnam time) of recorded events, without gaps from the first day with events; written by the
-- sealer once the day is closed, never changed.
create table dossier_history_seal (
    day          date         primary key,
    event_count  bigint       not null,
    merkle_root  bytea        not null,
    prev_seal    bytea,
    seal         bytea        not null,
    sealed_at    timestamptz  not null
);
create function dossier_history_seal_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'dossier_history_seal is append-only';
end $$;
create trigger dossier_history_seal_no_update before update or delete on dossier_history_seal
    for each row execute function dossier_history_seal_is_append_only();
