// One route of the API reference: what it does, the scopes it needs, its inputs, its answer, an
// example call and its problem answers. Everything comes from the view model (lib/api/docs.ts).
import type { DocRoute } from "@/lib/api/docs";
import { CodeBlock } from "./code-block";
import { FieldList } from "./field-list";
import { InlineCode } from "./inline-code";
import { MethodBadge } from "./method-badge";
import { PathText } from "./path-text";

const SUBHEADING = "mb-2 text-sm font-semibold";
const MUTED = "text-sm text-zinc-600 dark:text-zinc-400";

/** `adminOnly`: the route needs a scope that only an admin's token can hold. */
export function ApiRoute({ route, adminOnly }: { route: DocRoute; adminOnly: boolean }) {
  const headingId = `${route.id}-heading`;
  return (
    <article id={route.id} aria-labelledby={headingId} data-testid="api-route" className="min-w-0 scroll-mt-4 space-y-4 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <header className="space-y-1">
        <h3 id={headingId} className="flex flex-wrap items-center gap-2 text-base font-semibold">
          <MethodBadge method={route.method} />
          <code className="[overflow-wrap:anywhere]">
            <PathText path={route.path} />
          </code>
        </h3>
        <p>{route.summary}</p>
        {/* The generated description only repeats the scopes, which the line below shows. */}
        {route.description && !route.description.startsWith("Needs the ") && (
          <p className={MUTED}>
            <InlineCode text={route.description} />
          </p>
        )}
        <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="route-scopes">
          {route.scopes.length > 0 ? (
            <>
              <span>Scope{route.scopes.length > 1 ? "s" : ""}:</span>
              {route.scopes.map((scope) => (
                <code key={scope} className="rounded bg-zinc-100 px-1.5 py-0.5 dark:bg-zinc-800">{scope}</code>
              ))}
            </>
          ) : (
            <span>Any valid token: no scope needed.</span>
          )}
          {adminOnly && <span className="badge badge-amber">Admin tokens only</span>}
        </p>
      </header>

      {route.parameters.length > 0 && (
        <section aria-labelledby={`${route.id}-params`}>
          <h4 id={`${route.id}-params`} className={SUBHEADING}>Parameters</h4>
          <FieldList fields={route.parameters} label={`Parameters of ${route.method} ${route.path}`} />
        </section>
      )}

      {route.body && (
        <section aria-labelledby={`${route.id}-body`}>
          <h4 id={`${route.id}-body`} className={SUBHEADING}>Request body{route.body.schemaName ? `: ${route.body.schemaName}` : ""}</h4>
          {route.body.description && <p className={`mb-2 ${MUTED}`}>{route.body.description}</p>}
          <FieldList fields={route.body.fields} label={`Request body of ${route.method} ${route.path}`} />
        </section>
      )}

      <section aria-labelledby={`${route.id}-response`}>
        <h4 id={`${route.id}-response`} className={SUBHEADING}>Response</h4>
        <p className={MUTED}>
          <code>{route.response.status}</code> {route.response.description}
          {route.response.schemaName ? `: ${route.response.schemaName}` : route.response.type ? `: ${route.response.type}` : ""}
        </p>
        {route.response.fields.length > 0 && (
          <details className="mt-2">
            <summary className="cursor-pointer text-sm font-medium">Response fields ({route.response.fields.length})</summary>
            <div className="mt-2">
              <FieldList fields={route.response.fields} label={`Response fields of ${route.method} ${route.path}`} />
            </div>
          </details>
        )}
      </section>

      <div className="grid min-w-0 gap-3 lg:grid-cols-2">
        <CodeBlock label="Example request">{route.exampleRequest}</CodeBlock>
        <CodeBlock label="Example response">{route.exampleResponse}</CodeBlock>
      </div>

      <section aria-labelledby={`${route.id}-errors`}>
        <h4 id={`${route.id}-errors`} className={SUBHEADING}>Errors</h4>
        <p className={`mb-2 ${MUTED}`}>
          As <code>application/problem+json</code> (RFC 9457):
        </p>
        <ul className="space-y-1 text-sm" data-testid="route-errors">
          {route.errors.map((error) => (
            <li key={error.status}>
              <code className="font-semibold">{error.status}</code> {error.title}: {error.description}
              {error.headers.length > 0 && (
                <span className={MUTED}>
                  {" "}
                  (header {error.headers.map((header) => <code key={header}>{header}</code>)})
                </span>
              )}
            </li>
          ))}
        </ul>
        <details className="mt-2">
          <summary className="cursor-pointer text-sm font-medium">Example error</summary>
          <div className="mt-2">
            <CodeBlock label="Example problem response">{route.exampleError}</CodeBlock>
          </div>
        </details>
      </section>
    </article>
  );
}
