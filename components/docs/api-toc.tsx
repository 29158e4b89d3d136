// The reference's table of contents: the introduction's sections, then every group and route,
// each a link to its anchor on the page.
import type { DocGroup } from "@/lib/api/docs";
import { MethodBadge } from "./method-badge";
import { PathText } from "./path-text";

export function ApiToc({ intro, groups }: { intro: { id: string; title: string }[]; groups: DocGroup[] }) {
  const link = "block rounded px-1 py-0.5 hover:bg-zinc-200/60 dark:hover:bg-zinc-800";
  return (
    <nav aria-label="On this page" className="min-w-0 text-sm">
      <h2 className="mb-2 font-semibold">On this page</h2>
      <ul className="space-y-0.5">
        {intro.map((section) => (
          <li key={section.id}>
            <a href={`#${section.id}`} className={link}>{section.title}</a>
          </li>
        ))}
      </ul>
      {groups.map((group) => (
        <div key={group.id} className="mt-3">
          <a href={`#${group.id}`} className={`${link} font-medium`}>{group.tag}</a>
          <ul className="mt-0.5 space-y-0.5">
            {group.routes.map((route) => (
              <li key={route.id}>
                <a href={`#${route.id}`} className={`${link} flex items-baseline gap-1.5`}>
                  <MethodBadge method={route.method} />
                  <code className="min-w-0 text-xs [overflow-wrap:anywhere]">
                    <PathText path={route.path} />
                  </code>
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
