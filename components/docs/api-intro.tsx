// The reference's introduction: how to get a token and send it, the rate limits, pagination, the
// shape of every error, and where the raw OpenAPI document is.
import Link from "next/link";
import { CodeBlock } from "./code-block";

export const INTRO_SECTIONS = [
  { id: "tokens", title: "Getting a token" },
  { id: "authentication", title: "Authentication" },
  { id: "rate-limits", title: "Rate limits" },
  { id: "pagination", title: "Pagination" },
  { id: "errors", title: "Errors" },
  { id: "openapi", title: "OpenAPI document" },
] as const;

type Props = {
  origin: string;
  basePath: string;
  limits: { perToken: number; perIp: number; ipKnown: boolean };
  maxPageSize: number;
  problems: { invalid: string; rateLimited: string };
};

const SECTION = "scroll-mt-4 space-y-2";
const HEADING = "text-lg font-semibold";
const title = (id: (typeof INTRO_SECTIONS)[number]["id"]) => INTRO_SECTIONS.find((s) => s.id === id)!.title;

export function ApiIntro({ origin, basePath, limits, maxPageSize, problems }: Props) {
  const openApi = `${basePath}/openapi.json`;
  return (
    <div className="space-y-6 text-sm leading-relaxed">
      <section id="tokens" aria-labelledby="tokens-title" className={SECTION}>
        <h2 id="tokens-title" className={HEADING}>{title("tokens")}</h2>
        <p>
          Create a personal token for a script, or a device token for one device, on{" "}
          <Link href="/settings/tokens" className="font-medium text-sky-700 underline dark:text-sky-300">your tokens page</Link>. Choose only
          the scopes the script needs: each route below names the ones it requires. A token is shown once, when it is made; keep it in a secret
          store or an environment variable such as <code>GATEHOUSE_TOKEN</code>, which the examples use.
        </p>
      </section>

      <section id="authentication" aria-labelledby="authentication-title" className={SECTION}>
        <h2 id="authentication-title" className={HEADING}>{title("authentication")}</h2>
        <p>
          Send the token in the <code>Authorization</code> header as a bearer token, and nowhere else: a token in the address is refused, so
          that it never lands in a log or a browser history. Requests go to <code className="break-all">{`${origin}${basePath}`}</code>.
        </p>
        <CodeBlock label="Every request">{`curl "${origin}${basePath}/me" \\\n  -H "Authorization: Bearer $GATEHOUSE_TOKEN"`}</CodeBlock>
      </section>

      <section id="rate-limits" aria-labelledby="rate-limits-title" className={SECTION}>
        <h2 id="rate-limits-title" className={HEADING}>{title("rate-limits")}</h2>
        <p>
          Each token may make {limits.perToken.toLocaleString("en-US")} requests a minute
          {limits.ipKnown ? `, and each client address ${limits.perIp.toLocaleString("en-US")}` : ""}. Past a limit the API answers{" "}
          <code>429 Too Many Requests</code> with a <code>Retry-After</code> header: wait that many seconds before the next request. Request
          bodies have a size limit too (each route gives it); a larger one answers <code>413</code>.
        </p>
        <CodeBlock label="A rate-limited request">{problems.rateLimited}</CodeBlock>
      </section>

      <section id="pagination" aria-labelledby="pagination-title" className={SECTION}>
        <h2 id="pagination-title" className={HEADING}>{title("pagination")}</h2>
        <p>
          Lists come a page at a time. Ask for a page size with <code>limit</code> (at most {maxPageSize}); a page ends with{" "}
          <code>nextCursor</code>, which you pass back as <code>cursor</code> for the next page, and which is <code>null</code> on the last
          page. The overview search counts pages instead, with <code>page</code> and <code>pages</code>.
        </p>
      </section>

      <section id="errors" aria-labelledby="errors-title" className={SECTION}>
        <h2 id="errors-title" className={HEADING}>{title("errors")}</h2>
        <p>
          Every error is <code>application/problem+json</code> (RFC 9457): <code>type</code>, <code>title</code>, <code>status</code>,{" "}
          <code>detail</code>, a stable <code>code</code>, the <code>instance</code> that was asked for, and, when input was refused,{" "}
          <code>errors</code> by field. A device or user that is not yours answers <code>404</code>, as one that does not exist.
        </p>
        <CodeBlock label="A refused query">{problems.invalid}</CodeBlock>
      </section>

      <section id="openapi" aria-labelledby="openapi-title" className={SECTION}>
        <h2 id="openapi-title" className={HEADING}>{title("openapi")}</h2>
        <p>
          This page is made from the API&apos;s OpenAPI 3.1 document, which the same schemas that check every request generate. Feed it to a
          client generator or an API tool:{" "}
          <a href={openApi} className="font-medium break-all text-sky-700 underline dark:text-sky-300">{openApi}</a> (no token needed).
        </p>
      </section>
    </div>
  );
}
