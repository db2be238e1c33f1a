-- A notice's address and the receipt's secret are sealed at rest (AES-GCM under the data key, DataProtection), which
-- makes them longer than the clear text they replace. Rows written before are sealed by the service at start
-- (SealLegacyRows): SQL has no key.
alter table notice alter column recipient type text;
alter table notice alter column lookup_secret type text;
