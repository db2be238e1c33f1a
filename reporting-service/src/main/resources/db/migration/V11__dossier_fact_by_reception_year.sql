-- dossier_fact partitioned by the year its dossier entered (received, or refused at reception: entered_at), in
-- Vietnam time. A year's facts are then a table of their own: vacuumed, dumped, moved to cheaper storage or detached
-- on their own, and a question about a period reads no partition of a later year. entered_at never changes after a
-- dossier's first event, so a fact never moves between partitions; the key is (dossier_id, entered_at) because a
-- partitioned table's unique keys must hold its partition key.
--
-- The projection creates a year's partition the first time a fact of that year is written
-- (FactPartitions.ensure, the one place the bounds are computed from: a year of duedate.Period); this migration does
-- the same for the years already stored and moves their rows over as they are. Years outside 2000-2099 (a
-- mistyped import) share two edge partitions, so no input makes the projection create a table per year it claims.
-- The secondary indexes are built again on the partitioned table from their own definitions, after the rows.

-- the analyst views read dossier_fact: R__analyst_views.sql re-creates them on the new table
drop view if exists v_notice, v_unit_month, v_dossier_step, v_dossier;

alter table dossier_fact rename to dossier_fact_unpartitioned;

create table dossier_fact (like dossier_fact_unpartitioned including defaults including generated
    including constraints including storage including comments) partition by range (entered_at);

do $$
declare
    y int;
    cols text;
    defs text[];
    def text;
begin
    execute format('create table dossier_fact_before_2000 partition of dossier_fact for values from (minvalue) to (%L)',
                   make_timestamptz(2000, 1, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh'));
    execute format('create table dossier_fact_from_2100 partition of dossier_fact for values from (%L) to (maxvalue)',
                   make_timestamptz(2100, 1, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh'));
    for y in select distinct extract(year from entered_at at time zone 'Asia/Ho_Chi_Minh')::int
             from dossier_fact_unpartitioned loop
        if y between 2000 and 2099 then
            execute format('create table %I partition of dossier_fact for values from (%L) to (%L)',
                           'dossier_fact_y' || y, make_timestamptz(y, 1, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh'),
                           make_timestamptz(y + 1, 1, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh'));
        end if;
    end loop;

    -- every stored column but the generated ones, which the new table computes again
    select string_agg(quote_ident(column_name), ', ' order by ordinal_position) into cols
    from information_schema.columns
    where table_schema = current_schema() and table_name = 'dossier_fact_unpartitioned' and is_generated = 'NEVER';
    execute format('insert into dossier_fact (%s) select %s from dossier_fact_unpartitioned', cols, cols);

    select array_agg(pg_get_indexdef(indexrelid)) into defs
    from pg_index where indrelid = 'dossier_fact_unpartitioned'::regclass and not indisprimary;
    drop table dossier_fact_unpartitioned;
    alter table dossier_fact add primary key (dossier_id, entered_at);
    foreach def in array coalesce(defs, '{}') loop
        execute replace(def, '.dossier_fact_unpartitioned USING', '.dossier_fact USING');
    end loop;
end
$$;

analyze dossier_fact;
