// TRACE is a method the Fetch standard forbids, so Next fails to make a Request of it and answers
// 500 before proxy.ts or any route could refuse it. This answers it with a 405 at the HTTP server
// instead, the one place that sees it first. (TRACK and CONNECT never get that far: Node's own
// parser refuses the first, and the second is not a request event.)
import http from "node:http";
import { ApiProblem } from "@/lib/api/problem";
import { API_ALLOW, PAGE_ALLOW } from "@/lib/request-guard";

const REFUSED = new Set(["TRACE"]);

let installed = false;

/** Makes every HTTP server of this process answer TRACE with 405; a problem+json under /api. */
export function refuseTrace(): void {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
    if (event !== "request" || !REFUSED.has(request.method ?? "")) return emit.call(this, event, ...args);
    if ((request.url ?? "").startsWith("/api/")) {
      const problem = new ApiProblem("method_not_allowed", `${request.method} is not allowed here`, { headers: { allow: API_ALLOW } });
      response.writeHead(405, problem.headers()).end(JSON.stringify(problem.body()));
    } else {
      response.writeHead(405, { allow: PAGE_ALLOW, "content-type": "text/plain; charset=utf-8" }).end("Method not allowed");
    }
    return true;
  } as typeof http.Server.prototype.emit;
}
