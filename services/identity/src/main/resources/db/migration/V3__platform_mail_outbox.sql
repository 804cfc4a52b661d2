-- The mail outbox moves to the platform's mail library, whose table is platform_mail_outbox: the table is renamed
-- with its rows, so mails queued before the upgrade are still sent. The library's repeatable migration runs after
-- this one and finds the table: it only adds its index (given_up_at is added here already, see below).
ALTER TABLE mail_outbox RENAME TO platform_mail_outbox;
ALTER SEQUENCE mail_outbox_id_seq RENAME TO platform_mail_outbox_id_seq;
ALTER TABLE platform_mail_outbox RENAME CONSTRAINT mail_outbox_pkey TO platform_mail_outbox_pkey;
-- The library reads due mails through an index of its own.
DROP INDEX mail_outbox_pending;

-- The service's sender gave a mail up after 12 failed attempts and left it unsent; the library's sender takes every
-- unsent mail without given_up_at as due. Mails given up before the upgrade stay given up.
ALTER TABLE platform_mail_outbox ADD COLUMN given_up_at timestamptz;
UPDATE platform_mail_outbox SET given_up_at = now() WHERE sent_at IS NULL AND attempts >= 12;
