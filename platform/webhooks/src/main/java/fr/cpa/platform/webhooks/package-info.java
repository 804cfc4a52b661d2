/**
 * Partners' webhooks: training organisations, funders and employers register HTTPS endpoints for event types of a
 * service, which POSTs them each event signed as Standard Webhooks (standardwebhooks.com), at least once.
 *
 * <ul>
 * <li>{@link fr.cpa.platform.webhooks.WebhookSubscriptions}: create, list, get, deactivate a partner's subscription,
 * rotate its secret. The owner is the partner's key (a SIRET, a client id), opaque here, taken by the service from
 * the caller's token; another owner's subscription is not found. The secret ({@code whsec_} and 32 random bytes in
 * base64) is answered at creation and rotation only and stored sealed with AES-256-GCM under
 * {@code cpa.webhooks.secret-key}.</li>
 * <li>{@link fr.cpa.platform.webhooks.Webhooks#enqueue} queues an event in the caller's transaction (table
 * {@code platform_webhook_delivery}, from the repeatable migration {@code db/migration/R__platform_webhooks.sql}): one
 * delivery per active matching subscription, once per event id.</li>
 * <li>{@link fr.cpa.platform.webhooks.WebhookDispatcher}, every {@code cpa.webhooks.interval}, POSTs due deliveries
 * claimed with {@code FOR UPDATE SKIP LOCKED}, retries failures with a growing, jittered pause for a day after the
 * first attempt and logs every attempt ({@code platform_webhook_attempt}).</li>
 * <li>{@link fr.cpa.platform.webhooks.WebhookDeliveries}: a subscription's deliveries with their attempts, and
 * replays (a new delivery, the same {@code webhook-id}).</li>
 * </ul>
 *
 * <h2>What a service gives</h2>
 * The event types it sends, as a {@link fr.cpa.platform.webhooks.WebhookEventTypes} bean (merged when there are
 * several), and the resources that call these classes with the caller's key: the library has no HTTP resource of its
 * own, since who owns what and which types a role may choose are the service's rules.
 *
 * <h2>Storage</h2>
 * Plain JDBC over the default {@link javax.sql.DataSource}, in the JTA transaction, as platform/mail.
 */
package fr.cpa.platform.webhooks;
