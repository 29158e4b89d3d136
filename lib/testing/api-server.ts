// A real HTTP server in front of the real device API core, standing in for a separate deployment
// (DEVICE_API_URL) or for `next start` where a test needs plain HTTP.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { handleApiRequest } from "@/lib/api/router";

export type ApiServer = { url: string; authorizations: string[]; close(): Promise<void> };

export async function startApiServer(): Promise<ApiServer> {
  const authorizations: string[] = [];
  const server = http.createServer(async (req, res) => {
    authorizations.push(req.headers.authorization ?? "");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body });
    const response = await handleApiRequest(request, { ip: "127.0.0.1" });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    authorizations,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
