-- satisfaction-service: ratings of returned dossiers, complaints, and the local views they are checked against.

-- The dossiers this service knows of, from dossier events: enough to tell whether a dossier may be rated, and for
-- which unit a rating counts (its competent unit).
create table dossier_view (
    dossier_id        uuid         primary key,
    dossier_code      varchar(64)  not null unique,
    procedure_code    varchar(32),
    procedure_name    text,
    receiving_unit    varchar(32),
    competent_unit    varchar(32),
    reception_channel varchar(16),
    state             varchar(16)  not null check (state in ('OPEN', 'RETURNED', 'CLOSED')),
    closed_by         varchar(40),
    returned_at       timestamptz,
    return_channel    varchar(16),
    last_version      bigint       not null,
    updated_at        timestamptz  not null
);

-- Catalog data this service needs: unit types (which criteria set a unit's citizens answer) and working calendars.
create table catalog_unit (
    code          varchar(32)  primary key,
    name_vi       text         not null,
    unit_type     varchar(32)  not null,
    parent_code   varchar(32),
    event_id      uuid         not null,
    occurred_at   timestamptz  not null
);

create table calendar_year (
    year          integer      primary key,
    event_id      uuid         not null,
    occurred_at   timestamptz  not null,
    payload       text         not null
);

-- Criteria sets are versioned data: a version is never changed, a new one is published with its effective date.
create table criteria_set (
    code           varchar(32)  not null,
    version        integer      not null check (version >= 1),
    name_vi        text         not null,
    name           text         not null,
    unit_types     text         not null,
    effective_from date         not null,
    criteria       text         not null,
    published_at   timestamptz  not null,
    primary key (code, version)
);

-- Every submitted rating or ballot, whatever became of it: only VALID counts, the others keep their reason.
create table rating (
    id                   uuid         primary key,
    -- arrival order: the first of several ratings waiting for one dossier is the one that counts
    arrival              bigint       generated always as identity,
    dossier_id           uuid,
    dossier_code         varchar(64)  not null,
    unit_code            varchar(32),
    channel              varchar(16)  not null,
    status               varchar(16)  not null check (status in ('PENDING', 'VALID', 'INVALID', 'DUPLICATE', 'REFUSED')),
    reason               varchar(40),
    content_problem      varchar(40),
    criteria_set_code    varchar(32)  not null,
    criteria_set_version integer      not null,
    answers              text         not null,
    overall              smallint     check (overall between 1 and 5),
    comment              text,
    complaint            boolean      not null,
    complaint_text       text,
    ballot_number        varchar(40),
    ballot_unit          varchar(32),
    collected_at         timestamptz  not null,
    submitted_at         timestamptz  not null,
    submitted_by         varchar(200),
    pending_until        timestamptz,
    decided_at           timestamptz,
    check (status <> 'PENDING' or pending_until is not null),
    check (status in ('PENDING', 'VALID') or reason is not null)
);
-- one valid rating per dossier, whatever the race
create unique index rating_one_valid_per_dossier on rating (dossier_id) where status = 'VALID';
-- a paper ballot is entered once: its number is unique in the unit's ballot book
create unique index rating_ballot_number on rating (ballot_unit, ballot_number) where ballot_number is not null;
create index rating_pending_idx on rating (pending_until) where status = 'PENDING';
create index rating_dossier_code_idx on rating (dossier_code);
create index rating_unit_collected_idx on rating (unit_code, collected_at);

create table complaint (
    id                    uuid         primary key,
    rating_id             uuid         not null unique references rating (id),
    dossier_id            uuid,
    dossier_code          varchar(64)  not null,
    unit_code             varchar(32),
    channel               varchar(16)  not null,
    text                  text,
    opened_at             timestamptz  not null,
    due_at                timestamptz  not null,
    due_date              date         not null,
    calendar_data_missing boolean      not null,
    resolved_at           timestamptz,
    resolution            text,
    resolved_by           varchar(200),
    timeliness            varchar(10)  check (timeliness in ('EARLY', 'ON_TIME', 'LATE')),
    check ((resolved_at is null) = (timeliness is null))
);
create index complaint_unit_opened_idx on complaint (unit_code, opened_at);
create index complaint_open_due_idx on complaint (due_at) where resolved_at is null;

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

create table processed_event (
    event_id      uuid         primary key,
    consumer      varchar(100) not null,
    processed_at  timestamptz  not null
);

-- The two criteria sets used in the field (DOMAIN.md section 5).
insert into criteria_set (code, version, name_vi, name, unit_types, effective_from, criteria, published_at) values
('POLICE', 1, 'Đánh giá mức độ hài lòng trên VNeID (Công an)', 'Police service rating (VNeID)',
 'PROVINCIAL_POLICE,POLICE_DIVISION', '2025-09-01',
 '[{"code":"publication","name":"Publication of procedures","nameVi":"Công khai thủ tục hành chính"},
   {"code":"access","name":"Ease of access","nameVi":"Mức độ thuận tiện khi tiếp cận dịch vụ"},
   {"code":"online-submission","name":"Online submission","nameVi":"Nộp hồ sơ trực tuyến"},
   {"code":"reception","name":"Reception and handling","nameVi":"Tiếp nhận và giải quyết hồ sơ"},
   {"code":"processing-time","name":"Processing time","nameVi":"Thời gian giải quyết"},
   {"code":"result","name":"Result","nameVi":"Kết quả giải quyết"},
   {"code":"complaint-handling","name":"Complaint handling","nameVi":"Tiếp nhận, xử lý phản ánh, kiến nghị"}]',
 '2025-09-01T00:00:00+07:00'),
('SIPAS', 1, 'Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)', 'Satisfaction with public administrative services (SIPAS)',
 'PROVINCE,PROVINCE_DEPARTMENT,DISTRICT,COMMUNE', '2017-01-01',
 '[{"code":"access","name":"Access to the service","nameVi":"Tiếp cận dịch vụ"},
   {"code":"procedure","name":"Administrative procedure","nameVi":"Thủ tục hành chính"},
   {"code":"civil-servant","name":"Civil servant","nameVi":"Công chức giải quyết công việc"},
   {"code":"result","name":"Result","nameVi":"Kết quả giải quyết"},
   {"code":"feedback","name":"Handling of feedback","nameVi":"Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị"}]',
 '2017-01-01T00:00:00+07:00');
