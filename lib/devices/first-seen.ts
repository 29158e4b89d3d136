// When a device was first seen: the earlier of when it was registered and its oldest reading. A
// device may send readings from before it was registered (a buffered backlog, or a demo seeded
// with a month of history), and "Added 13 min. ago" above a month of charts is untrue.

/** The earlier of `createdAt` and `firstReadingAt` (ISO times); `createdAt` when nothing was read. */
export function firstSeenAt(createdAt: string, firstReadingAt: string | null | undefined): string {
  if (!firstReadingAt) return createdAt;
  return Date.parse(firstReadingAt) < Date.parse(createdAt) ? firstReadingAt : createdAt;
}
