-- A transfer's stepName is optional in the dossier contract: a step without a name is a step all the same.
alter table dossier_step alter column step_name drop not null;
