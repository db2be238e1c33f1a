-- A step's interval indexed as a point instead of a range: x its start, y its end (an end recorded before the start
-- counts as the start; an open step's end is 1e12 seconds, some 31,700 years, later than any period), both in
-- seconds since 2000-01-01 UTC, exact to the microsecond in a float8. A step meets a period [a, b] when it started
-- by b and did not end before a: its point lies in the box x <= b, y >= a. GiST builds a point index by sorting its
-- entries (PostgreSQL 14 and later), which a range index cannot do: on a million steps 2 s instead of 8, and a
-- rebuild builds this index once it has replayed, while the swap waits. The lists read as many rows as before.
-- FigureQueries.STEP_OPEN_DURING is the same expression: the two must stay equal for the index to be used.
drop index dossier_step_open_during;

create index dossier_step_open_during on dossier_step using gist (
    point(date_part('epoch', started_at - timestamptz '2000-01-01 00:00:00+00'),
          case when ended_at is null then 1e12::float8
               else date_part('epoch', greatest(ended_at, started_at) - timestamptz '2000-01-01 00:00:00+00') end));
