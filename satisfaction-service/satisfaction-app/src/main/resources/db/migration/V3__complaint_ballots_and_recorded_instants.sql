-- Issue 19. A dossier has at most one open complaint: further complaint ballots of the dossier attach to it here
-- (twenty paper ballots with "complaint" were twenty complaints). Every complaint's own ballot is listed too.
create table complaint_ballot (
    rating_id    uuid         primary key references rating (id),
    complaint_id uuid         not null references complaint (id),
    attached_at  timestamptz  not null
);
create index complaint_ballot_complaint_idx on complaint_ballot (complaint_id);
insert into complaint_ballot (rating_id, complaint_id, attached_at)
select rating_id, id, opened_at from complaint;

-- The answer's claimed instant (resolved_at) is kept beside the instant the service recorded it, and the
-- on-time/late decision says which of the two it used. Earlier answers: both are the claimed one (unknown).
alter table complaint
    add column resolution_recorded_at timestamptz,
    add column timeliness_basis varchar(10) check (timeliness_basis in ('CLAIMED', 'RECORDED'));
update complaint set resolution_recorded_at = resolved_at, timeliness_basis = 'CLAIMED' where resolved_at is not null;
alter table complaint
    add check ((resolved_at is null) = (resolution_recorded_at is null)),
    add check ((resolved_at is null) = (timeliness_basis is null));
