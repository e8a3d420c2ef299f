/** One notification per cause: the same evaluation can never tell twice. */
export const notificationDedupeKey = (cause: 'evaluation', id: string) => `${cause}:${id}`;
export const deliveryDedupeKey = (notificationKey: string, channel: 'in_app' | 'email') =>
  `${notificationKey}:${channel}`;
