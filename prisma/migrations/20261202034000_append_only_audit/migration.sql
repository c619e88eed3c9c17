-- The audit trail is append-only (SPEC §7): the database itself refuses to change, delete or
-- truncate an audit event, whoever asks (the app, a script, a person at psql). Only the table's
-- owner could drop the trigger, and that is a schema change, not something the app ever does.
-- The migration runner splits scripts at every semicolon, so the function body writes the one it
-- needs as the escape \073.
CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS
E'BEGIN RAISE EXCEPTION ''audit events cannot be changed or deleted (% refused)'', TG_OP USING ERRCODE = ''insufficient_privilege''\073 END';

CREATE TRIGGER "AuditEvent_append_only"
BEFORE UPDATE OR DELETE ON "AuditEvent"
FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();

CREATE TRIGGER "AuditEvent_no_truncate"
BEFORE TRUNCATE ON "AuditEvent"
FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
