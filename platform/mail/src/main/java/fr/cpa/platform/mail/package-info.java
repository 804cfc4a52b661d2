/**
 * The platform's transactional mail outbox, for every service that mails people.
 *
 * <ul>
 * <li>{@link fr.cpa.platform.mail.Mails#send} queues a mail in the caller's transaction (table
 * {@code platform_mail_outbox}, created by the repeatable migration {@code db/migration/R__platform_mail.sql}), so a
 * change that commits always gets its mail and one that rolls back never does. A row keeps the recipient, the
 * template's <em>name</em> and the parameters; the text is rendered when the mail is sent.</li>
 * <li>{@link fr.cpa.platform.mail.MailSender}, a scheduled job every {@code cpa.mail.interval}, sends due mails one
 * transaction each with {@code FOR UPDATE SKIP LOCKED}, retries failures with a doubling pause and gives a mail up a
 * day after it was queued. It never logs a recipient.</li>
 * </ul>
 *
 * <h2>How a service gives its templates</h2>
 * Templates are the constants of a service's enum implementing {@link fr.cpa.platform.mail.MailTemplate}. The service
 * <strong>produces a {@link fr.cpa.platform.mail.MailTemplates} bean</strong> naming its enum(s):
 * <pre>{@code
 * @Produces
 * @Singleton
 * MailTemplates mailTemplates() {
 *     return MailTemplates.of(IdentityMail.class);
 * }
 * }</pre>
 * Chosen over enum class names in configuration: the list is Java, checked by the compiler and found by a reader from
 * the enum, with no reflection on strings and nothing to get wrong per environment. Several such beans are merged;
 * two templates of one name stop the start. {@code Mails.send} refuses a template that is not listed, so every
 * queued row names a template the sender can find; a row whose name an instance does not know (queued by a newer
 * version during a rolling upgrade) counts as a failed attempt there and is retried, by a newer instance in time.
 *
 * <h2>Storage</h2>
 * Plain JDBC over the default {@link javax.sql.DataSource}, in the JTA transaction (as the events outbox does), so
 * services with and without Hibernate ORM use it alike. The database's clock dates the rows, not the service clock:
 * a test that fixes "today" still sends its mails.
 */
package fr.cpa.platform.mail;
