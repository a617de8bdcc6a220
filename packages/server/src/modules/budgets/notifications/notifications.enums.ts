/** Where an alert is sent: a signed webhook or e-mail over SMTP to each recipient. */
export const NOTIFICATION_CHANNEL_KINDS = ['WEBHOOK', 'EMAIL'] as const;
export type NotificationChannelKind = (typeof NOTIFICATION_CHANNEL_KINDS)[number];

/** An outbox row: PENDING until a receiver acknowledged it (DELIVERED) or the attempts ran out (DEAD). */
export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'DEAD'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
