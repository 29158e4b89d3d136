// The network an address belongs to, for the "token used from a new network" rule: an IPv4 /24 or
// an IPv6 /48, the blocks a home or an office usually keeps, so that a changing host part is not news.
import { isIP } from "node:net";

/**
 * "203.0.113.0/24" for 203.0.113.9, "2001:db8:1::/48" for 2001:db8:1:2::9, the IPv4 form for an
 * IPv4-mapped IPv6 address; null for no address or anything that is not one (the address comes
 * from X-Forwarded-For, which a client may fill with anything).
 */
export function networkOf(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const address = withoutPort(ip.trim()).replace(/%.*$/, "");
  const version = isIP(address);
  if (version === 4) return v4Network(address);
  if (version !== 6) return null;
  const groups = v6Groups(address);
  if (!groups) return null;
  // ::ffff:a.b.c.d is an IPv4 client on a dual-stack socket: the same network as a.b.c.d.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [high, low] = [groups[6]!, groups[7]!];
    return `${high >> 8}.${high & 0xff}.${low >> 8}.0/24`;
  }
  return `${groups.slice(0, 3).map((g) => g.toString(16)).join(":")}::/48`;
}

/** "1.2.3.4:567" and "[2001:db8::1]:443" without their ports; anything else as it is. */
function withoutPort(ip: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  if (bracketed) return bracketed[1]!;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(ip);
  return v4 ? v4[1]! : ip;
}

function v4Network(address: string): string {
  const [a, b, c] = address.split(".").map(Number);
  return `${a}.${b}.${c}.0/24`;
}

/** The eight 16-bit groups of a valid IPv6 address (isIP checked it), its "::" expanded. */
function v6Groups(address: string): number[] | null {
  let text = address.toLowerCase();
  // A trailing dotted IPv4 part stands for the last two groups.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const part = (s: string | undefined) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const [front, back] = [part(head), part(tail)];
  const groups = tail === undefined ? front : [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}
