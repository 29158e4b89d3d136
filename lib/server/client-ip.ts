// The client's address: the last X-Forwarded-For entry, the one Next's own server (or the nearest
// trusted proxy) appended; earlier entries are whatever the client chose to send.
export function ipFromForwardedFor(header: string | null | undefined): string | null {
  return header?.split(",").at(-1)?.trim() || null;
}
