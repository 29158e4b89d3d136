// The device API's reference, rendered on the server from the OpenAPI document the API serves:
// no client script of its own, and a new route appears here as soon as the API has it.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { ApiIntro, INTRO_SECTIONS } from "@/components/docs/api-intro";
import { ApiRoute } from "@/components/docs/api-route";
import { ApiToc } from "@/components/docs/api-toc";
import { PageHeader } from "@/components/ui/page-header";
import { ROLE_SCOPES } from "@/lib/access/scopes";
import { apiDocs, introProblems } from "@/lib/api/docs";
import { originInUse } from "@/lib/origin";
import { openApiDocument } from "@/lib/api/openapi";
import { requireUser } from "@/lib/auth/session";
import { MAX_PAGE_SIZE } from "@/lib/devices/devices";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "API reference" };

const standardScopes: readonly string[] = ROLE_SCOPES.STANDARD;

export default async function ApiDocsPage() {
  await requireUser();
  const origin = originInUse((await headers()).get("host"), env.NEXTAUTH_URL);
  const docs = apiDocs(openApiDocument(), { origin, now: new Date() });
  return (
    <>
      <PageHeader title="API reference" description={`The ${docs.title} (version ${docs.version}): every route, the scope it needs, and an example to copy.`} />
      <div className="grid min-w-0 gap-8 lg:grid-cols-[16rem_minmax(0,1fr)]">
        <aside className="min-w-0 lg:sticky lg:top-4 lg:max-h-[calc(100dvh-2rem)] lg:self-start lg:overflow-y-auto">
          <ApiToc intro={[...INTRO_SECTIONS]} groups={docs.groups} />
        </aside>
        <div className="min-w-0 space-y-10">
          <ApiIntro
            origin={origin}
            basePath={docs.basePath}
            limits={{ perToken: env.API_RATE_LIMIT_PER_TOKEN, perIp: env.API_RATE_LIMIT_PER_IP, ipKnown: env.TRUSTED_PROXY_HOPS > 0 }}
            maxPageSize={MAX_PAGE_SIZE}
            problems={introProblems(docs.basePath)}
          />
          {docs.groups.map((group) => (
            <section key={group.id} id={group.id} aria-labelledby={`${group.id}-title`} className="min-w-0 scroll-mt-4 space-y-4">
              <h2 id={`${group.id}-title`} className="text-lg font-semibold">{group.tag}</h2>
              {group.routes.map((route) => (
                <ApiRoute key={route.id} route={route} adminOnly={route.scopes.some((scope) => !standardScopes.includes(scope))} />
              ))}
            </section>
          ))}
        </div>
      </div>
    </>
  );
}
